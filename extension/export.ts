// Command nn.exportNetwork(uri?, networkName?, trained?) — "NN: Export Network…" (spec §10): a
// quick pick of the format, a save dialog, then the files of core/services/export written. From the command
// palette it exports the network under the cursor as the file describes it; the training panel's
// Export button passes the weights it trained: a PyTorch script then starts from them (saved beside
// it as OUT.weights.json) and an ONNX model holds them. An ONNX model from the palette holds trained
// weights too: as `nn export --to onnx` does, the network is trained first (in the training thread,
// with progress and Cancel), after a question asked before the save dialog. Modal text is plain:
// VS Code shows no markdown there, so names are quoted with ‘ ’, never with backticks.

import * as vscode from 'vscode';
import { thousands } from '../core/foundation/numbers';
import { basename } from 'node:path';
import { formatWeights, type WeightEntry, type WeightsValues } from '../core/data/weights';
import { writeFileAtomic } from '../core/data/write';
import { exportOnnx, exportPytorch, type ExportedFile } from '../core/services/export';
import { checkedExport } from '../core/services/export/write';
import type { NetworkSpec } from '../core/foundation/model';
import type { Analyses } from './analysis';
import { inNotification } from './cancellable';
import { networkAt } from './networkAt';
import { TRAIN_AND_EXPORT, trainFirstQuestion, trainForExport } from './trainForExport';

/** Weights the panel trained: every parameter by key (`W1`, `gamma3`, …) row-major, and the keys with their shapes. */
export interface TrainedWeights {
  iteration: number;
  weights: WeightsValues;
  entries: WeightEntry[];
}

type Format = { label: string; detail: string; target: 'pytorch' | 'onnx'; float64: boolean; extension: string };

const FORMATS: Format[] = [
  { label: 'PyTorch script (.py)', detail: 'Trains as the editor does, in float64; torchrun runs it on many GPUs', target: 'pytorch', float64: false, extension: 'py' },
  { label: 'ONNX model (.onnx), float32', detail: 'For inference in any ONNX runtime; opens in Netron', target: 'onnx', float64: false, extension: 'onnx' },
  { label: 'ONNX model (.onnx), float64', detail: 'The same in double precision', target: 'onnx', float64: true, extension: 'onnx' },
];

/** `workerScript`: dist/worker.js, the training thread that trains an ONNX export's weights. */
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

    let files: ExportedFile[];
    try {
      files = format.target === 'pytorch'
        ? await pytorchFiles(spec, out.fsPath, doc.uri.fsPath, trained)
        : await onnxFiles(spec, out.fsPath, format.float64, trained ?? await trainWithProgress(workerScript, spec));
    } catch (e) {
      return void vscode.window.showErrorMessage(`NN: cannot export network ${spec.name}: ${e instanceof Error ? e.message : e}`);
    }
    if (!files.length) return undefined; // the training was cancelled
    try {
      // the save dialog has asked before replacing `out`; the files named after it never follow a link
      for (const file of checkedExport(files, { named: true, force: true })) await writeFileAtomic(file.path, file.content, file);
    } catch (e) {
      return void vscode.window.showErrorMessage(`NN: cannot write the export: ${e instanceof Error ? e.message : e}`);
    }
    const also = files.length > 1 ? ` (with ${files.slice(1).map((f) => basename(f.path)).join(', ')})` : '';
    const open = format.target === 'pytorch' ? 'Open' : undefined;
    void vscode.window.showInformationMessage(`Exported network ‘${spec.name}’ to ${vscode.workspace.asRelativePath(out)}${also}.`, ...(open ? [open] : []))
      .then((choice) => {
        if (choice === open) void vscode.window.showTextDocument(out);
      });
    return files.map((f) => f.path);
  });
}

/** The script; weights the panel trained are saved beside it and become its starting point. */
async function pytorchFiles(spec: NetworkSpec, out: string, source: string, trained?: TrainedWeights): Promise<ExportedFile[]> {
  if (!trained) return exportPytorch(spec, out, source);
  const weightsPath = out.replace(/(\.py)?$/, '.weights.json');
  const text = formatWeights(trained.weights, trained.entries);
  return [...exportPytorch(spec, out, source, weightsPath), { path: weightsPath, content: text }];
}

/** The model of the trained weights; no file when the training was cancelled. */
function onnxFiles(spec: NetworkSpec, out: string, float64: boolean, trained: TrainedWeights | undefined): ExportedFile[] {
  return trained ? exportOnnx(spec, out, trained.weights, { float64 }) : [];
}

/** The network trained to its last iteration in a cancellable notification; undefined when cancelled. */
function trainWithProgress(workerScript: string, spec: NetworkSpec): Thenable<TrainedWeights | undefined> {
  return inNotification(`Training ${spec.name} to export it`, (i, iterations) => `iteration ${thousands(i)} of ${thousands(iterations)}`,
    (control) => trainForExport(workerScript, spec, control));
}
