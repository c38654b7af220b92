// Command nn.showShapes(uri?, networkName?): prints the `nn shapes` table of a network to the
// "NN Studio" output channel. Without arguments: the active editor's network under the cursor.

import * as vscode from 'vscode';
import { formatShapesTable } from '../core/services/format/shapesTable';
import type { Analyses } from './analysis';
import { networkAt } from './networkAt';
import { output } from './output';

export function registerShowShapes(analyses: Analyses): vscode.Disposable {
  return vscode.commands.registerCommand('nn.showShapes', async (uri?: vscode.Uri, name?: string) => {
    const editor = vscode.window.activeTextEditor;
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    if (!doc || doc.languageId !== 'nn') {
      void vscode.window.showWarningMessage('Open a .nn file to see its shapes.');
      return undefined;
    }
    const cursor = editor?.document === doc ? editor.selection.active : undefined;
    const network = networkAt((await analyses.get(doc)).networks, name, cursor);
    if (!network) {
      void vscode.window.showWarningMessage(name ? `There is no network \`${name}\` in this file.` : 'This file holds no network.');
      return undefined;
    }
    const table = formatShapesTable(network);
    const channel = output();
    channel.appendLine(`${vscode.workspace.asRelativePath(doc.uri)} · network ${network.name}`);
    channel.appendLine(table);
    channel.show(true);
    return table;
  });
}
