// A whole training run, start to finish: what `nn train` executes.

import type { NetworkSpec } from '../foundation/model';
import type { WeightsValues } from '../data/weights';
import type { Dataset } from '../data/dataset';
import type { Scores } from './accuracy';
import type { CostHistory, CostPoint } from './history';
import { Trainer, type LayerStats, type NonFinite, type StepResult, type TrainerOptions } from './trainer';

export interface TrainResult {
  network: string;
  /** steps completed */
  iterations: number;
  costs: Array<[number, number]>;
  /** the same points with the range of the costs each stands for (history.ts) */
  history: CostPoint[];
  /** the last recorded cost: iteration `iterations − 1`, or the diverging one */
  finalCost: number;
  trainAccuracy?: number;
  testAccuracy?: number;
  /** with a per-step output, the share of examples right at every step (accuracy.ts) */
  trainExact?: number;
  testExact?: number;
  seconds: number;
  /** the iteration whose cost became NaN or infinite */
  divergedAt?: number;
  /** what was not finite when it diverged */
  cause?: NonFinite;
  /** per layer, W[l] and the last step's dW[l], dZ[l] (mean and norm) */
  stats: LayerStats[];
  /** every parameter by weights-file key (`W1`, `b1`, `gamma3`, …) */
  weights: WeightsValues;
}

export interface TrainOptions {
  /** overrides the file's `iterations` */
  iterations?: number;
  initial?: TrainerOptions['initial'];
  onCost?: TrainerOptions['onCost'];
  maxRecorded?: TrainerOptions['maxRecorded'];
  /** called every `chunk` steps (and at the end), with the costs recorded so far */
  onProgress?(r: StepResult, history: CostHistory): void;
}

/** Steps between progress reports: often enough for a progress bar, rarely enough to cost nothing. */
const chunk = 50;

export function train(spec: NetworkSpec, data: { train: Dataset; test?: Dataset }, opts: TrainOptions = {}): TrainResult {
  const run = opts.iterations === undefined ? spec : { ...spec, train: { ...spec.train, iterations: opts.iterations } };
  const start = performance.now();
  const trainer = new Trainer(run, data.train, { test: data.test, initial: opts.initial, onCost: opts.onCost, maxRecorded: opts.maxRecorded });
  let r: StepResult = { iteration: -1, cost: NaN, diverged: false };
  while (!trainer.done) {
    r = trainer.step(chunk);
    opts.onProgress?.(r, trainer.history);
  }
  const seconds = (performance.now() - start) / 1000;
  const costs = trainer.costs;
  const onTrain: Scores = r.diverged ? {} : trainer.scores('train'), onTest: Scores = r.diverged ? {} : trainer.scores('test');
  return {
    network: spec.name,
    iterations: trainer.iteration,
    costs,
    history: trainer.history.points(),
    finalCost: costs.length ? costs[costs.length - 1][1] : NaN,
    trainAccuracy: onTrain.accuracy,
    testAccuracy: onTest.accuracy,
    trainExact: onTrain.exact,
    testExact: onTest.exact,
    seconds,
    divergedAt: r.diverged ? r.iteration : undefined,
    cause: r.cause,
    stats: trainer.stats(),
    weights: trainer.weights(),
  };
}
