// "Train" and "Shapes" above each network (both commands take (uri, networkName)), and "Compare"
// above the first of a file with several networks: it compares all of them (nn.compareRuns takes
// (uri, names); the command palette asks which instead).

import * as vscode from 'vscode';
import { thousands } from '../core/format/numbers';
import type { Analyses } from './analysis';
import { toVsRange } from './convert';

export class NetworkLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly analyses: Analyses) {}

  /** Called when `nnStudio.codeLens.enabled` changes. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('nnStudio', doc.uri).get<boolean>('codeLens.enabled', true)) return [];
    const networks = this.analyses.get(doc).networks;
    return networks.flatMap((n, i) => {
      const at = toVsRange(n.nameRange);
      const args = [doc.uri, n.name];
      const params = `${thousands(n.params)} parameters`;
      return [
        new vscode.CodeLens(at, { title: '$(play) Train', command: 'nn.trainNetwork', arguments: args,
          tooltip: `Train ${n.name} and watch its cost fall` }),
        new vscode.CodeLens(at, { title: `$(symbol-array) Shapes · ${params}`, command: 'nn.showShapes', arguments: args,
          tooltip: `Print the shapes of every W[l], b[l], Z[l], A[l] of ${n.name}` }),
        // Above the first network of a file with several: train them all, their curves overlaid.
        ...(i === 0 && networks.length >= 2
          ? [new vscode.CodeLens(at, { title: `$(graph-line) Compare ${networks.length} networks`, command: 'nn.compareRuns', arguments: [doc.uri, networks.map((m) => m.name)],
              tooltip: 'Train every network of this file side by side and overlay their cost and accuracy curves' })]
          : []),
      ];
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
