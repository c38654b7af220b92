// Runs one job of the worker protocol (core/services/protocol.ts) in its own thread (dist/worker.js)
// and resolves with its result: the same progress, Cancel and errors for every job. `advanced`
// reports reach `control.onProgress`; an `error` report, or a thread that crashes, rejects with the
// thread's sentence; aborting `control.signal` ends the thread at once and resolves undefined. No
// vscode import: the unit tests run this very function against the built worker.

import type { Job, Report } from '../core/services/protocol';
import type { Control } from './cancellable';
import { WorkerHost } from './train/workerHost';

/** The error of a job: its sentence, and its kind (`write`: a file was refused; others: the job could not run). */
export class JobError extends Error {
  constructor(readonly kind: Extract<Report, { type: 'error' }>['kind'], message: string) {
    super(message);
  }
}

/**
 * Posts `job` to a new thread and waits for the report `result` picks out (undefined: not the
 * result yet). `thread` names the thread in a crash's sentence ("the gradient check's thread").
 */
export function runJob<R>(script: string, job: Job, result: (report: Report) => R | undefined, control: Control = {}, thread?: string): Promise<R | undefined> {
  return new Promise((resolve, reject) => {
    if (control.signal?.aborted) return resolve(undefined);
    const end = (f: () => void): void => {
      control.signal?.removeEventListener('abort', cancel);
      void host.dispose();
      f();
    };
    const cancel = (): void => end(() => resolve(undefined));
    const host = new WorkerHost(script, (report) => {
      if (report.type === 'advanced') return control.onProgress?.(report.done, report.total);
      if (report.type === 'error') return end(() => reject(new JobError(report.kind, report.message)));
      const value = result(report);
      if (value !== undefined) end(() => resolve(value));
    }, undefined, thread);
    control.signal?.addEventListener('abort', cancel);
    host.send(job);
  });
}
