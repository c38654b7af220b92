// Networks with `rnn` layers built by hand (the language reads sequence inputs on another branch) and
// seeded sequence data for them: the gradient checks and the export proofs share these.

import type { LayerSpec, LossName, NetworkSpec } from '../../../core/foundation/model';
import { TRAIN_DEFAULTS } from '../../../core/foundation/model';
import { matrix } from '../../../core/foundation/matrix';
import { Rng } from '../../../core/foundation/prng';
import type { RnnSpec } from '../../../core/layers/rnn';

const TANH = { name: 'tanh' } as const;

/** `rnn N_a tanh` with the given fields (returns, bidirectional, activation). */
export function rnnLayer(units: number, more: Partial<RnnSpec> = {}): LayerSpec {
  return { kind: 'rnn', units, activation: TANH, ...more };
}

/** A network over `input` (a sequence of n features or tokens of V, T steps) ending in dense 1 sigmoid or linear. */
export function rnnNetwork(input: { T: number; n?: number; V?: number }, layers: LayerSpec[], loss: LossName = 'mse'): NetworkSpec {
  const last: LayerSpec = { kind: 'dense', units: 1, activation: { name: loss === 'mse' ? 'linear' : 'sigmoid' } };
  return {
    name: 'seq', loss, layers: [...layers, last],
    inputSize: input.V ? input.T : input.T * input.n!,
    ...(input.V ? { tokens: { T: input.T, V: input.V } } : { sequence: { T: input.T, n: input.n! } }),
    train: { ...TRAIN_DEFAULTS, seed: 4, learningRate: 0.1, iterations: 30, logEvery: 10 },
  };
}

/** m seeded examples: X (T·n, m) uniform in [−1, 1) or token ids (T, m); y the mean of x's first feature over time (or its sign). */
export function sequenceData(spec: NetworkSpec, m: number, seed = 9) {
  const rng = new Rng(seed, 'data');
  const X = matrix(spec.inputSize, m);
  const Y = matrix(1, m);
  const V = spec.tokens?.V;
  for (let p = 0; p < X.data.length; p++) X.data[p] = V ? Math.floor(rng.uniform() * V) : 2 * rng.uniform() - 1;
  for (let j = 0; j < m; j++) {
    let sum = 0;
    for (let t = 0; t < spec.inputSize; t += spec.sequence?.n ?? 1) sum += X.data[t * m + j] / (V ?? 1);
    Y.data[j] = spec.loss === 'mse' ? sum / spec.inputSize : Number(sum > 0);
  }
  return { X, Y, m };
}
