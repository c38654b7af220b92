// The thread "NN: Check Gradients" runs in (dist/gradcheckWorker.js): one check per thread, so the
// extension host's event loop never waits on the thousands of forward passes, and Cancel simply
// terminates it. It gets a GradCheckJob as workerData, checked before anything else (gradcheckJob.ts), posts { progress } now and then, then one
// { result } or { error } (core/services/protocol.ts), and ends. The job itself is the CLI's
// (core/services/session/gradcheck.ts): memory checked before the data is loaded.

import { parentPort, workerData } from 'node:worker_threads';
import { DataError } from '../../core/engine';
import type { GradCheckReply } from '../../core/services/protocol';
import { checkGradients } from '../../core/services/session/gradcheck';
import { checkGradCheckJob } from '../../core/services/session/gradcheckJob';

/** Least share of the entries between two progress messages: about a hundred messages a check. */
const STEP = 0.01;

function check(data: unknown): GradCheckReply {
  const job = checkGradCheckJob(data);
  if (typeof job === 'string') return { error: `the gradient check's job is malformed: ${job}` };
  const { spec, entries } = job;
  let next = 0;
  const onProgress = (done: number, total: number): void => {
    if (done < next && done < total) return;
    next = done + Math.max(1, Math.floor(STEP * total));
    parentPort?.postMessage({ progress: { done, total } } satisfies GradCheckReply);
  };
  try {
    return { result: checkGradients(spec, { maxEntries: entries, onProgress }) };
  } catch (e) {
    if (e instanceof DataError) return { error: e.message };
    return { error: `the gradient check failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

parentPort?.postMessage(check(workerData));
