// The one example a panel view shows (conv feature maps, maps through time): which set it is taken
// from, what `showExample` says about a number outside it, and the forward pass of that example
// alone, the same for every view.

import type { Dataset } from '../../data/dataset';
import type { WeightsValues } from '../../data/weights';
import type { NetworkSpec } from '../../foundation/model';
import type { Matrix } from '../../engine/matrix';
import { Network, type Buffers } from '../../engine/network';
import { fromInitial } from '../../engine/trainer';

/** The test set when there is one (what the network has not trained on), else the training set. */
export function shownSet(train: Dataset, test: Dataset | undefined): { data: Dataset; set: 'test' | 'train' } {
  return test && test.m > 0 ? { data: test, set: 'test' } : { data: train, set: 'train' };
}

/** A sentence when `index` (0-based) is not an example of a set of m; undefined when it is. */
export function exampleProblem(m: number, set: 'test' | 'train', index: number): string | undefined {
  return index < m ? undefined : `showExample: the ${set === 'test' ? 'test' : 'training'} set has ${m} examples (0 to ${m - 1}), not ${index + 1}`;
}

/**
 * `read` of a forward pass of the one example x (n[0], 1) in a network of its own with copies of
 * the trainer's `weights` (its buffers for m = 1, evaluation mode), so the trainer's own buffers and
 * batch are never disturbed; what `read` returns must be copies: the network's memory is given back.
 */
export function forwardOne<R>(spec: NetworkSpec, weights: WeightsValues, x: Matrix, read: (net: Network, buffers: Buffers) => R): R {
  const net = new Network(spec, fromInitial(spec, weights));
  try {
    const buffers = net.allocate(1, false);
    net.forward(net.resident(x), buffers);
    return read(net, buffers);
  } finally {
    net.dispose();
  }
}
