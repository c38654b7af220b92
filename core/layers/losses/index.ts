// Every loss, by name: the table the checker, hover, completion and the engine read (loss.ts).

import type { Activation, LossName } from '../../foundation/model';
import { ACTIVATION_LIST, activationKind } from '../activations';
import { crossEntropy } from './crossEntropy';
import type { LossKind } from './loss';
import { mse } from './mse';
import { softmaxCrossEntropy } from './softmaxCrossEntropy';

export type { LossKind } from './loss';
export { softplus } from './crossEntropy';

/** The losses the language is born with: the type system checks that each name has its record. */
const BUILT_IN: { readonly [K in LossName]: LossKind<K> } = {
  cross_entropy: crossEntropy,
  softmax_cross_entropy: softmaxCrossEntropy,
  mse,
};

/** Every loss, in the order hover and completion list them. */
export const LOSS_KINDS: readonly LossKind[] = Object.values(BUILT_IN);

/** The record of `name`. */
export function lossKind(name: LossName): LossKind {
  return BUILT_IN[name];
}

/** The activation `loss` is defined for, when it is defined for one only (cross-entropies: sigmoid, softmax). */
export function neededOutput(loss: LossKind): Activation['name'] | undefined {
  return loss.dA ? undefined : ACTIVATION_LIST.find((g) => g.pairs === loss.name)?.name;
}

/**
 * The loss inferred for the output g when `loss` is not written (spec §2): the one g pairs with,
 * else the loss that takes any output.
 */
export function inferLoss(g: Activation['name']): LossName {
  return activationKind(g).pairs ?? LOSS_KINDS.find((loss) => loss.dA)!.name;
}
