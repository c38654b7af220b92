// "NN: Train Network" in a real extension host: the command resolves with the run's outcome
// (extension/train/index.ts), so a test can await a whole run in the worker.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Drawn } from '../../core/services/protocol';
import type { TrainOutcome } from '../../extension/train/panel';
import { activate, closeAll, example, openFile, openText, PLANAR, positionOf } from './helpers';

const train = (...args: unknown[]) => vscode.commands.executeCommand<TrainOutcome | undefined>('nn.trainNetwork', ...args);

/** The training panels' tabs, wherever they are. */
const trainingTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('nnStudio.training'));

/** Editor columns and their tabs, as `[label, label] | [label]`. */
const columns = () => vscode.window.tabGroups.all.map((g) => `[${g.tabs.map((t) => JSON.stringify(t.label.slice(0, 12))).join(', ')}]`).join(' | ');

/**
 * Waits until there are `groups` editor columns holding `panels` training panels per column (the
 * extension host hears of tabs a moment after the workbench changes them), or fails showing them.
 */
async function expectLayout(groups: number, panels: number[], why: string): Promise<void> {
  const now = () => {
    const all = vscode.window.tabGroups.all;
    return { groups: all.length, panels: all.map((g) => trainingTabs().filter((t) => t.group === g).length) };
  };
  const want = { groups, panels };
  for (let i = 0; i < 40 && JSON.stringify(now()) !== JSON.stringify(want); i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(now(), want, `${why}; editor columns: ${columns()}`);
}

/**
 * A folder with `bars.csv`, 40 images of 4 × 4 × 1 pixels (a bright row: class 0, a bright column:
 * class 1), and `bars.nn`, a tiny conv network that holds out a quarter of them as its test set.
 */
function barsNetwork(): vscode.Uri {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-conv-'));
  const rows = Array.from({ length: 40 }, (_, i) => {
    const label = i % 2;
    const at = (i >> 1) % 4;
    const pixels = Array.from({ length: 16 }, (_, p) => ((label === 0 ? Math.floor(p / 4) : p % 4) === at ? 1 : 0));
    return [...pixels, label].join(',');
  });
  fs.writeFileSync(path.join(dir, 'bars.csv'), `${rows.join('\n')}\n`);
  const text = [
    'network bars {',
    '  input (4, 4, 1)',
    '  conv2d 2 relu f: 3',
    '  max_pool f: 2',
    '  flatten',
    '  dense 1 sigmoid',
    '  train {',
    '    data "bars.csv"',
    '    test 0.25',
    '    learning_rate 0.5',
    '    iterations 200',
    '    seed 1',
    '  }',
    '}',
    '',
  ].join('\n');
  const file = path.join(dir, 'bars.nn');
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
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
      await expectLayout(2, [0, 1], 'the first panel opens beside the editor');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the editor keeps the focus');
      await train(doc.uri, 'a');
      await expectLayout(2, [0, 1], 'Train again reveals the same panel');
      await train(doc.uri, 'b');
      await expectLayout(2, [0, 2], "another network's panel joins the first one's column");
      // Even trained from an editor in the panels' own column, no third column appears.
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.Two);
      await train(doc.uri, 'c');
      await expectLayout(2, [0, 3], 'the third panel joins them too');
    });

    test('a conv network trains, and its panel draws the filters, the feature maps and the image grid', async () => {
      const uri = barsNetwork();
      await openFile(uri);
      const outcome = await train(uri, 'bars');
      assert.equal(outcome?.reason, 'completed', outcome?.error);
      // The page draws the last snapshot a frame after the run ends, then says what it drew.
      let drawn: Drawn | undefined;
      for (let i = 0; i < 100 && drawn?.iteration !== outcome.iteration; i++) {
        drawn = await vscode.commands.executeCommand<Drawn | undefined>('nn.trainingPanelDrawn', uri, 'bars');
        if (drawn?.iteration !== outcome.iteration) await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(drawn, { iteration: 200, filters: 1, maps: 3, images: 10 }, 'W[1], then A[0], A[1], A[2], and all 10 test images with a prediction');
    });

    test('a network with errors does not start', async () => {
      // By its uri: the active editor can still be the previous test's for a moment on a busy machine.
      const doc = await openText('network broken {\n  input 2\n  dense 4 tanhh\n  train {\n    data flower()\n  }\n}\n');
      assert.equal(await train(doc.uri), undefined);
    });
  });
}
