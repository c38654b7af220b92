// "Check Gradients" as a job of the worker protocol (extension/job.ts): the check runs in its own
// thread of dist/worker.js, so the extension host's event loop never waits on the thousands of
// forward passes, and Cancel ends the thread at once. No vscode import.

import type { GradCheckResult } from '../../core/engine/gradcheck';
import type { NetworkSpec } from '../../core/foundation/model';
import type { Control } from '../cancellable';
import { runJob } from '../job';

/** The check's result, or undefined when `control.signal` aborted it; rejects with the thread's sentence. */
export function checkInWorker(script: string, spec: NetworkSpec, entries?: number, control?: Control): Promise<GradCheckResult | undefined> {
  return runJob(script, { type: 'gradcheck', spec, entries }, (r) => (r.type === 'checked' ? r.result : undefined), control, "gradient check's thread");
}
