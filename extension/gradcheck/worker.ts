// The thread "NN: Check Gradients" runs in (dist/gradcheckWorker.js): one check per thread, so the
// extension host's event loop never waits on the thousands of forward passes, and Cancel simply
// terminates it. It gets { spec, entries? } as workerData, posts { progress } now and then, then
// one { result } or { error }, and ends.

import { parentPort, workerData } from 'node:worker_threads';
import type { NetworkSpec } from '../../core/model';
import { DataError, loadData } from '../../core/engine';
import { gradientCheck, type GradCheckResult } from '../../core/engine/gradcheck';
import { initialWeights } from '../../core/session/initial';

export interface GradCheckJob {
  spec: NetworkSpec;
  /** entries to compare at most; undefined: the default sample (docs/gradcheck.md) */
  entries?: number;
}

export type GradCheckReply = { result: GradCheckResult } | { error: string } | { progress: { done: number; total: number } };

/** Least share of the entries between two progress messages: about a hundred messages a check. */
const STEP = 0.01;

function check({ spec, entries }: GradCheckJob): GradCheckReply {
  let next = 0;
  const onProgress = (done: number, total: number): void => {
    if (done < next && done < total) return;
    next = done + Math.max(1, Math.floor(STEP * total));
    parentPort?.postMessage({ progress: { done, total } } satisfies GradCheckReply);
  };
  try {
    return { result: gradientCheck(spec, loadData(spec).train, { initial: initialWeights(spec), maxEntries: entries, onProgress }) };
  } catch (e) {
    if (e instanceof DataError) return { error: e.message };
    return { error: `the gradient check failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

parentPort?.postMessage(check(workerData as GradCheckJob));
