// What a Network allocates for a spec, counted from its layers' engine parts (layers/engine.ts) the
// way network.ts allocates: the memory estimate of a network with conv2d, pools or flatten, whose
// buffers (m·n_H·n_W·n_C per image-shaped matrix) and im2col columns (a few examples' worth)
// the course-1 estimate of core/language/memory.ts does not know.

import { engineLayers } from '../layers';
import type { NetworkSpec } from '../foundation/model';
import { keepProbs } from './dropout';
import { PREDICT_BLOCK } from './network';
import { momentsOf } from './optimizers';

const F64 = 8;

/** One matrix group of an estimate, owned here so the checker (core/language/memory.ts) reads the engine's count. */
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

/**
 * Bytes for training `spec` on m examples (mini-batches of `batch`) and predicting on the larger of
 * m and testM, with the data: W[l], b[l], their gradients, one copy and the optimizer's moments;
 * per batch every layer's Z, A, dZ, dA (one matrix when Z is A), dropout's D and G; for predicting
 * (a block of examples at a time) A and Z; the layers' scratch for both; X and Y of both sets and the engine's copy.
 */
export function networkFootprint(spec: NetworkSpec, m: number, testM: number, split: boolean): MemoryEstimate {
  const layers = engineLayers(spec);
  const batch = spec.train.batch;
  const mb = batch === 'full' ? m : Math.min(batch, m);
  const predicted = Math.min(Math.max(m, testM), PREDICT_BLOCK); // network.ts predicts images in blocks
  const copies = 3 + (spec.train.optimizer ? momentsOf(spec.train.optimizer.kind).length : 0);
  const keepProb = keepProbs(layers.map(({ engine }) => engine));
  const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
  const parts: MemoryPart[] = [];
  for (const { l, engine, parameters } of layers) {
    const shapes = engine.parameters;
    if (shapes && parameters) {
      parts.push({ layer: l, kind: 'parameters', what: `W[${l}] (${parameters.W.join(', ')}), b[${l}], their gradients and copies`,
        bytes: copies * (shapes.W[0] * shapes.W[1] + shapes.b[0] * shapes.b[1]) * F64 });
    }
    const perBatch = (engine.hasZ ? 4 : 2) + (keepProb[l] < 1 ? 2 : 0);
    const perPrediction = engine.hasZ ? 2 : 1;
    const scratch = (withGradients: boolean): number => sum(engine.scratch(withGradients, l === 1).map(([rows, cols]) => rows * cols));
    parts.push({ layer: l, kind: 'examples', what: `Z[${l}], A[${l}], dZ[${l}], dA[${l}]${scratch(true) > 0 ? ' and the im2col columns' : ''} (${engine.features} per example, m = ${m})`,
      bytes: (perBatch * engine.features * mb + perPrediction * engine.features * predicted + scratch(true) + scratch(false)) * F64 });
  }
  const nL = layers[layers.length - 1].engine.features;
  const examples = (m + testM) * (split ? 2 : 1) + mb + (spec.image ? mb + predicted : 0); // + A[0] = Xᵀ
  parts.push({ layer: 0, kind: 'data', what: `the data, X (${spec.inputSize}, m = ${m}) and Y (${nL}, m)`, bytes: examples * (spec.inputSize + nL) * F64 });
  const dominant = parts.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return { bytes: sum(parts.map((p) => p.bytes)), parts, dominant };
}
