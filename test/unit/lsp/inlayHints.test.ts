// The inlay hints past a broken layer (core/adapters/lsp/inlayHints.ts): the checker's layers stop
// at the first broken one, and the lines alone give the shapes of the layers after it, for every
// kind by its record (core/language/shapes.ts syntaxShapes), not for dense layers only.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { ShapeHintProvider } from '../../../core/adapters/lsp/inlayHints';
import { defaultReach } from '../../../core/data/paths';

/** `line: label` of every hint on `lines`, a network's body. */
function hints(lines: string[]): string[] {
  const text = ['network n {', ...lines.map((l) => `  ${l}`), '}', ''].join('\n');
  const doc = TextDocument.create('file:///n.nn', 'nn', 1, text);
  const provider = new ShapeHintProvider(new Analyses(() => defaultReach('/')));
  const all = { start: { line: 0, character: 0 }, end: { line: lines.length + 2, character: 0 } };
  return provider.provideInlayHints(doc, all).map((h) => `${h.position.line + 1}: ${h.label}`);
}

const LENET = ['input (28, 28, 1)', 'conv2d 6 relu f: 5', 'max_pool f: 2', 'flatten', 'dense 120 relu', 'dense 10 softmax'];

test('a bad activation on the first layer hides no hint: the image layers after it get theirs too', () => {
  const broken = LENET.map((l) => l.replace('conv2d 6 relu', 'conv2d 6 relux'));
  assert.deepEqual(hints(broken), hints(LENET));
  assert.deepEqual(hints(LENET), [
    '3: W (5, 5, 1, 6) · A (m, 24, 24, 6)', '4: A (m, 12, 12, 6)', '5: A (864, m)', '6: W (120, 864) · b (120, 1)', '7: W (10, 120) · b (10, 1)',
  ]);
});

test('a broken window hides the layers its output feeds, up to the dense layer whose n[l] its line gives', () => {
  const broken = LENET.map((l) => l.replace('max_pool f: 2', 'max_pool f: 0'));
  assert.deepEqual(hints(broken), ['3: W (5, 5, 1, 6) · A (m, 24, 24, 6)', '7: W (10, 120) · b (10, 1)']);
});
