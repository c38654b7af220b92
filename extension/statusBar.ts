// The status bar names the network under the cursor and its parameter count, turning to a warning
// when that count exceeds `nnStudio.parameterBudget`; its tooltip says what training it holds in
// memory. A click prints its shapes.

import * as vscode from 'vscode';
import { thousands } from '../core/foundation/numbers';
import type { Analyses } from './analysis';
import { networkAt } from './networkAt';

export class ParameterStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('nnStudio.parameters', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly analyses: Analyses) {
    this.item.name = 'NN Studio: parameters';
    this.item.command = 'nn.showShapes';
    this.subscriptions = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.onDidChangeTextEditorSelection(() => this.update()),
      analyses.onDidAnalyze((doc) => {
        if (doc === vscode.window.activeTextEditor?.document) this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('nnStudio.parameterBudget')) this.update();
      }),
    ];
    this.update();
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'nn') return this.item.hide();
    // The last analysis is good enough to point at; asking the server here would wait on every keystroke.
    const analysis = this.analyses.latest(editor.document);
    if (!analysis) {
      // A document analysed while another editor was active: ask once, then show it.
      const doc = editor.document;
      void this.analyses.get(doc).then(() => {
        if (this.analyses.latest(doc)) this.update();
      }, () => undefined);
    }
    const network = analysis && networkAt(analysis.networks, undefined, editor.selection.active);
    if (!network) return this.item.hide();
    const budget = vscode.workspace.getConfiguration('nnStudio', editor.document.uri).get<number>('parameterBudget', 0);
    const over = budget > 0 && network.params > budget;
    const count = thousands(network.params);
    this.item.text = `${over ? '$(warning)' : '$(symbol-array)'} ${network.name}: ${count} params`;
    // The footprint is the server's (nn/networks), the engine's one estimate: nothing is counted here.
    const memory = network.footprint ? ` Training it needs ${network.footprint.need}.` : '';
    this.item.tooltip = over
      ? `${network.name} has ${count} parameters, more than the budget of ${thousands(budget)} (nnStudio.parameterBudget).${memory} Click for its shapes.`
      : `${network.name} has ${count} parameters.${memory} Click for its shapes.`;
    this.item.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
