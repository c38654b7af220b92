// Accuracy (spec §5), by the loss's record: sigmoid output, A > 0.5 against Y entry by entry;
// softmax output, the argmax of each column against Y's; mse has none. A per-step output (§14)
// counts every (example, step): each step's block has m columns (and n·m entries), so the mean of
// the blocks' accuracies is the share of all m·T predictions.
//
// A per-step output also has an exact-sequence score: the share of examples whose every step is
// right. That is what a translation is judged by ("1979-05-03" with one wrong digit is a wrong
// date), and per-step accuracy hides it: dates(m)'s 20 padding steps of 30 are easy, so a model
// that gets no date right still scores about 70 % per step.

import type { LossName } from '../foundation/model';
import { lossKind } from '../layers/losses';
import { stepsOf, type Matrix } from './matrix';

/** What `nn train` and the panel report for a set of examples (fractions in [0, 1]). */
export interface Scores {
  /** the share right over every (example, step): `accuracy` */
  accuracy?: number;
  /** with a per-step output, the share of examples right at every step: `exactSequences` */
  exact?: number;
}

/** The share right over A[L]'s T step blocks (T = 1: A[L] is one course-1 output). */
export function accuracy(loss: LossName, AL: Matrix, Y: Matrix, T = 1): number | undefined {
  const measure = lossKind(loss).accuracy;
  if (!measure || Y.cols === 0) return undefined;
  const As = stepsOf(AL, T), Ys = stepsOf(Y, T);
  return As.reduce((sum, A, t) => sum + measure(A, Ys[t]), 0) / T;
}

/** The share of examples right at every one of the T steps; undefined for one step (it is `accuracy`) or mse. */
export function exactSequences(loss: LossName, AL: Matrix, Y: Matrix, T: number): number | undefined {
  const markWrong = lossKind(loss).markWrong;
  if (!markWrong || T === 1 || Y.cols === 0) return undefined;
  const right = new Uint8Array(Y.cols).fill(1);
  const Ys = stepsOf(Y, T);
  stepsOf(AL, T).forEach((A, t) => markWrong(A, Ys[t], right));
  return right.reduce((sum, r) => sum + r, 0) / Y.cols;
}

/** Both scores of one prediction A[L]. */
export function scores(loss: LossName, AL: Matrix, Y: Matrix, T = 1): Scores {
  return { accuracy: accuracy(loss, AL, Y, T), exact: exactSequences(loss, AL, Y, T) };
}
