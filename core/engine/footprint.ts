// The one estimate of how much memory training a network takes, before anything is allocated:
// counted from its layers' engine parts (layers/engine.ts) the way network.ts allocates them. The
// checker reports it (NN701, NN702: core/language/memory.ts) and training refuses a run above what
// the machine can give (core/services/session/limits.ts), so the editor and training never disagree.
// Counted in float64 (8 bytes an entry, spec §5):
// - per layer l: its named parameters as its kind declares them (W[l], b[l]; Wax[l], Waa[l], ba[l];
//   …), their gradients dW[l], db[l], one copy (snapshots and saving), and the optimizer's moments
//   (spec §9): one copy for momentum (v) and RMSprop (s), two for Adam; its state (batch norm's
//   running statistics) and one copy;
// - per layer l for a batch: Z[l], A[l], dZ[l], dA[l] (A[l], dA[l] for flatten, which only
//   reshapes), and a layer with dropout its mask D[l] and g(Z[l]); for predicting the training or
//   test set: Z[l], A[l] for all of it with a vector input, for a block of PREDICT_BLOCK examples
//   with an image or sequence input (network.ts predicts those in blocks); and the layer's scratch (a conv
//   layer's im2col columns, filled a block of examples at a time: its own count, whatever m is);
// - per residual sum and concat join of the tree (spec §12): its A (and Z, dZ under an activation)
//   and dA for a batch, and its A (and Z) for predicting, as for a layer;
// - the data: X and Y of the training and test sets, the engine's copy of the training X and Y (or
//   of one mini-batch), with an image input A[0] = Xᵀ for a batch and a prediction block, and, for
//   `test FRACTION`, the whole set loaded before it is split.
// Small fixed costs (the code, plotted points, the boundary grid) are left out.

import { features, foldTree, groupKindOf, kindOf, networkShapes, parameterCount, type NamedParameter, type Shape } from '../layers';
import type { LayerSpec, NetworkNode, NetworkSpec, TestSource, TrainSpec } from '../foundation/model';
import { keepProbs } from './dropout';
import { PREDICT_BLOCK, predictsInBlocks } from './network';
import { momentsOf } from '../layers/optimizers';

const F64 = 8;

export interface MemoryPart {
  /** layer l, or 0 for the data */
  layer: number;
  kind: 'parameters' | 'examples' | 'data';
  /** an image-shaped layer's examples (spec §8): the hint then names filters, not units */
  volume?: boolean;
  /** the matrices, in the course's names with their shapes */
  what: string;
  bytes: number;
}

export interface MemoryEstimate {
  bytes: number;
  parts: MemoryPart[];
  /** the largest part: where a diagnostic goes, and what to shrink */
  dominant: MemoryPart;
}

/** The examples a run holds. */
export interface Examples {
  /** training examples (0 when not known yet, e.g. a CSV file not read) */
  m: number;
  /** test examples */
  testM: number;
  /** `test FRACTION`: the whole data set is loaded, then split in two */
  split: boolean;
}

/** What the footprint reads of a network: the checker's layers and networkShapes' alike. */
export interface FootprintNetwork {
  /** n[0] */
  inputSize: number;
  /** an image input (`input (N_H, N_W, N_C)`) */
  image: boolean;
  layers: ReadonlyArray<{ spec: LayerSpec; input: Shape; output: Shape }>;
  /** how the layers nest (NetworkSpec.body); absent for a straight network */
  body?: readonly NetworkNode[];
  train: Pick<TrainSpec, 'batch' | 'optimizer'>;
}

/** Bytes for training `net` on `examples` and predicting on the larger of its two sets, with the data. */
export function footprint(net: FootprintNetwork, { m, testM, split }: Examples): MemoryEstimate {
  const batch = net.train.batch;
  const mb = batch === 'full' ? m : Math.min(batch, m);
  const predicted = predictsInBlocks(net.layers[0].input) ? Math.min(Math.max(m, testM), PREDICT_BLOCK) : Math.max(m, testM);
  const moments = net.train.optimizer ? momentsOf(net.train.optimizer.kind) : [];
  const engines = net.layers.map(({ spec, input, output }) => kindOf(spec).engine(spec, input, output));
  const keepProb = keepProbs(engines);
  const parts: MemoryPart[] = [];
  // The sum and the largest part as the parts are made, from each one's bytes as a number: a pass
  // over the parts afterwards read `bytes` from three kinds of object, slowly on 2,000 of them.
  let total = 0;
  let largest = 0;
  let dominant: MemoryPart | undefined;
  const add = (bytes: number, part: MemoryPart) => {
    parts.push(part);
    total += bytes;
    if (dominant === undefined || bytes > largest) {
      largest = bytes;
      dominant = part;
    }
  };
  net.layers.forEach(({ spec, input, output }, i) => {
    const l = i + 1;
    const engine = engines[i];
    const kind = kindOf(spec);
    const named = kind.parameters(spec, input);
    if (named.length > 0) {
      // a trained θ: itself, dθ, the copy weights() hands out and the optimizer's moments; state (running statistics): itself and the copy
      const entries = (3 + moments.length) * parameterCount(named) + 2 * parameterCount(kind.state?.(spec, input) ?? []);
      const bytes = entries * F64;
      add(bytes, new ParametersPart(l, bytes, named, moments));
    }
    const dropped = keepProb[l] < 1;
    const perBatch = (engine.hasZ ? 4 : 2) + (dropped ? 2 : 0);
    const perPrediction = engine.hasZ ? 2 : 1;
    const scratch = [...engine.scratch(true, l === 1), ...engine.scratch(false, l === 1)].reduce((sum, [rows, cols]) => sum + rows * cols, 0);
    const n = features(output);
    // the layer's own per-batch matrices (batch norm's Z_norm), in training and prediction buffers alike
    const kept = (engine.perBatch ?? []).reduce((sum, p) => sum + p.features, 0) * (mb + predicted);
    const bytes = ((perBatch * mb + perPrediction * predicted) * n + kept + scratch) * F64;
    add(bytes, new ExamplesPart(l, bytes, output, m, engine.hasZ, dropped, scratch > 0));
  });
  // Each group's output slot (graph.ts), counted on the line of its last layer (the highest l in it).
  if (net.body) {
    foldTree<{ shape: Shape; last: number }>(net.body, { shape: net.layers[0].input, last: 0 }, {
      layer: (l) => ({ shape: net.layers[l - 1].output, last: l }),
      group: (node, x, parts) => {
        const output = groupKindOf(node).output(node, parts.map((p) => p.shape));
        const hasZ = groupKindOf(node).engine(node, parts.map((p) => p.shape)).hasZ;
        const last = Math.max(x.last, ...parts.map((p) => p.last));
        const bytes = ((hasZ ? 4 : 2) * mb + (hasZ ? 2 : 1) * predicted) * features(output) * F64;
        add(bytes, new ExamplesPart(last, bytes, output, m, hasZ, false, false, node.kind));
        return { shape: output, last };
      },
    });
  }
  const nL = features(net.layers[net.layers.length - 1].output);
  const examples = (m + testM) * (split ? 2 : 1) + mb + (net.image ? mb + predicted : 0);
  const bytes = examples * (net.inputSize + nL) * F64;
  add(bytes, { layer: 0, kind: 'data', what: `the data, X (${net.inputSize}, m = ${m}) and Y (${nL}, m)`, bytes });
  return { bytes: total, parts, dominant: dominant! };
}

// A layer's parts keep what describes them and write `what` when it is read: a message reads it for
// the dominant part alone, so a 1,000-layer network builds one description, not 2,000, on each
// keystroke. Classes with the getter on their prototype, not object literals with their own getter
// (each literal with an accessor was a closure and a slow object: ~5 ms a keystroke on 1,000 layers).

class ParametersPart implements MemoryPart {
  readonly kind = 'parameters';
  constructor(readonly layer: number, readonly bytes: number, private readonly named: readonly NamedParameter[],
    private readonly moments: readonly string[]) {}

  /**
   * One matrix (with the b[l] that goes with W[l]) as the course writes what is kept of it:
   * `W[1], dW[1], v_dW[1] and s_dW[1] (4, 2)`; more, by name and shape, with what each keeps:
   * `Wax[1] (32, 2), Waa[1] (32, 32) and ba[1] (32, 1), each with its gradient and its v and s`.
   */
  get what(): string {
    const l = this.layer;
    const [first] = this.named;
    const alone = this.named.length === 1 || (this.named.length === 2 && first.name === 'W' && this.named[1].name === 'b');
    if (alone) return `${listed([first.name, `d${first.name}`, ...this.moments.map((v) => `${v}_d${first.name}`)].map((x) => `${x}[${l}]`))} (${first.shape.join(', ')})`;
    const moments = this.moments.length > 0 ? ` and its ${listed(this.moments)}` : '';
    return `${listed(this.named.map((p) => `${p.name}[${l}] (${p.shape.join(', ')})`))}, each with its gradient${moments}`;
  }
}

/** `a, b and c` */
function listed(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

class ExamplesPart implements MemoryPart {
  readonly kind = 'examples';
  readonly volume: boolean;
  constructor(readonly layer: number, readonly bytes: number, private readonly output: Shape, private readonly m: number,
    private readonly hasZ: boolean, private readonly dropped: boolean, private readonly scratch: boolean, private readonly group?: string) {
    this.volume = output.kind === 'volume';
  }

  get what(): string {
    const { layer: l, output, m, group } = this;
    const names = (this.hasZ ? ['Z', 'A', 'dZ', 'dA'] : ['A', 'dA']).map((x) => (group ? x : `${x}[${l}]`)).join(', ');
    const shape = output.kind === 'volume' ? `(m = ${m}, ${output.n_H}, ${output.n_W}, ${output.n_C})` : `(${features(output)}, m = ${m})`;
    const of = group ? ` of the ${group} ending at layer ${l}` : '';
    return `${names}${of}${this.dropped ? `, D[${l}]` : ''}${this.scratch ? (this.volume ? ' and the im2col scratch' : ' and its scratch matrices') : ''} ${shape}`;
  }
}

/** The footprint of a checked network (training's refusal, core/services/session/limits.ts). */
export function networkFootprint(spec: NetworkSpec, examples: Examples): MemoryEstimate {
  return footprint({ inputSize: spec.inputSize, image: spec.image !== undefined, layers: networkShapes(spec), body: spec.body, train: spec.train }, examples);
}

/**
 * The examples of `train`'s data as far as they are known before loading: a generator's m from its
 * arguments, a CSV's from `m` (rows, less a test fraction) once read. `testM` is the test set's
 * size when known; otherwise a generator's m, or for `test FRACTION` about FRACTION of the whole
 * (from the generator's m, or from the m left to train on when `m` is given).
 */
export function examplesOf(train: Pick<TrainSpec, 'data' | 'test'>, m?: number, testM?: number): Examples {
  const test = train.test;
  const all = train.data?.kind === 'generator' ? train.data.args.m : 0;
  const held = test?.kind === 'fraction' ? (m === undefined ? Math.round(all * test.value) : Math.round((m * test.value) / (1 - test.value))) : 0;
  return { m: m ?? all - held, testM: testM ?? testSize(test, held), split: test?.kind === 'fraction' };
}

function testSize(test: TestSource | undefined, held: number): number {
  if (test?.kind === 'generator') return test.args.m;
  return held; // a fraction; a test CSV's rows are counted once it is read
}
