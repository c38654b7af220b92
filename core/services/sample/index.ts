// `nn sample` (spec §14, the dinosaur-names assignment): characters drawn from a trained character
// model one step at a time. The network reads the last T tokens (T its input's steps); the softmax
// at the newest of them is the distribution of the next character, drawn with the seed's 'sample'
// stream, so a seed gives the same text every time. Recurrent layers read the steps in order, so the
// steps after the newest (filled with token 0 until the context is T long) change nothing for them.

import type { NetworkSpec } from '../../foundation/model';
import { matrix } from '../../foundation/matrix';
import { Rng } from '../../foundation/prng';
import type { WeightsValues } from '../../data/weights';
import { Network } from '../../engine/network';
import { fromInitial } from '../../engine/trainer';

export interface SampleOptions {
  /** characters to draw (default SAMPLE_DEFAULTS.length) */
  length?: number;
  /** the seed of the draws (default the network's `seed`) */
  seed?: number;
  /** text the sample continues; absent: a line break when the vocabulary has one (a new line, as a name list starts each name), else its first character */
  start?: string;
}

export const SAMPLE_DEFAULTS = { length: 100 };

/** A start character the vocabulary does not have (the model has never seen it). */
export class SampleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SampleError';
  }
}

/**
 * `start` (if given) followed by `length` characters drawn from the model of `spec` (a tokens
 * input of vocabulary `vocab`, a softmax output over the same characters at every step) with `weights`.
 */
export function sampleText(spec: NetworkSpec, weights: WeightsValues, vocab: readonly string[], options: SampleOptions = {}): string {
  if (!spec.tokens) throw new SampleError(`network ${spec.name} does not read tokens: sampling needs \`input tokens(steps: T, vocab: V)\``);
  const { T, V } = spec.tokens;
  if (vocab.length !== V) throw new SampleError(`network ${spec.name} has vocab ${V}, but its text has ${vocab.length} distinct characters`);
  const index = new Map(vocab.map((c, k) => [c, k]));
  const given = Array.from(options.start ?? '');
  const unknown = given.find((c) => !index.has(c));
  if (unknown !== undefined) throw new SampleError(`the start text has ${JSON.stringify(unknown)}, which is not in the model's vocabulary of ${V} characters`);
  const context = given.length ? given.map((c) => index.get(c)!) : [index.get('\n') ?? 0];
  const rng = new Rng(options.seed ?? spec.train.seed, 'sample');
  const net = new Network(spec, fromInitial(spec, weights));
  const X = matrix(T, 1);
  const drawn: string[] = [];
  try {
    for (let s = 0; s < (options.length ?? SAMPLE_DEFAULTS.length); s++) {
      const window = context.slice(-T);
      X.data.fill(0);
      X.data.set(window);
      const A = net.predict(X);
      // ŷ⟨t⟩ of the newest step t: rows (t−1)·V … t·V − 1 of A[L] (T·V, 1)
      const y = A.data.subarray((window.length - 1) * V, window.length * V);
      const next = draw(y, rng.uniform());
      context.push(next);
      drawn.push(vocab[next]);
    }
  } finally {
    net.dispose();
  }
  return given.join('') + drawn.join('');
}

/** The first k with p_0 + … + p_k > u: a draw from the distribution p (the last k if rounding leaves u above the sum). */
function draw(p: ArrayLike<number>, u: number): number {
  let sum = 0;
  for (let k = 0; k < p.length; k++) {
    sum += p[k];
    if (u < sum) return k;
  }
  return p.length - 1;
}
