// The panel's sampled lines (issue 21, the dinosaur assignment's loop): at every logged iteration
// of a character model, a few lines drawn from the weights of that moment with `nn sample`'s own
// service (core/services/sample), so `nn sample FILE --weights W.json --seed S --length N` with
// the weights saved at that iteration prints the same text. The draws use the sample service's
// own 'sample' stream of the shown seed, never training's streams, so the cost curve is the same
// with or without them (docs/sequences.md, "Samples in the panel").

import type { NetworkSpec } from '../../foundation/model';
import type { WeightsValues } from '../../data/weights';
import { cannotSample, sampleText } from '../sample';
import type { SampleLines } from '../protocol';

/** Lines drawn at each logged iteration, and the characters drawn at most for all of them together. */
export const PANEL_SAMPLES = { lines: 3, length: 120 };

export class SampleLog {
  private constructor(
    private readonly spec: NetworkSpec,
    private readonly vocab: readonly string[],
    private readonly lines: number,
  ) {}

  /** The log of a network `nn sample` can sample (its data's `vocab`), else undefined; `lines` 0 turns it off. */
  static of(spec: NetworkSpec, vocab: readonly string[] | undefined, lines: number = PANEL_SAMPLES.lines): SampleLog | undefined {
    return lines > 0 && !cannotSample(spec, vocab) ? new SampleLog(spec, vocab!, lines) : undefined;
  }

  /**
   * Whether lines are drawn after `iteration` steps: at 0, every log_every (the iterations whose cost
   * the chart records are costs of these same weights) and at the end of the run.
   */
  due(iteration: number, iterations: number): boolean {
    return iteration % this.spec.train.logEvery === 0 || iteration === iterations;
  }

  /** Steps from `iteration` to the next one lines are drawn at (the session runs no step batch past it). */
  stepsToNext(iteration: number): number {
    const every = this.spec.train.logEvery;
    return every - (iteration % every);
  }

  /** The lines of `iteration`, drawn from `weights` on the seed `seedAt(iteration)`. */
  draw(iteration: number, weights: WeightsValues): SampleLines {
    const seed = seedAt(this.spec.train.seed, iteration);
    const text = sampleText(this.spec, weights, this.vocab, { seed, length: PANEL_SAMPLES.length, lines: this.lines });
    const lines = text.split('\n');
    if (text.endsWith('\n')) lines.pop();
    return { iteration, seed, length: Array.from(text).length, lines };
  }
}

/** The seed of the lines drawn at `iteration`: the run's seed plus the iteration, so each logged iteration draws afresh and anyone can work it out. */
export function seedAt(seed: number, iteration: number): number {
  return seed + iteration;
}
