// Which networks "NN: Compare Runs" trains: the ones named (tests, scripts), else every network of
// the file — through a quick pick with all of them preselected when there are three or more, so
// one can be left out. Networks with errors are left out, and the user is told which.

import * as vscode from 'vscode';
import type { NetworkInfo } from '../../core/language/api';
import { runLabel, type CompareRun } from '../../core/services/session/compare';
import type { Analyses } from '../analysis';

type Checked = NetworkInfo & { spec: NonNullable<NetworkInfo['spec']> };

export interface CompareTarget {
  uri: vscode.Uri;
  runs: CompareRun[];
}

/** The runs to compare, or undefined after telling the user why there are none. */
export async function pickRuns(analyses: Analyses, uri?: vscode.Uri, names?: readonly string[]): Promise<CompareTarget | undefined> {
  const editor = vscode.window.activeTextEditor;
  const docUri = uri ?? (editor?.document.languageId === 'nn' ? editor.document.uri : undefined);
  if (!docUri) {
    void vscode.window.showWarningMessage('Open a .nn file to compare its networks.');
    return undefined;
  }
  const all = (await analyses.get(await vscode.workspace.openTextDocument(docUri))).networks;
  const missing = names?.filter((n) => !all.some((net) => net.name === n)) ?? [];
  if (missing.length) {
    void vscode.window.showWarningMessage(`There is no network ${missing.map((n) => `\`${n}\``).join(', ')} in this file.`);
    return undefined;
  }
  const chosen = names ? names.map((n) => all.find((net) => net.name === n)!) : await choose(all);
  if (!chosen?.length) {
    if (!names && all.length === 0) void vscode.window.showWarningMessage('This file holds no network to compare.');
    return undefined;
  }
  const broken = chosen.filter((n) => !n.spec);
  if (broken.length) {
    const show = 'Show Problems';
    const which = broken.map((n) => `\`${n.name}\``).join(', ');
    const left = broken.length === chosen.length ? 'fix them before comparing' : 'they are left out';
    void vscode.window.showErrorMessage(`${which} ${broken.length === 1 ? 'has' : 'have'} errors: ${left}.`, show).then((choice) => {
      if (choice === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  const runs = chosen.filter((n): n is Checked => !!n.spec).map((n) => ({ name: n.name, label: runLabel(n.spec), spec: n.spec }));
  return runs.length ? { uri: docUri, runs } : undefined;
}

/** Every network, or (three or more) those the user keeps ticked; undefined when the pick is cancelled. */
async function choose(networks: NetworkInfo[]): Promise<NetworkInfo[] | undefined> {
  if (networks.length <= 2) return networks;
  const picked = await vscode.window.showQuickPick(
    networks.map((n) => ({ label: n.name, description: n.spec ? runLabel(n.spec) : 'has errors', picked: true, network: n })),
    { canPickMany: true, placeHolder: 'Which networks to train side by side?' },
  );
  return picked?.map((p) => p.network);
}
