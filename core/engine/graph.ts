// The network's tree (spec §12) compiled into steps over slots: a slot holds one matrix of
// activations — X is slot 0, layer l's A[l] is slot l, and each residual sum and concat join gets
// the next slot after L. A step reads its input slots and writes its own; steps run in the order of
// the tree (which is the order of l), so backward runs them in reverse and a slot's gradient is
// complete before its producer needs it. A slot read by several steps (a residual's input, a
// concat's, a skip) sums their gradients (§12): the last reader in forward order writes it, the
// others add to it.

import { IDENTITY, networkBody, type Activation, type NetworkSpec } from '../foundation/model';
import { engineLayers, features, foldTree, groupKindOf, inputShape, type EngineLayer, type GroupEngine, type Shape } from '../layers';

/** How a step passes a gradient to one of its input slots: none (X), writing it, or adding to it. */
export type GradientMode = 'none' | 'write' | 'add';

export type Step =
  | { kind: 'layer'; l: number; input: number; dInput: GradientMode }
  | { kind: 'group'; slot: number; engine: GroupEngine; parts: number[]; dParts: GradientMode[] };

/** What a slot holds per example, and how its matrices are laid out. */
export interface Slot {
  /** entries per example: n[l], or n_H·n_W·n_C */
  features: number;
  /** one example per row (a volume) or per column */
  byRows: boolean;
  /** g of the slot (linear for X, pools, flatten and a concat) */
  activation: Activation;
  /** whether the slot has a Z of its own (false: Z is A) */
  hasZ: boolean;
}

export interface Graph {
  /** every layer with its engine part and shapes, index l − 1 */
  layers: EngineLayer[];
  /** slot 0 is X, slot l is layer l, slots after L the groups' outputs */
  slots: Slot[];
  steps: Step[];
}

export function compileGraph(spec: NetworkSpec): Graph {
  const layers = engineLayers(spec);
  const input = inputShape(spec);
  const slots: Slot[] = [
    { features: spec.inputSize, byRows: spec.image !== undefined, activation: IDENTITY, hasZ: false },
    ...layers.map(({ engine }) => ({ features: engine.features, byRows: engine.byRows, activation: engine.activation, hasZ: engine.hasZ })),
  ];
  const steps: Step[] = [];
  foldTree<{ slot: number; shape: Shape }>(networkBody(spec), { slot: 0, shape: input }, {
    layer: (l, x) => {
      steps.push({ kind: 'layer', l, input: x.slot, dInput: 'none' });
      return { slot: l, shape: layers[l - 1].output };
    },
    group: (node, _x, parts) => {
      const kind = groupKindOf(node);
      const shapes = parts.map((p) => p.shape);
      const engine = kind.engine(node, shapes);
      const slot = slots.length;
      slots.push({ features: engine.features, byRows: engine.byRows, activation: engine.activation, hasZ: engine.hasZ });
      steps.push({ kind: 'group', slot, engine, parts: parts.map((p) => p.slot), dParts: parts.map(() => 'none') });
      const shape = kind.output(node, shapes);
      if (features(shape) !== engine.features) throw new Error('a group engine disagrees with its shape rule');
      return { slot, shape };
    },
  });
  // Backward visits the steps in reverse: the first to reach a slot writes its gradient, the rest add.
  const written = new Set<number>();
  const mode = (slot: number): GradientMode => {
    if (slot === 0) return 'none';
    const seen = written.has(slot);
    written.add(slot);
    return seen ? 'add' : 'write';
  };
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    if (step.kind === 'layer') step.dInput = mode(step.input);
    else step.dParts = step.parts.map(mode);
  }
  return { layers, slots, steps };
}
