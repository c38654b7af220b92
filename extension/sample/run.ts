// "NN: Sample" as a job of the worker protocol (extension/job.ts): `nn sample`'s service runs in its
// own thread of dist/worker.js, reading the text and the weights there, and the host only shows the
// text. No vscode import: the unit tests run this very function against the built worker.

import type { NetworkSpec } from '../../core/foundation/model';
import type { Control } from '../cancellable';
import { runJob } from '../job';

export interface SampleRequest {
  /** the weights file, absolute */
  weights: string;
  seed?: number;
  length?: number;
}

/** The characters drawn, or undefined when `control.signal` aborted; rejects with the thread's sentence. */
export function sampleInWorker(script: string, spec: NetworkSpec, request: SampleRequest, control?: Control): Promise<string | undefined> {
  return runJob(script, { type: 'sample', spec, ...request }, (r) => (r.type === 'sampled' ? r.text : undefined), control, "sampling thread");
}
