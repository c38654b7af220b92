// "NN: Compare Runs" in a real extension host: the command resolves with every run's outcome
// (extension/compare/index.ts), so a test can await a whole comparison in its workers.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CompareOutcome } from '../../core/services/session/compare';
import { activate, closeAll, openText } from './helpers';

const compare = (...args: unknown[]) => vscode.commands.executeCommand<CompareOutcome[] | undefined>('nn.compareRuns', ...args);

/** The comparison panels' tabs, wherever they are. */
const compareTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('nnStudio.compare'));

/** Two networks of one lesson, without course-2 settings: the same net with a small and a good α. */
const lesson = (alpha: string) => `network alpha_${alpha.replace('.', '_')} {
  input 2
  dense 4 tanh
  dense 1 sigmoid
  train {
    data flower(m: 200, noise: 0.2)
    init xavier
    learning_rate ${alpha}
    iterations 400
    seed 3
  }
}
`;
const TWO = lesson('0.01') + lesson('1.2');

async function waitFor(ok: () => boolean, why: string): Promise<void> {
  for (let i = 0; i < 40 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(ok(), why);
}

export function compareTests(): void {
  suite('NN: Compare Runs', () => {
    suiteSetup(activate);
    teardown(closeAll);

    test('every network of the file trains to completion, side by side in one panel', async () => {
      const doc = await openText(TWO);
      const outcomes = await compare();
      assert.ok(outcomes, 'a comparison started');
      assert.deepEqual(outcomes.map((o) => [o.network, o.reason, o.iteration]), [['alpha_0_01', 'completed', 400], ['alpha_1_2', 'completed', 400]]);
      assert.match(outcomes[0].label, /α 0\.01 · full batch · gd/);
      assert.ok(outcomes[1].cost! < outcomes[0].cost!, `α 1.2 ends lower: ${outcomes[1].cost} vs ${outcomes[0].cost}`);
      await waitFor(() => compareTabs().length === 1, 'one comparison panel is open');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the editor keeps the focus');
      // Comparing again reuses the panel.
      const again = await compare(doc.uri, ['alpha_1_2']);
      assert.deepEqual(again?.map((o) => o.network), ['alpha_1_2']);
      await waitFor(() => compareTabs().length === 1, 'still one comparison panel');
    });

    test('a network with errors is left out, and an unknown name starts nothing', async () => {
      const doc = await openText(TWO + 'network broken {\n  input 2\n  dense 1 sigmoidd\n}\n');
      assert.equal(await compare(doc.uri, ['nope']), undefined);
      const outcomes = await compare(doc.uri, ['broken', 'alpha_1_2']);
      assert.deepEqual(outcomes?.map((o) => [o.network, o.reason]), [['alpha_1_2', 'completed']]);
    });
  });
}
