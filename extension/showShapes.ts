// Command nn.showShapes(uri?, networkName?): prints the `nn shapes` table of a network, as the
// language server formats it (request nn/shapes), to the "NN Studio" output channel. Without
// arguments: the active editor's network under the cursor.

import * as vscode from 'vscode';
import type { Analyses } from './analysis';
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
    const { network, table } = await analyses.shapes(doc, name, cursor);
    if (network === undefined || table === undefined) {
      void vscode.window.showWarningMessage(name ? `There is no network \`${name}\` in this file.` : 'This file holds no network.');
      return undefined;
    }
    const channel = output();
    channel.appendLine(`${vscode.workspace.asRelativePath(doc.uri)} · network ${network}`);
    channel.appendLine(table);
    channel.show(true);
    return table;
  });
}
