// Runs one gradient check in its own worker thread (dist/gradcheckWorker.js) and resolves with its
// result; a thread that fails in any way rejects with a sentence for the user. No vscode import.

import { Worker } from 'node:worker_threads';
import type { NetworkSpec } from '../../core/foundation/model';
import type { GradCheckResult } from '../../core/engine/gradcheck';
import type { GradCheckReply } from '../../core/services/protocol';

export function checkInWorker(script: string, spec: NetworkSpec): Promise<GradCheckResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: spec });
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (reply: GradCheckReply) => settle(() => ('result' in reply ? resolve(reply.result) : reject(new Error(reply.error)))));
    worker.on('error', (e) => settle(() => reject(new Error(`the gradient check's thread crashed: ${e.message}`))));
    worker.on('exit', (code) => settle(() => reject(new Error(`the gradient check's thread stopped unexpectedly (exit code ${code})`))));
  });
}
