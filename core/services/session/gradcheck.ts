// The gradient check job (spec §9), the one entry point of `nn gradcheck` and of the editor's
// "Check Gradients" thread. Like training, it loads the data only after the memory check (and checks
// again with the real number of rows): a data set too large for the machine ends with a sentence
// giving the figure, not an out-of-memory abort. The estimate counts the whole data set but
// buffers for only the few examples the check runs on, so a network too large to train in full
// batch here can still be checked.

import { GRADCHECK_DEFAULTS, gradientCheck, type GradCheckResult } from '../../engine/gradcheck';
import type { NetworkSpec } from '../../foundation/model';
import { initialWeights } from './initial';
import { availableMemory, loadWithinMemory } from './limits';

export interface CheckGradientsOptions {
  epsilon?: number;
  /** bytes the machine can give the check (tests set it low) */
  available?: number;
  /** entries to compare at most; undefined: the default sample sized to finish in seconds */
  maxEntries?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The check of `spec`'s gradient on its initial weights; throws a DataError for data that cannot be read or does not fit. */
export function checkGradients(spec: NetworkSpec, { epsilon, available = availableMemory(), maxEntries, onProgress }: CheckGradientsOptions = {}): GradCheckResult {
  const examples = GRADCHECK_DEFAULTS.examples;
  const checked: NetworkSpec = { ...spec, train: { ...spec.train, batch: examples } };
  const { train } = loadWithinMemory(checked, available, 'checking the gradients of');
  return gradientCheck(spec, train, { epsilon, initial: initialWeights(spec), maxExamples: examples, maxEntries, onProgress });
}
