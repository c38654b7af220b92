// "NN: Check Gradients" (spec §9): checks backprop of the network under the cursor in a worker
// thread, with progress and Cancel in a notification and the view open from the start (a page
// that says how far the check is); then shows the result in that view (a row per W[l], b[l]) and puts a diagnostic on the line of
// every layer whose dW[l] or db[l] is not fine. Those diagnostics have a collection of their own,
// cleared as soon as the document changes (they describe the file as it was checked).
// `nn.checkGradients(uri?, networkName?)` resolves with the result, or undefined when none was made
// (cancelled included). The setting `nnStudio.gradcheck.entries` asks for more entries than the default
// sample (docs/gradcheck.md).

import * as path from 'node:path';
import * as vscode from 'vscode';
import { thousands } from '../../core/foundation/numbers';
import type { GradCheckResult } from '../../core/engine/gradcheck';
import { parameterName, verdictSentence } from '../../core/services/format/gradcheck';
import type { Analyses } from '../analysis';
import { inNotification } from '../cancellable';
import { toVsRange } from '../convert';
import { panelColumn } from '../panelColumn';
import { pickTarget, type Target } from '../train/pick';
import { gradCheckHtml, progressHtml } from './html';
import { checkInWorker } from './run';

export const GRADCHECK_VIEW = 'nnStudio.gradcheck';

export function registerCheckGradients(context: vscode.ExtensionContext, analyses: Analyses): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('nn-gradcheck');
  let panel: vscode.WebviewPanel | undefined;
  const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');

  /** The view with `html`, opened beside the editor (without taking the focus), or brought forward when `reveal`. */
  const show = (network: string, html: string, reveal = false): void => {
    if (panel && reveal) panel.reveal(undefined, true); // where it is: panelColumn() placed it
    if (!panel) {
      panel = vscode.window.createWebviewPanel(GRADCHECK_VIEW, 'NN: Check Gradients', { viewColumn: panelColumn(), preserveFocus: true },
        { enableScripts: false, localResourceRoots: [dist] });
      panel.onDidDispose(() => { panel = undefined; });
    }
    panel.title = `Gradients: ${network}`;
    panel.webview.html = html;
  };

  context.subscriptions.push(
    diagnostics,
    { dispose: () => panel?.dispose() },
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) diagnostics.delete(e.document.uri);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => diagnostics.delete(doc.uri)),
    vscode.commands.registerCommand('nn.checkGradients', async (uri?: vscode.Uri, networkName?: string): Promise<GradCheckResult | undefined> => {
      const target = await pickTarget(analyses, uri instanceof vscode.Uri ? uri : undefined, networkName);
      if (!target) return undefined;
      const { spec } = target.network;
      if (!spec.train.data) {
        void vscode.window.showErrorMessage(`Network \`${spec.name}\` has no data to check its gradient on: add \`data SOURCE\` inside its train { … } block.`);
        return undefined;
      }
      const file = vscode.workspace.asRelativePath(target.uri);
      const entries = vscode.workspace.getConfiguration('nnStudio').get<number>('gradcheck.entries') || undefined;
      let result: GradCheckResult | undefined;
      try {
        show(spec.name, progressHtml(spec.name, file), true);
        result = await inNotification(`Checking the gradients of ${spec.name}`, (done, total) => `${thousands(done)} of ${thousands(total)} entries`,
          (control) => checkInWorker(path.join(context.extensionPath, 'dist', 'worker.js'), spec, entries, control),
          (done, total) => show(spec.name, progressHtml(spec.name, file, { done, total })));
      } catch (e) {
        show(spec.name, progressHtml(spec.name, file, undefined, 'failed'));
        void vscode.window.showErrorMessage(`Check Gradients: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
      if (!result) {
        show(spec.name, progressHtml(spec.name, file, undefined, 'cancelled'));
        return undefined;
      }
      diagnostics.set(target.uri, layerDiagnostics(result, target));
      show(result.network, gradCheckHtml(result, file));
      return result;
    }),
  );
}

/** One diagnostic per W[l] or b[l] that is not fine, on its layer's line: an error for a bug, a warning to look closer. */
export function layerDiagnostics(result: GradCheckResult, target: Target): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const p of result.perParameter) {
    const layer = target.network.layers.find((info) => info.index === p.l);
    if (p.verdict === 'fine' || !layer) continue;
    const message = Number.isNaN(p.difference)
      ? `d${parameterName(p)} could not be checked: ${verdictSentence(p.verdict, p.difference)}`
      : `d${parameterName(p)} from backprop against (J(θ+ε) − J(θ−ε))/2ε on ${p.checked} entries: ${verdictSentence(p.verdict, p.difference)}`;
    const d = new vscode.Diagnostic(toVsRange(layer.range), message, p.verdict === 'bug' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
    d.source = 'NN: Check Gradients';
    out.push(d);
  }
  return out;
}
