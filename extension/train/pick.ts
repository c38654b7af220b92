// Which network "NN: Train Network" trains: the one named (CodeLens), else the one under the
// cursor, else the only one, else the user's pick. A network with errors does not start: the user
// is pointed at the Problems panel instead.

import * as vscode from 'vscode';
import type { NetworkInfo } from '../../core/language/api';
import type { ViewMessage } from '../../core/services/protocol';
import type { Analyses } from '../analysis';
import { contains, fromVsPosition } from '../convert';

export interface Target {
  uri: vscode.Uri;
  /** the network, resolved: `spec` is present */
  network: NetworkInfo & { spec: NonNullable<NetworkInfo['spec']> };
  /** its groups and shapes as the network diagram draws them (nn/shapes) */
  diagram?: Extract<ViewMessage, { type: 'network' }>['diagram'];
}

/** The networks of the document as it is now (unsaved edits included), from the editor's shared analysis. */
async function networksOf(analyses: Analyses, uri: vscode.Uri): Promise<NetworkInfo[]> {
  return (await analyses.get(await vscode.workspace.openTextDocument(uri))).networks;
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

/** `pickTarget` bound to the editor's shared analysis, as the command and the panel use it. */
export type PickTarget = (uri?: vscode.Uri, name?: string) => Promise<Target | undefined>;

/** The network to train, or undefined after telling the user why there is none. */
export async function pickTarget(analyses: Analyses, uri?: vscode.Uri, name?: string): Promise<Target | undefined> {
  const editor = vscode.window.activeTextEditor;
  const docUri = uri ?? (editor?.document.languageId === 'nn' ? editor.document.uri : undefined);
  if (!docUri) {
    void vscode.window.showWarningMessage('Open a .nn file to train one of its networks.');
    return undefined;
  }
  const cursor = editor?.document.uri.toString() === docUri.toString() ? editor.selection.active : undefined;
  const network = await choose(await networksOf(analyses, docUri), name, cursor);
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
  const { json, X, lines, inputs } = await analyses.shapes(await vscode.workspace.openTextDocument(docUri), network.name).catch(() => ({ json: undefined, X: undefined, lines: undefined, inputs: undefined }));
  return { uri: docUri, network: network as Target['network'], diagram: json && { json, X, lines, inputs } };
}
