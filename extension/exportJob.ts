// "NN: Export Network…" as a job of the worker protocol (extension/job.ts): the thread makes the
// files and writes them (core/services/session/exportJob.ts), training an ONNX model's weights
// first when the panel gave none. No vscode import: the unit tests run it against the built worker.

import type { NetworkSpec } from '../core/foundation/model';
import type { ExportJob } from '../core/services/protocol';
import type { Control } from './cancellable';
import { runJob } from './job';

/** The question before an ONNX export from the palette: plain text (a modal shows no markdown). */
export function trainFirstQuestion(spec: NetworkSpec): string {
  return `An ONNX model holds trained weights, so network ‘${spec.name}’ is trained first (${spec.train.iterations.toLocaleString('en-US')} iterations), as nn export --to onnx does. To export weights you trained in the panel instead, press the panel's Export button.`;
}

/** The question's one button (Cancel is the modal's own). */
export const TRAIN_AND_EXPORT = 'Train and Export';

/** The files written, the output first; undefined when `control.signal` aborted the job. `control.onProgress` hears the iterations of a training first. */
export function exportJob(script: string, job: ExportJob, control?: Control): Promise<string[] | undefined> {
  return runJob(script, job, (r) => (r.type === 'exported' ? r.files : undefined), control, 'export thread');
}
