// Spec §3 and §8 as code for every layer kind: the shapes of layer l's matrices from its resolved
// spec and the shape of A[l−1], in the course's notation (2-tuples for column vectors, 4-tuples with
// `m` first for image volumes). The arithmetic lives in core/layers; this writes it for the checker
// (layerInfoOf) and works it out from the lines alone past a broken layer (syntaxShapes).

import type { LayerSpec } from '../foundation/model';
import { features, kindNamed, kindOf, layerShapesOf, vector, volume, type LayerShapes, type Shape } from '../layers';
import { LINEAR } from '../layers/activations';
import { hasZ, windowOf } from '../layers/window';
import type { Dimension, LayerInfo, Range } from './api';
import type { InputNode, LayerNode, NetworkNode, NumberValue } from './ast';
import type { CheckContext } from './context';
import { imageInput, readOptions } from './conv';
import { sequenceInput } from './sequenceInput';
import { isLayer } from './layerShapes';

/** A[l]'s shape for `m` examples: (n, m) for vectors, (m, n_H, n_W, n_C) for volumes, (n, m, T) for sequences (§16), tokens as their one-hot (V, m, T). */
export function examplesShape(shape: Shape): Dimension[] {
  switch (shape.kind) {
    case 'vector': return [shape.n, 'm'];
    case 'volume': return ['m', shape.n_H, shape.n_W, shape.n_C];
    case 'sequence': return [shape.n, 'm', shape.T];
    case 'tokens': return [shape.V, 'm', shape.T];
  }
}

/**
 * The LayerInfo of layer `index` (1-based): `output` is what kindOf(spec).output gave for `input`.
 * The parameters are what the kind declares (LayerKind.parameters): no engine is built on a keystroke.
 */
export function layerInfoOf(index: number, spec: LayerSpec, input: Shape, output: Shape, range: Range): LayerInfo {
  const { named, parameters, params } = layerShapesOf(index, spec, input, output);
  // W[l] and b[l] of the course only: a kind whose parameters have names of their own has neither
  const W = parameters?.W ?? [];
  const b = parameters?.b ?? [];
  const A = examplesShape(output);
  // flatten only reshapes: it has no Z[l] of its own (spec §8 lists A and dA for it).
  const Z = hasZ(spec) ? A : [];
  const info: LayerInfo = {
    index, kind: spec.kind, spec, input, output, range,
    units: features(output),
    activation: 'activation' in spec ? spec.activation : LINEAR,
    W, b, dW: [...W], db: [...b],
    Z, A, dZ: [...Z], dA: [...A],
    params,
    named,
  };
  const window = windowOf(spec);
  if (window) info.window = window;
  if ('keepProb' in spec && spec.keepProb !== undefined) info.keepProb = spec.keepProb;
  return info;
}

/** Says nothing: the lines are read as the checker reads them, which has already reported what is wrong. */
const QUIET: CheckContext = { report: () => undefined, files: null, resolve: (p) => p };

/**
 * The shapes of every layer whose own line and the lines above it give them, whatever is wrong
 * elsewhere: a bad activation, setting or other network changes no shape (g[l] is read as linear).
 * A broken line leaves out the layers whose input it gives, until a layer whose statement alone
 * gives its A[l] (a dense layer's n[l]). The checker's NetworkInfo.layers, in contrast, stops at
 * the first broken layer, since a network to train needs all of them; the inlay hints take these
 * shapes for the layers after it, for every kind alike.
 */
export function syntaxShapes(network: NetworkNode): Map<LayerNode, LayerShapes> {
  const shapes = new Map<LayerNode, LayerShapes>();
  // The first `input` counts, as in the checker (a second one is reported there).
  const input = network.statements.find((s): s is InputNode => s.kind === 'input');
  let previous = input && inputShape(input);
  const layers = network.statements.filter(isLayer);
  layers.forEach((node, i) => {
    const spec = syntaxSpec(node, i + 1, i === layers.length - 1);
    if (!spec) {
      previous = undefined;
      return;
    }
    const kind = kindOf(spec);
    const output = previous && kind.output(spec, previous).output;
    if (previous && output) shapes.set(node, layerShapesOf(i + 1, spec, previous, output));
    previous = output ?? kind.alone?.(spec);
  });
  return shapes;
}

/** A[0] from `input N` or `input (N_H, N_W, N_C)`, when it is written right. */
function inputShape(node: InputNode): Shape | undefined {
  if (node.form) return sequenceInput(QUIET, node.form);
  if (node.image) {
    const image = imageInput(QUIET, node.image);
    return image && volume(image.n_H, image.n_W, image.n_C);
  }
  const n = count(node.size);
  return n === undefined ? undefined : vector(n);
}

/** Layer l's spec from its line by its kind's form, g[l] read as linear; undefined when a size or option is broken. */
function syntaxSpec(node: LayerNode, l: number, isOutput: boolean): LayerSpec | undefined {
  const kind = kindNamed(node.kind)!;
  const { form } = kind;
  const n = form.count && count(node[form.count.field]);
  const options = readOptions(QUIET, node, form, l, isOutput);
  if ((form.count && n === undefined) || !options) return undefined;
  return kind.spec({ count: n, activation: LINEAR, options });
}

/** A size as spec §2 allows it: plain digits, at least 1. */
function count(value: NumberValue | undefined): number | undefined {
  return value && value.integer && Number.isSafeInteger(value.value) && value.value >= 1 ? value.value : undefined;
}
