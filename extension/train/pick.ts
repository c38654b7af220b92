// Which network "NN: Train Network" trains: the one named (CodeLens), else the one under the
// cursor, else the only one, else the user's pick. A network with errors does not start: the user
// is pointed at the Problems panel instead.

import * as vscode from 'vscode';
import { analyze } from '../../core/language';
import type { NetworkInfo } from '../../core/language/api';
import { contains, fromVsPosition } from '../convert';

export interface Target {
  uri: vscode.Uri;
  /** the network, resolved: `spec` is present */
  network: NetworkInfo & { spec: NonNullable<NetworkInfo['spec']> };
}

/** The networks of the document as it is now (unsaved edits included). */
async function networksOf(uri: vscode.Uri): Promise<NetworkInfo[]> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const path = uri.scheme === 'file' ? uri.fsPath : undefined;
  // Untitled documents have no folder to resolve relative data files against.
  return analyze(doc.getText(), { path, files: path ? undefined : null }).networks;
}

async function choose(networks: NetworkInfo[], name?: string, cursor?: vscode.Position): Promise<NetworkInfo | undefined> {
  if (name !== undefined) return networks.find((n) => n.name === name);
  const at = cursor && fromVsPosition(cursor);
  const under = at && networks.find((n) => contains(n.range, at));
  if (under || networks.length <= 1) return under ?? networks[0];
  const picked = await vscode.window.showQuickPick(
    networks.map((n) => ({ label: n.name, description: `${n.layers.length} layers · ${n.params.toLocaleString('en-US')} parameters`, network: n })),
    { placeHolder: 'Which network to train?' },
  );
  return picked?.network;
}

/** The network to train, or undefined after telling the user why there is none. */
export async function pickTarget(uri?: vscode.Uri, name?: string): Promise<Target | undefined> {
  const editor = vscode.window.activeTextEditor;
  const docUri = uri ?? (editor?.document.languageId === 'nn' ? editor.document.uri : undefined);
  if (!docUri) {
    void vscode.window.showWarningMessage('Open a .nn file to train one of its networks.');
    return undefined;
  }
  const cursor = editor?.document.uri.toString() === docUri.toString() ? editor.selection.active : undefined;
  const network = await choose(await networksOf(docUri), name, cursor);
  if (!network) {
    void vscode.window.showWarningMessage(name ? `There is no network \`${name}\` in this file.` : 'This file holds no network to train.');
    return undefined;
  }
  if (!network.spec) {
    const show = 'Show Problems';
    void vscode.window.showErrorMessage(`Network \`${network.name}\` has errors: fix them before training.`, show).then((choice) => {
      if (choice === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return undefined;
  }
  return { uri: docUri, network: network as Target['network'] };
}
