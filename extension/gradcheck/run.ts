// Runs one gradient check in its own worker thread (dist/gradcheckWorker.js) and resolves with its
// result, or undefined when `signal` aborts it (the thread is terminated at once); a thread that
// fails in any way rejects with a sentence for the user. No vscode import.

import { Worker } from 'node:worker_threads';
import type { GradCheckResult } from '../../core/engine/gradcheck';
import type { GradCheckJob, GradCheckReply } from '../../core/services/protocol';
import type { Control } from '../cancellable';

/** `control.onProgress` hears the entries compared of the total, as the thread reports them. */
export function checkInWorker(script: string, job: GradCheckJob, control: Control = {}): Promise<GradCheckResult | undefined> {
  return new Promise((resolve, reject) => {
    if (control.signal?.aborted) return resolve(undefined);
    const worker = new Worker(script, { workerData: job });
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      control.signal?.removeEventListener('abort', cancel);
      f();
      void worker.terminate();
    };
    const cancel = (): void => settle(() => resolve(undefined));
    control.signal?.addEventListener('abort', cancel);
    worker.on('message', (reply: GradCheckReply) => {
      if ('progress' in reply) return control.onProgress?.(reply.progress.done, reply.progress.total);
      settle(() => ('result' in reply ? resolve(reply.result) : reject(new Error(reply.error))));
    });
    worker.on('error', (e) => settle(() => reject(new Error(`the gradient check's thread crashed: ${e.message}`))));
    worker.on('exit', (code) => settle(() => reject(new Error(`the gradient check's thread stopped unexpectedly (exit code ${code})`))));
  });
}
