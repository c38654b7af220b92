// The thread "NN: Check Gradients" runs in (dist/gradcheckWorker.js): one check per thread, so the
// extension host's event loop never waits on the thousands of forward passes. It gets the network's
// spec as workerData, posts one message, { result } or { error }, and ends.

import { parentPort, workerData } from 'node:worker_threads';
import type { NetworkSpec } from '../../core/foundation/model';
import { DataError, loadData } from '../../core/engine';
import { gradientCheck, type GradCheckResult } from '../../core/engine/gradcheck';
import { initialWeights } from '../../core/services/session/initial';

export type GradCheckReply = { result: GradCheckResult } | { error: string };

function check(spec: NetworkSpec): GradCheckReply {
  try {
    return { result: gradientCheck(spec, loadData(spec).train, { initial: initialWeights(spec) }) };
  } catch (e) {
    if (e instanceof DataError) return { error: e.message };
    return { error: `the gradient check failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

parentPort?.postMessage(check(workerData as NetworkSpec));
