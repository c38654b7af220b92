// Builders for the sequence tests (spec §14): networks on `input sequence(…)` or `input tokens(…)`,
// and per-step labels (T·n_y, m), time-major as the engine keeps them (docs/part3.md).

import { TRAIN_DEFAULTS, type Activation, type LayerSpec, type LossName, type NetworkSpec, type TrainSpec } from '../../../core/foundation/model';
import { matrix, type Matrix } from '../../../core/engine/matrix';
import type { Rng } from '../../../core/foundation/prng';
import { labelsFor } from '../engine/helpers';

/** A dense layer spec, n[l] units with g[l]. */
export function denseLayer(units: number, activation: Activation['name']): LayerSpec {
  return { kind: 'dense', units, activation: { name: activation } };
}

/** A network on `input sequence(steps: T, features: n)`. */
export function sequenceSpec(T: number, n: number, layers: LayerSpec[], loss: LossName, train: Partial<TrainSpec> = {}): NetworkSpec {
  return { name: 'seq', inputSize: T * n, sequence: { T, n }, layers, loss, train: { ...TRAIN_DEFAULTS, ...train } };
}

/** A network on `input tokens(steps: T, vocab: V)`. */
export function tokensSpec(T: number, V: number, layers: LayerSpec[], loss: LossName, train: Partial<TrainSpec> = {}): NetworkSpec {
  return { name: 'tok', inputSize: T, tokens: { T, V }, layers, loss, train: { ...TRAIN_DEFAULTS, ...train } };
}

/** Per-step labels that fit the loss: T blocks of (n_y, m), one after the other. */
export function stepLabels(loss: LossName, rng: Rng, n: number, T: number, m: number): Matrix {
  const Y = matrix(T * n, m);
  for (let t = 0; t < T; t++) Y.data.set(labelsFor(loss, rng, n, m).data, t * n * m);
  return Y;
}

/** Token ids 0…V−1, (T, m). */
export function randomTokens(rng: Rng, T: number, V: number, m: number): Matrix {
  const X = matrix(T, m);
  for (let p = 0; p < X.data.length; p++) X.data[p] = rng.below(V);
  return X;
}
