// Issue 19 item 4: the wait between a keystroke and its diagnostics follows the document's last
// check — none while checks are quick, up to the user's `nnStudio.diagnostics.debounceMs` when they
// are slow. Timers are Node's mock timers: the test moves the clock, it never waits for it.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultReach } from '../../../core/data/paths';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { debounceDelay, QUICK_CHECK_MS } from '../../../core/adapters/lsp/debounce';
import { Diagnostics } from '../../../core/adapters/lsp/diagnostics';

const NET = 'network a {\n  input 2\n  dense 1 sigmoid\n}\n';

test('no wait after a quick check, the last check\'s time after a slow one, never more than the setting', () => {
  assert.equal(debounceDelay(undefined, 150), 0, 'never checked');
  assert.equal(debounceDelay(4.4, 150), 0);
  assert.equal(debounceDelay(QUICK_CHECK_MS, 150), 0);
  assert.equal(debounceDelay(70.2, 150), 71);
  assert.equal(debounceDelay(900, 150), 150);
  assert.equal(debounceDelay(900, 0), 0, 'a setting of 0 never waits');
});

/** The versions published for a document whose checks take `checkMs`, with the setting at `settingMs`. */
function typing(checkMs: number, settingMs: number): { published: number[]; type: (version: number) => Promise<void> } {
  const analyses = new (class extends Analyses {
    override lastMs(): number {
      return checkMs;
    }
  })(defaultReach);
  const published: number[] = [];
  const diagnostics = new Diagnostics(analyses, { publish: (_uri, version) => published.push(version), debounceMs: async () => settingMs });
  const type = (version: number) => diagnostics.schedule(TextDocument.create('untitled:a', 'nn', version, NET), () => TextDocument.create('untitled:a', 'nn', version, NET));
  return { published, type };
}

test('a keystroke in a quickly checked document is checked on the next turn, not after the 150 ms setting', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { published, type } = typing(5, 150);
  await type(2);
  t.mock.timers.tick(0);
  assert.deepEqual(published, [2]);
});

test('keystrokes in a slowly checked document wait as long as its last check, and only the last is checked', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { published, type } = typing(80, 150);
  await type(2);
  t.mock.timers.tick(79);
  await type(3);
  t.mock.timers.tick(79);
  assert.deepEqual(published, [], 'still typing');
  t.mock.timers.tick(1);
  assert.deepEqual(published, [3]);
});

test('the setting caps the wait', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { published, type } = typing(2000, 150);
  await type(2);
  t.mock.timers.tick(150);
  assert.deepEqual(published, [2]);
});
