// The thread "NN: Check Gradients" runs in (dist/gradcheckWorker.js): one check per thread, so the
// extension host's event loop never waits on the thousands of forward passes. It gets the network's
// spec as workerData, runs the session's gradient check job (memory checked before the data is
// read), posts one message, { result } or { error }, and ends.

import { parentPort, workerData } from 'node:worker_threads';
import type { NetworkSpec } from '../../core/foundation/model';
import { DataError } from '../../core/engine';
import type { GradCheckReply } from '../../core/services/protocol';
import { checkGradients } from '../../core/services/session/gradcheck';

function check(spec: NetworkSpec): GradCheckReply {
  try {
    return { result: checkGradients(spec) };
  } catch (e) {
    if (e instanceof DataError) return { error: e.message };
    return { error: `the gradient check failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

parentPort?.postMessage(check(workerData as NetworkSpec));
