// What the machine can give a training run, and the refusal when a run needs more. The worker's
// session and `nn train` ask before they load the data and again, with the real number of rows of
// a CSV, before the network's buffers are allocated: an oversized run ends with a sentence giving
// the figure instead of an out-of-memory abort. The checker's fixed limit (NN701) comes first; this
// one is the machine's, so it is not known until training starts.

import { freemem } from 'node:os';
import { DataError, loadData, type Dataset } from '../../engine';
import { examplesOf, networkFootprint } from '../../engine/footprint';
import { describeNeed, formatBytes, memoryHint } from '../../language/memory';
import type { NetworkSpec } from '../../foundation/model';

/** Bytes this process may still take: free memory, within a container's limit (Node ≥ 20.13 knows it). */
export function availableMemory(): number {
  return typeof process.availableMemory === 'function' ? process.availableMemory() : freemem();
}

/**
 * Why `spec` cannot be trained here, or undefined when its memory estimate fits in `available`
 * bytes. `loaded` gives the data's real sizes once it is loaded (a CSV's rows are not known before);
 * `job` names what would need it, for the sentence.
 */
export function memoryRefusal(spec: NetworkSpec, loaded?: { m: number; testM: number }, available = availableMemory(), job = 'training'): string | undefined {
  const e = networkFootprint(spec, examplesOf(spec.train, loaded?.m, loaded?.testM));
  if (e.bytes <= available) return undefined;
  return `${job} \`${spec.name}\` needs ${describeNeed(e)}, but this machine has about ${formatBytes(available)} available: ${memoryHint(e.dominant)}`;
}

/** loadData, between two memory checks; throws DataError with the figure when the run does not fit. */
export function loadWithinMemory(spec: NetworkSpec, available = availableMemory(), job = 'training'): { train: Dataset; test?: Dataset } {
  // `available` is measured once: the data loaded here takes from it, and is in the estimate.
  const refuse = (loaded?: { m: number; testM: number }): void => {
    const refusal = memoryRefusal(spec, loaded, available, job);
    if (refusal) throw new DataError(refusal);
  };
  refuse();
  const data = loadData(spec);
  refuse({ m: data.train.m, testM: data.test?.m ?? 0 });
  return data;
}
