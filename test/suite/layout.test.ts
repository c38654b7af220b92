// Where NN Studio's panels open (extension/panelColumn.ts): training, comparison and gradients
// panels share one editor group, whichever editor column the command is run from (issue 24.7); the
// diagram, which follows the editor, never covers it.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, openText, waitFor } from './helpers';

const ours = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('nnStudio.');

/** Each editor group as the labels of its tabs, NN Studio's panels marked with a ★. */
const groups = () => vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => `${ours(t) ? '★' : ''}${t.label}`));

const network = (name: string) => `network ${name} {\n  input 2\n  dense 3 tanh\n  dense 1 sigmoid\n  train {\n    data xor(m: 40)\n    iterations 20\n  }\n}\n`;

export function layoutTests(): void {
  suite('panel layout', () => {
    suiteSetup(activate);
    teardown(closeAll);

    test('Compare and Check Gradients join the training panel\'s group, even run from an editor inside it', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllGroups');
      const doc = await openText(network('a') + network('b'));
      assert.equal((await vscode.commands.executeCommand<{ reason: string }>('nn.trainNetwork', doc.uri, 'a'))?.reason, 'completed');
      await waitFor(() => groups().length === 2, () => `the training panel opens beside the editor: ${JSON.stringify(groups())}`);
      // The file opened again in the panels' group, as Quick Open does when that group is active.
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.Two);
      await vscode.commands.executeCommand('nn.compareRuns', doc.uri, ['a', 'b']);
      await vscode.commands.executeCommand('nn.checkGradients', doc.uri, 'a');
      const want = (g: string[][]) => g.flat().filter((label) => label.startsWith('★')).length === 3;
      await waitFor(() => want(groups()), () => `three NN Studio panels: ${JSON.stringify(groups())}`);
      const holding = groups().filter((g) => g.some((label) => label.startsWith('★')));
      assert.equal(holding.length, 1, `every NN Studio panel in one group: ${JSON.stringify(groups())}`);
      assert.equal(groups().length, 2, `no third column: ${JSON.stringify(groups())}`);
    });

    test('the diagram opens beside the editor it follows, even when that editor sits in the panels\' group', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllGroups');
      const doc = await openText(network('a'));
      assert.equal((await vscode.commands.executeCommand<{ reason: string }>('nn.trainNetwork', doc.uri, 'a'))?.reason, 'completed');
      // The file opened into the panels' group, as Quick Open does when that group is active.
      const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.Two);
      await vscode.commands.executeCommand('nn.showDiagram');
      const diagramGroup = () => vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('nnStudio.diagram')));
      await waitFor(() => diagramGroup() !== undefined, () => `a diagram: ${JSON.stringify(groups())}`);
      assert.notEqual(diagramGroup()!.viewColumn, editor.viewColumn, `the diagram beside the editor, not over it: ${JSON.stringify(groups())}`);
      assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === doc), 'the file stays visible');
      // Shown again from an editor in its own group, it moves out of that group.
      await vscode.window.showTextDocument(doc, diagramGroup()!.viewColumn);
      await vscode.commands.executeCommand('nn.showDiagram');
      await waitFor(() => diagramGroup()?.viewColumn !== vscode.window.activeTextEditor?.viewColumn, () => `the diagram moved beside the editor: ${JSON.stringify(groups())}`);
    });
  });
}
