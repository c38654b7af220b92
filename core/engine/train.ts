// A whole training run, start to finish: what `nn train` executes.

import type { NetworkSpec } from '../model';
import type { Dataset } from '../data/dataset';
import type { Matrix } from './matrix';
import { Trainer, type StepResult, type TrainerOptions } from './trainer';

export interface TrainResult {
  network: string;
  /** steps completed */
  iterations: number;
  costs: Array<[number, number]>;
  /** the last recorded cost: iteration `iterations − 1`, or the diverging one */
  finalCost: number;
  trainAccuracy?: number;
  testAccuracy?: number;
  seconds: number;
  /** the iteration whose cost became NaN or infinite */
  divergedAt?: number;
  weights: { W: Matrix[]; b: Matrix[] };
}

export interface TrainOptions {
  /** overrides the file's `iterations` */
  iterations?: number;
  initial?: TrainerOptions['initial'];
  /** called every `chunk` steps (and at the end), with the costs recorded so far */
  onProgress?(r: StepResult, costs: ReadonlyArray<[number, number]>): void;
}

/** Steps between progress reports: often enough for a progress bar, rarely enough to cost nothing. */
const chunk = 50;

export function train(spec: NetworkSpec, data: { train: Dataset; test?: Dataset }, opts: TrainOptions = {}): TrainResult {
  const run = opts.iterations === undefined ? spec : { ...spec, train: { ...spec.train, iterations: opts.iterations } };
  const start = performance.now();
  const trainer = new Trainer(run, data.train, { test: data.test, initial: opts.initial });
  let r: StepResult = { iteration: -1, cost: NaN, diverged: false };
  while (!trainer.done) {
    r = trainer.step(chunk);
    opts.onProgress?.(r, trainer.costs);
  }
  const seconds = (performance.now() - start) / 1000;
  const costs = trainer.costs;
  return {
    network: spec.name,
    iterations: trainer.iteration,
    costs,
    finalCost: costs.length ? costs[costs.length - 1][1] : NaN,
    trainAccuracy: r.diverged ? undefined : trainer.accuracy('train'),
    testAccuracy: r.diverged ? undefined : trainer.accuracy('test'),
    seconds,
    divergedAt: r.diverged ? r.iteration : undefined,
    weights: trainer.weights(),
  };
}
