// Accuracy (spec §5), by the loss's record: sigmoid output, A > 0.5 against Y entry by entry;
// softmax output, the argmax of each column against Y's; mse has none.

import type { LossName } from '../foundation/model';
import { lossKind } from '../layers/losses';
import type { Matrix } from './matrix';

export function accuracy(loss: LossName, AL: Matrix, Y: Matrix): number | undefined {
  const measure = lossKind(loss).accuracy;
  return measure && Y.cols > 0 ? measure(AL, Y) : undefined;
}
