// The hover provider on layer lines: one path for every kind (dense as conv2d, pool, flatten), word
// by word — options, pad words, annotations and the activation explain themselves, anything else on
// the line shows the layer; before the checker resolves a layer, its keyword's syntax.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { ShapeHoverProvider } from '../../../core/adapters/lsp/hover';
import { defaultReach } from '../../../core/data/paths';

const text = [
  'network lenet {',
  '  input (28, 28, 1)',
  '  conv2d 6 relu f: 3 stride: 1 pad: same  # first layer',
  '  max_pool f: 2  A: (m, 14, 14, 6)',
  '  flatten',
  '  dense 16 relu  keep_prob: 0.8',
  '  dense 10 softmax',
  '}',
  '',
].join('\n');
const lines = text.split('\n');

/** The hover at the first character of `word` on line `line` (1-based), its Markdown and its range. */
function hoverAt(line: number, word: string, source = text) {
  const doc = TextDocument.create('file:///tmp/lenet.nn', 'nn', 1, source);
  const provider = new ShapeHoverProvider(new Analyses(() => defaultReach('/tmp')));
  const h = provider.provideHover(doc, { line: line - 1, character: source.split('\n')[line - 1].indexOf(word) });
  return h && { value: (h.contents as { value: string }).value, range: h.range };
}

test('on a conv line, f, stride, pad, same and valid explain themselves; the rest shows the layer', () => {
  const f = hoverAt(3, 'f:')!;
  assert.ok(f.value.startsWith('**f** (f\\[l\\] in the formula)'), f.value);
  assert.deepEqual(f.range, { start: { line: 2, character: 16 }, end: { line: 2, character: 17 } });
  assert.ok(hoverAt(3, 'same')!.value.includes('p = (f − 1)/2'));
  assert.ok(hoverAt(3, 'stride')!.value.includes('stride'));
  const relu = hoverAt(3, 'relu')!;
  assert.ok(relu.value.startsWith('**relu** (activation)'), relu.value);
  assert.deepEqual(relu.range, { start: { line: 2, character: 11 }, end: { line: 2, character: 15 } });
  const layer = hoverAt(3, '6')!;
  assert.ok(layer.value.includes('n_H[1] = ⌊(28 + 2·1 − 3)/1⌋ + 1 = 28'), layer.value);
  assert.deepEqual(layer.range, { start: { line: 2, character: 2 }, end: { line: 2, character: lines[2].indexOf('same') + 4 } }, 'the statement, not its comment');
  assert.ok(hoverAt(3, ' relu')!.value.startsWith('**Layer 1**'), 'between two words, as on a dense line: the layer');
  assert.equal(hoverAt(3, '# first'), undefined, 'nothing in a comment');
  const A = hoverAt(4, 'A:')!;
  assert.ok(A.value.includes('Here A\\[2\\] must be `(m, n_H[2], n_W[2], n_C[2]) = (m, 14, 14, 6)`.'), A.value);
});

test('a dense line takes the same path: keep_prob explains itself, the layer shows D[l], flatten before it names its kind', () => {
  assert.ok(hoverAt(6, 'keep_prob')!.value.startsWith('**keep_prob**'));
  const dense = hoverAt(6, '16')!.value;
  assert.ok(dense.startsWith('**Layer 4** of `lenet` · relu · n\\[4\\] = 16, n\\[3\\] = 1176'), dense);
  assert.ok(dense.includes('| D\\[4\\] | `(n[4], m) = (16, m)` |'), dense);
  assert.ok(dense.includes('**18,832** parameters: n\\[4\\]·n\\[3\\] + n\\[4\\] = 16·1176 + 16'), dense);
  assert.ok(hoverAt(5, 'flatten')!.value.startsWith('**Layer 3** of `lenet` · flatten'));
});

test('a layer the checker could not resolve shows its keyword\'s syntax, whatever its kind', () => {
  const broken = 'network n {\n  input (28, 28, 1)\n  dense 4 relu\n  conv2d 6 relu f: 5\n}\n';
  for (const [line, keyword, syntax] of [[3, 'dense', 'dense N ACT'], [4, 'conv2d', 'conv2d N_C ACT f: F']] as const) {
    const h = hoverAt(line, keyword, broken)!;
    assert.ok(h.value.startsWith(`**${keyword}**`) && h.value.includes(syntax), h.value);
  }
});
