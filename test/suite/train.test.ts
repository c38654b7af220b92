// "NN: Train Network" in a real extension host: the command resolves with the run's outcome
// (extension/train/index.ts), so a test can await a whole run in the worker.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrainOutcome } from '../../extension/train/panel';
import { activate, closeAll, example, openFile, openText, PLANAR, positionOf } from './helpers';

const train = (...args: unknown[]) => vscode.commands.executeCommand<TrainOutcome | undefined>('nn.trainNetwork', ...args);

/** The training panels' tabs, wherever they are. */
const trainingTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('nnStudio.training'));

/** [training panels in the first editor column, training panels in the others], after checking there are two columns. */
function layout(): [number, number] {
  const groups = vscode.window.tabGroups.all;
  assert.equal(groups.length, 2, `editor columns: ${groups.map((g) => g.tabs.map((t) => t.label).join(', ')).join(' | ')}`);
  const first = trainingTabs().filter((t) => t.group === groups[0]).length;
  return [first, trainingTabs().length - first];
}

export function trainTests(): void {
  suite('NN: Train Network', () => {
    suiteSetup(activate);
    teardown(closeAll);

    test('examples/planar.nn trains to completion in the worker and learns the flower', async () => {
      await openFile(example('planar.nn'));
      const outcome = await train();
      assert.ok(outcome, 'a run started');
      assert.equal(outcome.network, 'planar');
      assert.equal(outcome.reason, 'completed');
      assert.equal(outcome.iteration, 10000);
      assert.ok(outcome.trainAccuracy! > 0.85, `train accuracy ${outcome.trainAccuracy}`);
      assert.ok(outcome.cost! < 0.3, `final cost ${outcome.cost}`);
    });

    test('the CodeLens arguments (uri, name) pick the network; the cursor is not needed', async () => {
      const outcome = await train(example('planar.nn'), 'planar');
      assert.equal(outcome?.reason, 'completed');
    });

    test('the network under the cursor is the one trained', async () => {
      const doc = await openText(`${PLANAR}\nnetwork logistic {\n  input 3\n  dense 1 sigmoid\n}\n`);
      const at = positionOf(doc, 'network logistic', 10);
      vscode.window.activeTextEditor!.selection = new vscode.Selection(at, at);
      const outcome = await train();
      assert.equal(outcome?.network, 'logistic');
      assert.equal(outcome?.reason, 'failed', 'it has no data to train on');
      assert.match(outcome?.error ?? '', /data/);
    });

    test('Train again reuses its panel, and every training panel shares one editor column', async () => {
      const tiny = (name: string) => `network ${name} {\n  input 2\n  dense 1 sigmoid\n  train {\n    data xor(m: 40)\n    iterations 20\n  }\n}\n`;
      await vscode.commands.executeCommand('workbench.action.closeAllGroups');
      const doc = await openText(tiny('a') + tiny('b') + tiny('c'));
      assert.equal((await train(doc.uri, 'a'))?.reason, 'completed');
      assert.deepEqual(layout(), [0, 1], 'the first panel opens beside the editor');
      assert.equal(vscode.window.activeTextEditor?.document, doc, 'the editor keeps the focus');
      await train(doc.uri, 'a');
      assert.deepEqual(layout(), [0, 1], 'Train again reveals the same panel');
      await train(doc.uri, 'b');
      assert.deepEqual(layout(), [0, 2], "another network's panel joins the first one's column");
      // Even trained from an editor in the panels' own column, no third column appears.
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.Two);
      await train(doc.uri, 'c');
      assert.equal(vscode.window.tabGroups.all.length, 2);
      assert.equal(trainingTabs().length, 3);
    });

    test('a network with errors does not start', async () => {
      await openText('network broken {\n  input 2\n  dense 4 tanhh\n  train {\n    data flower()\n  }\n}\n');
      assert.equal(await train(), undefined);
    });
  });
}
