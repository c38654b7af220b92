// How much memory training a network takes, estimated from its shapes and the size of its data
// before anything is allocated: the checker reports it (NN701 above a fixed limit, NN702 above a
// lower mark) and training refuses above what the machine can give (core/services/session/limits.ts).
// Counted, in float64 (8 bytes an entry, spec §5), as the engine allocates them:
// - per layer l: W[l], b[l], their gradients dW[l], db[l], and one copy of W[l], b[l] (snapshots
//   and saving); plus the optimizer's moments (spec §9): one copy of every W[l], b[l] for momentum
//   (v) and RMSprop (s), two for Adam (v and s), none for plain gradient descent;
// - per layer l: Z[l], A[l], dZ[l], dA[l] for a batch, and Z[l], A[l] for predicting the whole
//   training or test set (accuracy, the decision boundary); a layer with dropout also keeps its mask
//   D[l] and g(Z[l]) before dropout for a batch;
// - conv layers (spec §8) count the same matrices with their volumes, W[l] (f, f, n_C[l−1], n_C[l]),
//   plus the im2col columns of the forward and backward passes, which the engine fills a block of
//   examples at a time (core/layers/conv2d.ts): the layer's own count, whatever m is;
//   pools and flatten have no parameters, and flatten no Z[l] (it only reshapes);
// - the data: X and Y of the training and test sets, the engine's copy of the training X and Y in
//   the kernels' memory (or of one mini-batch), and, for `test FRACTION`, the whole set loaded
//   before it is split.
// Small fixed costs (the code, plotted points, the boundary grid) are left out.

import { features, kindOf } from '../layers';
import { hasZ } from '../layers/window';
import type { TestSource, TrainSpec } from '../foundation/model';
import { momentsOf, type MomentName } from '../engine/optimizers';
import type { MemoryEstimate, MemoryPart } from '../engine/footprint';
import type { LayerInfo } from './api';
import type { CheckContext } from './context';
import type { CheckedTrain } from './settings';

const F64 = 8;

/** Above this the checker reports an error (NN701): no training run needs more in this tool. */
export const MEMORY_LIMIT = 16e9;
/** From this on the checker warns (NN702): training will take a large share of a laptop's memory. */
export const MEMORY_WARNING = 1e9;

export interface MemoryInput {
  /** n[0…L] */
  n: readonly number[];
  /** training examples (0 when not known yet, e.g. a CSV file not read) */
  m: number;
  /** test examples */
  testM: number;
  batch: number | 'full';
  /** `test FRACTION`: the whole data set is loaded, then split in two */
  split: boolean;
  /** the optimizer's moments, each a copy of every W[l], b[l] (v, s; engine/optimizers): absent for none */
  moments?: readonly MomentName[];
  /** the layers l with dropout (keep_prob < 1): absent for none */
  dropout?: number[];
  /** each layer's sizes when some are not dense (spec §8); absent: dense layers of n[l] units */
  layers?: readonly LayerFootprint[];
}

/** What layer l keeps in memory, in entries (not bytes). */
export interface LayerFootprint {
  /** entries of W[l] and b[l] */
  params: number;
  /** W[l]'s shape, as messages write it; empty without parameters */
  W: readonly number[];
  /** entries of A[l] for one example: n[l], or n_H·n_W·n_C */
  features: number;
  /** A[l]'s shape after `m = …`: `(n[l], m)` has [n[l]], a volume [n_H, n_W, n_C] */
  volume?: readonly number[];
  /** false for flatten, which has A[l] and dA[l] only */
  hasZ: boolean;
  /** the layer's scratch entries whatever m is (a conv layer's im2col columns, filled a block of examples at a time), else 0 */
  scratch: number;
}

/** What a checked layer keeps, from its shapes (core/layers). */
function footprint({ index, spec, input, output, W, params }: LayerInfo): LayerFootprint {
  // The engine's own count of its scratch (training and predicting buffers), so the two never disagree.
  const engine = kindOf(spec).engine(spec, input, output);
  const scratch = [...engine.scratch(true, index === 1), ...engine.scratch(false, index === 1)].reduce((sum, [rows, cols]) => sum + rows * cols, 0);
  const result: LayerFootprint = { params, W, features: features(output), hasZ: hasZ(spec), scratch };
  if (output.kind === 'volume') result.volume = [output.n_H, output.n_W, output.n_C];
  return result;
}

/** Dense layers of n[1…L] units over n[0] features. */
function denseFootprints(n: readonly number[]): LayerFootprint[] {
  return n.slice(1).map((units, i) => ({ params: units * (n[i] + 1), W: [units, n[i]], features: units, hasZ: true, scratch: 0 }));
}

export function estimateMemory({ n, m, testM, batch, split, moments = [], dropout = [], layers = denseFootprints(n) }: MemoryInput): MemoryEstimate {
  const L = n.length - 1;
  const mb = batch === 'full' ? m : Math.min(batch, m);
  const predicted = Math.max(m, testM);
  const parts: MemoryPart[] = [];
  // `what` is a getter: a message reads it for the dominant part alone, so a 1,000-layer network
  // builds one description, not 2,000, on each keystroke.
  layers.forEach((layer, i) => {
    const l = i + 1;
    const dropped = dropout.includes(l);
    if (layer.params > 0) {
      parts.push({ layer: l, kind: 'parameters', bytes: (3 + moments.length) * layer.params * F64, get what() {
        const kept = ['W', 'dW', ...moments.map((v) => `${v}_dW`)].map((x) => `${x}[${l}]`);
        return `${kept.slice(0, -1).join(', ')} and ${kept[kept.length - 1]} (${layer.W.join(', ')})`;
      } });
    }
    const perBatch = layer.hasZ ? 4 : 2;
    const entries = ((dropped ? perBatch + 2 : perBatch) * mb + (layer.hasZ ? 2 : 1) * predicted) * layer.features + layer.scratch;
    parts.push({ layer: l, kind: 'examples', volume: layer.volume !== undefined, bytes: entries * F64, get what() {
      const names = (layer.hasZ ? ['Z', 'A', 'dZ', 'dA'] : ['A', 'dA']).map((x) => `${x}[${l}]`).join(', ');
      const shape = layer.volume ? `(m = ${m}, ${layer.volume.join(', ')})` : `(${layer.features}, m = ${m})`;
      return `${names}${dropped ? `, D[${l}]` : ''}${layer.scratch ? ' and the im2col scratch' : ''} ${shape}`;
    } });
  });
  const examples = (m + testM) * (split ? 2 : 1) + mb;
  parts.push({ layer: 0, kind: 'data', what: `the data, X (${n[0]}, m = ${m}) and Y (${n[L]}, m)`, bytes: examples * (n[0] + n[L]) * F64 });
  const dominant = parts.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return { bytes: parts.reduce((sum, p) => sum + p.bytes, 0), parts, dominant };
}

/**
 * The input for `train`'s data as far as it is known before loading: a generator's m from its
 * arguments, a CSV's from `m` (rows, less a test fraction) once read. `testM` is the test set's
 * size when known; otherwise a generator's m, or for `test FRACTION` about FRACTION of the whole
 * (from the generator's m, or from the m left to train on when `m` is given).
 */
export function memoryInput(n: readonly number[], train: Pick<TrainSpec, 'data' | 'test' | 'batch' | 'optimizer'>, m?: number, testM?: number,
  keepProb: ReadonlyArray<number | undefined> = []): MemoryInput {
  const test = train.test;
  const all = train.data?.kind === 'generator' ? train.data.args.m : 0;
  const held = test?.kind === 'fraction' ? (m === undefined ? Math.round(all * test.value) : Math.round((m * test.value) / (1 - test.value))) : 0;
  const trainM = m ?? all - held;
  const input: MemoryInput = { n, m: trainM, testM: testM ?? testSize(test, held), batch: train.batch, split: test?.kind === 'fraction' };
  const moments = train.optimizer ? momentsOf(train.optimizer.kind) : [];
  // the engine never drops the output layer (engine/dropout.ts), so neither does the estimate
  const dropout = keepProb.flatMap((P, index) => (P !== undefined && P < 1 && index < n.length - 2 ? [index + 1] : []));
  if (moments.length) input.moments = moments;
  if (dropout.length) input.dropout = dropout;
  return input;
}

function testSize(test: TestSource | undefined, held: number): number {
  if (test?.kind === 'generator') return test.args.m;
  return held; // a fraction; a test CSV's rows are counted once it is read
}

/** "about 1.6 GB of memory, most of it for W[1] and dW[1] (1000, 100000): 1.2 GB" */
export function describeNeed(e: MemoryEstimate): string {
  return `about ${formatBytes(e.bytes)} of memory, most of it for ${e.dominant.what}: ${formatBytes(e.dominant.bytes)}`;
}

/** What to make smaller, for the largest part. */
export function memoryHint(part: MemoryPart): string {
  const l = part.layer;
  if (part.kind === 'parameters') return `use fewer units n[${l}]${l === 1 ? ' or input features n[0]' : ` or n[${l - 1}]`}`;
  if (part.kind === 'examples') return part.volume ? `use fewer examples m, a smaller batch, or fewer filters n_C[${l}]` : `use fewer examples m or fewer units n[${l}]`;
  return 'use fewer examples m or input features n[0]';
}

/** A byte count in words a reader takes in at a glance: 512 bytes, 3.4 MB, 16 GB, 800 TB (1 GB = 10⁹ bytes). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let i = 0;
  while (value >= 999.5 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  if (value >= 999.5) return `${bytes.toPrecision(2)} bytes`;
  return `${i === 0 || value >= 9.95 ? Math.round(value) : value.toFixed(1)} ${units[i]}`;
}

/** NN701 / NN702 on the line of the largest part, for a network whose shapes are all known. */
export function checkMemory(ctx: CheckContext, layers: LayerInfo[], train: CheckedTrain, m: number | undefined): void {
  const n = [features(layers[0].input), ...layers.map((l) => l.units)];
  const spec = { data: train.data?.source, test: train.test?.source, batch: train.spec.batch, optimizer: train.spec.optimizer };
  const input = memoryInput(n, spec, m, undefined, layers.map((l) => l.keepProb));
  if (layers.some((l) => l.kind !== 'dense')) {
    input.layers = layers.map(footprint);
  }
  const e = estimateMemory(input);
  if (e.bytes < MEMORY_WARNING) return;
  const part = e.dominant;
  const range = part.layer > 0 ? layers[part.layer - 1].range : (train.data?.node.range ?? layers[0].range);
  if (e.bytes > MEMORY_LIMIT) {
    ctx.report('NN701', range, `training needs ${describeNeed(e)}, more than the limit of ${formatBytes(MEMORY_LIMIT)}: ${memoryHint(part)}`);
  } else {
    ctx.report('NN702', range, `training needs ${describeNeed(e)}: make sure the machine has that much free`);
  }
}
