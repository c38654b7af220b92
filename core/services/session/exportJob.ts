// "NN: Export Network…" as a job of the worker thread (spec §10), so the extension host runs no
// export code: the files of core/services/export for the network the checker resolved, checked
// by the export's safety rules (core/services/export/write.ts: no derived name written through a
// link, nothing onto a non-regular file, every file checked before any is written) and written
// atomically. An ONNX model without the panel's weights holds trained ones: the network is trained
// to its last iteration first, memory checked before its data loads, as `nn export --to onnx` does.

import { DataError, train } from '../../engine';
import { writeFileAtomic } from '../../data/write';
import type { WeightsValues } from '../../data/weights';
import { exportOnnx, exportPytorch, type ExportedFile } from '../export';
import { checkedExport } from '../export/write';
import type { ExportJob, Report } from '../protocol';
import { divergenceMessage } from './divergence';
import { initialWeights } from './initial';
import { availableMemory, loadWithinMemory } from './limits';
import { resolveNetwork, type ResolvedNetwork } from './resolve';
import { weightsText } from './weightsFile';

/** Runs the job: `exported` with the files written, or an `error` (data, divergence, write); `onProgress` hears the iterations of a training first. */
export async function exportJob(job: ExportJob, onProgress: (done: number, total: number) => void, available = availableMemory): Promise<Report> {
  const network = resolveNetwork(job.spec);
  if (typeof network === 'string') return { type: 'error', kind: 'data', message: network };
  let files: ExportedFile[];
  try {
    if (job.target === 'pytorch') files = pytorchFiles(network, job);
    else {
      const weights = job.weights ?? trained(network, onProgress, available());
      if (typeof weights === 'string') return { type: 'error', kind: 'divergence', message: weights };
      files = exportOnnx(network.spec, job.out, weights, { float64: job.float64 ?? false });
    }
  } catch (e) {
    return { type: 'error', kind: e instanceof DataError ? 'data' : 'crash', message: e instanceof Error ? e.message : String(e) };
  }
  try {
    // the save dialog has asked before replacing `out`; the files named after it never follow a link
    for (const file of checkedExport(files, { named: true, force: true })) await writeFileAtomic(file.path, file.content, file);
  } catch (e) {
    return { type: 'error', kind: 'write', message: e instanceof Error ? e.message : String(e) };
  }
  return { type: 'exported', files: files.map((f) => f.path) };
}

/** The script; weights the panel trained are saved beside it (OUT.weights.json) and become its starting point. */
function pytorchFiles({ spec }: ResolvedNetwork, job: ExportJob): ExportedFile[] {
  if (!job.weights) return exportPytorch(spec, job.out, job.source);
  const weightsPath = job.out.replace(/(\.py)?$/, '.weights.json');
  return [...exportPytorch(spec, job.out, job.source, weightsPath), { path: weightsPath, content: weightsText(spec, job.weights) }];
}

/** The weights `nn train` ends with, or the sentence saying the cost diverged. */
function trained({ spec }: ResolvedNetwork, onProgress: (done: number, total: number) => void, available: number): WeightsValues | string {
  const iterations = spec.train.iterations;
  const result = train(spec, loadWithinMemory(spec, available), { initial: initialWeights(spec), onProgress: (r) => onProgress(r.iteration + 1, iterations) }); // r.iteration: the last step's i, from 0
  if (result.divergedAt !== undefined) return divergenceMessage(result.finalCost, result.divergedAt, spec.train.learningRate, result.cause);
  return result.weights;
}
