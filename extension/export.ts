// Command nn.exportNetwork(uri?, networkName?, trained?) — "NN: Export Network…" (spec §10): a
// quick pick of the format, a save dialog, then the export job of the worker protocol
// (core/services/session/exportJob.ts), which makes the files and writes them in its own thread —
// the extension host runs no export code. From the command palette it exports the network under the
// cursor as the file describes it; the training panel's Export button passes the weights it
// trained: a PyTorch script then starts from them (saved beside it as OUT.weights.json) and an ONNX
// model holds them. An ONNX model from the palette holds trained weights too: as `nn export --to
// onnx` does, the job trains the network first (with progress and Cancel), after a question asked
// before the save dialog. Modal text is plain: VS Code shows no markdown there, so names are quoted
// with ‘ ’, never with backticks.

import * as vscode from 'vscode';
import { basename } from 'node:path';
import { thousands } from '../core/foundation/numbers';
import type { ExportJob, Report } from '../core/services/protocol';
import type { Analyses } from './analysis';
import { inNotification, type Control } from './cancellable';
import { exportJob, TRAIN_AND_EXPORT, trainFirstQuestion } from './exportJob';
import { JobError } from './job';
import { networkAt } from './networkAt';

/** Weights the panel trained, as its worker's `weights` report carries them: every parameter by key (`W1`, `gamma3`, …) and the file's keys with their shapes. */
export type TrainedWeights = Omit<Extract<Report, { type: 'weights' }>, 'type'>;

type Format = { label: string; detail: string; target: 'pytorch' | 'onnx'; float64: boolean; extension: string };

const FORMATS: Format[] = [
  { label: 'PyTorch script (.py)', detail: 'Trains as the editor does, in float64; torchrun runs it on many GPUs', target: 'pytorch', float64: false, extension: 'py' },
  { label: 'ONNX model (.onnx), float32', detail: 'For inference in any ONNX runtime; opens in Netron', target: 'onnx', float64: false, extension: 'onnx' },
  { label: 'ONNX model (.onnx), float64', detail: 'The same in double precision', target: 'onnx', float64: true, extension: 'onnx' },
];

/** `workerScript`: dist/worker.js, the thread the export job runs in. */
export function registerExport(analyses: Analyses, workerScript: string): vscode.Disposable {
  return vscode.commands.registerCommand('nn.exportNetwork', async (uri?: vscode.Uri, name?: string, trained?: TrainedWeights) => {
    const editor = vscode.window.activeTextEditor;
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    if (!doc || doc.languageId !== 'nn') return void vscode.window.showWarningMessage('Open a .nn file to export one of its networks.');
    if (doc.uri.scheme !== 'file') return void vscode.window.showWarningMessage('Save the .nn file first: the export refers to its data by path.');
    const network = networkAt((await analyses.get(doc)).networks, name, editor?.document === doc ? editor.selection.active : undefined);
    if (!network) return void vscode.window.showWarningMessage(name ? `There is no network ‘${name}’ in this file.` : 'This file holds no network.');
    const spec = network.spec;
    if (!spec) return void vscode.window.showErrorMessage(`Network ‘${network.name}’ has errors: fix them before exporting.`);
    if (!spec.train.data) return void vscode.window.showErrorMessage(`Network ‘${network.name}’ has no data: add ‘data SOURCE’ to its train { … } block.`);

    const format = await vscode.window.showQuickPick(FORMATS, {
      title: `Export network ${spec.name}${trained ? ` (weights of iteration ${trained.iteration})` : ''}`,
      placeHolder: 'Export as…',
    });
    if (!format) return undefined;
    if (format.target === 'onnx' && !trained) {
      const choice = await vscode.window.showInformationMessage(trainFirstQuestion(spec), { modal: true }, TRAIN_AND_EXPORT);
      if (choice !== TRAIN_AND_EXPORT) return undefined;
    }
    const out = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(doc.uri, '..', `${spec.name}.${format.extension}`),
      filters: format.target === 'pytorch' ? { 'Python': ['py'] } : { 'ONNX': ['onnx'] },
      title: `Export network ${spec.name} as ${format.label}`,
    });
    if (!out) return undefined;
    if (out.scheme !== 'file') return void vscode.window.showErrorMessage('NN: export to a local folder: the script refers to its files by path.');

    const job: ExportJob = { type: 'export', spec, target: format.target, out: out.fsPath, source: doc.uri.fsPath, float64: format.float64, weights: trained?.weights };
    let files: string[] | undefined;
    try {
      files = await exportInWorker(workerScript, job);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return void vscode.window.showErrorMessage(e instanceof JobError && e.kind === 'write' ? `NN: cannot write the export: ${message}` : `NN: cannot export network ${spec.name}: ${message}`);
    }
    if (!files) return undefined; // the training was cancelled
    const also = files.length > 1 ? ` (with ${files.slice(1).map((f) => basename(f)).join(', ')})` : '';
    const open = format.target === 'pytorch' ? 'Open' : undefined;
    void vscode.window.showInformationMessage(`Exported network ‘${spec.name}’ to ${vscode.workspace.asRelativePath(out)}${also}.`, ...(open ? [open] : []))
      .then((choice) => {
        // an ONNX model has no Open button: a dismissed message (undefined) must not open the binary file
        if (open !== undefined && choice === open) void vscode.window.showTextDocument(out);
      });
    return files;
  });
}

/** The job in its own thread: the files written; undefined when its training was cancelled. An ONNX model without weights is trained first, in a cancellable notification. */
function exportInWorker(script: string, job: ExportJob): Thenable<string[] | undefined> {
  const run = (control?: Control): Promise<string[] | undefined> => exportJob(script, job, control);
  if (job.target === 'pytorch' || job.weights) return run();
  return inNotification(`Training ${job.spec.name} to export it`, (i, iterations) => `iteration ${thousands(i)} of ${thousands(iterations)}`, run);
}
