// Accuracy (spec §5), by the loss's record: sigmoid output, A > 0.5 against Y entry by entry;
// softmax output, the argmax of each column against Y's; mse has none. A per-step output (§14)
// counts every (example, step): each step's block has m columns (and n·m entries), so the mean of
// the blocks' accuracies is the share of all m·T predictions.

import type { LossName } from '../foundation/model';
import { lossKind } from '../layers/losses';
import { stepsOf, type Matrix } from './matrix';

/** The share right over A[L]'s T step blocks (T = 1: A[L] is one course-1 output). */
export function accuracy(loss: LossName, AL: Matrix, Y: Matrix, T = 1): number | undefined {
  const measure = lossKind(loss).accuracy;
  if (!measure || Y.cols === 0) return undefined;
  const As = stepsOf(AL, T), Ys = stepsOf(Y, T);
  return As.reduce((sum, A, t) => sum + measure(A, Ys[t]), 0) / T;
}
