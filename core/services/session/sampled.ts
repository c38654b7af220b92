// `nn sample` from saved weights (spec §14), the one entry point of the CLI and of the editor's
// "NN: Sample" thread: the network's `text(…)` data gives the vocabulary, the weights file (saved by
// `nn train --save-weights` or the panel's Save weights) the model.

import { loadData } from '../../data/dataset';
import type { NetworkSpec } from '../../foundation/model';
import { cannotSample, SampleError, sampleText, type SampleOptions } from '../sample';
import { initialWeights } from './initial';

/** The sampled text; throws DataError for data or weights that cannot be read, SampleError for a network that cannot be sampled. */
export function sampleSaved(spec: NetworkSpec, weights: string, options: SampleOptions): string {
  const withWeights: NetworkSpec = { ...spec, train: { ...spec.train, weights } };
  const vocab = loadData(withWeights).train.vocab;
  const problem = cannotSample(withWeights, vocab);
  if (problem) throw new SampleError(problem);
  return sampleText(withWeights, initialWeights(withWeights)!, vocab!, options);
}
