// "NN: Train Network" in a real extension host: the command resolves with the run's outcome
// (extension/train/index.ts), so a test can await a whole run in the worker.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrainOutcome } from '../../extension/train/panel';
import { activate, closeAll, example, openFile, openText, PLANAR, positionOf } from './helpers';

const train = (...args: unknown[]) => vscode.commands.executeCommand<TrainOutcome | undefined>('nn.trainNetwork', ...args);

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

    test('a network with errors does not start', async () => {
      await openText('network broken {\n  input 2\n  dense 4 tanhh\n  train {\n    data flower()\n  }\n}\n');
      assert.equal(await train(), undefined);
    });
  });
}
