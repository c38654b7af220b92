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
  /** stop early, once this many line breaks are drawn (the panel's few lines); `length` stays the cap */
  lines?: number;
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
 * Why the model of `spec`, learning from a text of characters `vocab` (undefined: its data is not
 * text), cannot be sampled; undefined when it can. The one rule `nn sample` and the panel share.
 */
export function cannotSample(spec: NetworkSpec, vocab: readonly string[] | undefined): string | undefined {
  if (!vocab) return `network ${spec.name} does not learn from text: sampling needs \`data text("FILE", steps: T)\` for its characters`;
  if (!spec.tokens) return `network ${spec.name} does not read tokens: sampling needs \`input tokens(steps: T, vocab: V)\``;
  if (vocab.length !== spec.tokens.V) return `network ${spec.name} has vocab ${spec.tokens.V}, but its text has ${vocab.length} distinct characters`;
  // A translator (dates.nn: 41 characters in, 12 out) reads tokens too, but its softmax is not over
  // the characters it reads, so there is no next character to draw.
  const last = spec.layers.at(-1);
  if (!last || !('units' in last) || last.units !== spec.tokens.V) return `network ${spec.name} does not predict its own ${spec.tokens.V} characters: sampling needs a last layer \`dense ${spec.tokens.V} softmax\``;
  return undefined;
}

/**
 * `start` (if given) followed by `length` characters drawn from the model of `spec` (a tokens
 * input of vocabulary `vocab`, a softmax output over the same characters at every step) with `weights`.
 */
export function sampleText(spec: NetworkSpec, weights: WeightsValues, vocab: readonly string[], options: SampleOptions = {}): string {
  const problem = cannotSample(spec, vocab);
  if (problem) throw new SampleError(problem);
  const { T, V } = spec.tokens!;
  const index = new Map(vocab.map((c, k) => [c, k]));
  const given = Array.from(options.start ?? '');
  const unknown = given.find((c) => !index.has(c));
  if (unknown !== undefined) throw new SampleError(`the start text has ${JSON.stringify(unknown)}, which is not in the model's vocabulary of ${V} characters`);
  const context = given.length ? given.map((c) => index.get(c)!) : [index.get('\n') ?? 0];
  const rng = new Rng(options.seed ?? spec.train.seed, 'sample');
  const net = new Network(spec, fromInitial(spec, weights));
  const X = matrix(T, 1);
  const drawn: string[] = [];
  let breaks = 0;
  try {
    for (let s = 0; s < (options.length ?? SAMPLE_DEFAULTS.length) && breaks < (options.lines ?? Infinity); s++) {
      const window = context.slice(-T);
      X.data.fill(0);
      X.data.set(window);
      const A = net.predict(X);
      // ŷ⟨t⟩ of the newest step t: rows (t−1)·V … t·V − 1 of A[L] (T·V, 1)
      const y = A.data.subarray((window.length - 1) * V, window.length * V);
      const next = draw(y, rng.uniform());
      context.push(next);
      drawn.push(vocab[next]);
      if (vocab[next] === '\n') breaks++;
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
