// Trains a network to the end in the training thread (dist/worker.js, the panel's) and resolves
// with its final weights: what an ONNX export from the palette holds, as `nn export --to onnx`
// trains before it exports (one policy for both). Undefined when `signal` aborts it; a run that
// fails (divergence, data, a crash) rejects with the session's sentence. No vscode import.

import type { NetworkSpec } from '../core/foundation/model';
import type { Report } from '../core/services/protocol';
import { WorkerHost } from './train/workerHost';
import type { Control } from './cancellable';
import type { TrainedWeights } from './export';

/** The question before an ONNX export from the palette: plain text (a modal shows no markdown). */
export function trainFirstQuestion(spec: NetworkSpec): string {
  return `An ONNX model holds trained weights, so network ‘${spec.name}’ is trained first (${spec.train.iterations.toLocaleString('en-US')} iterations), as nn export --to onnx does. To export weights you trained in the panel instead, press the panel's Export button.`;
}

/** The question's one button (Cancel is the modal's own). */
export const TRAIN_AND_EXPORT = 'Train and Export';

/** `control.onProgress` hears the iterations done of the run's total, with every progress report. */
export function trainForExport(script: string, spec: NetworkSpec, control: Control = {}): Promise<TrainedWeights | undefined> {
  return new Promise((resolve, reject) => {
    if (control.signal?.aborted) return resolve(undefined);
    const end = (f: () => void): void => {
      control.signal?.removeEventListener('abort', cancel);
      void host.dispose();
      f();
    };
    const cancel = (): void => end(() => resolve(undefined));
    const host = new WorkerHost(script, (report: Report) => {
      if (report.type === 'progress') control.onProgress?.(report.iteration, report.iterations);
      else if (report.type === 'done' && report.reason === 'completed') host.send({ type: 'exportWeights' });
      else if (report.type === 'weights') end(() => resolve({ iteration: report.iteration, weights: report.weights, entries: report.entries }));
      else if (report.type === 'error') end(() => reject(new Error(report.message)));
    });
    control.signal?.addEventListener('abort', cancel);
    host.send({ type: 'start', spec });
  });
}
