// Hover on a line inside a `block` definition (spec §12), through the real language-server provider:
// the kind's hover for the block's first use and every use's shapes; unused, the keyword's syntax
// and the block parameters the line's sizes come from.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { ShapeHoverProvider } from '../../../core/adapters/lsp/hover';
import { defaultReach } from '../../../core/data/paths';

function hoverText(source: string, line: number, word: string): string {
  const doc = TextDocument.create('file:///tmp/blockHover.nn', 'nn', 1, source);
  const text = source.split('\n')[line - 1];
  assert.ok(text.includes(word), `line ${line} has ${word}`);
  const h = new ShapeHoverProvider(new Analyses(() => defaultReach('/tmp'))).provideHover(doc, { line: line - 1, character: text.indexOf(word) });
  return h ? (h.contents as { value: string }).value : '';
}

const BLOCK = [
  'block mlp(n_h, n_o) {', //     1
  '  dense n_h relu', //          2
  '  dense n_o linear', //        3
  '}', //                         4
];

const network = (name: string, uses: string[]) => [`network ${name} {`, '  input 3', ...uses.map((u) => `  ${u}`), '  dense 1 sigmoid', '}'];

/** `block HEAD { … }` with `body`'s lines indented. */
const block = (head: string, body: string[]) => [`block ${head} {`, ...body.map((s) => `  ${s}`), '}'];

/** A file of `parts`' lines, one after the other. */
const file = (...parts: string[][]) => [...parts.flat(), ''].join('\n');

test('a line inside a block used once hovers as that use\'s layer: the kind\'s table in numbers', () => {
  const source = [...BLOCK, ...network('one', ['mlp(4, 5)']), ''].join('\n');
  const text = hoverText(source, 2, 'dense');
  assert.match(text, /In `block mlp\(n_h, n_o\)`, for `mlp\(4, 5\)` in `one`:/);
  assert.match(text, /\*\*Layer 1\*\* of `one`/);
  assert.match(text, /W\\\[1\\\], dW\\\[1\\\] \| `\(n\[1\], n\[0\]\) = \(4, 3\)`/);
  assert.doesNotMatch(text, /uses\*\* of this line/, 'one use needs no list');
  assert.match(hoverText(source, 3, 'dense'), /\*\*Layer 2\*\* of `one`[\s\S]*= \(5, 4\)/);
});

test('a line inside a block used twice with different sizes shows the first use\'s table and each use\'s l and shapes', () => {
  const source = [...BLOCK, ...network('two', ['mlp(4, 5)', 'mlp(6, 2)']), ''].join('\n');
  const text = hoverText(source, 3, 'dense');
  assert.match(text, /for `mlp\(4, 5\)` in `two` \(use 1 of 2\):/);
  assert.match(text, /\*\*Layer 2\*\* of `two`/);
  assert.match(text, /\*\*2 uses\*\* of this line:/);
  assert.match(text, /- use 1 in `two`: `mlp\(4, 5\)` \(line 7\), layer 2 · W \(5, 4\) · b \(5, 1\)/);
  assert.match(text, /- use 2 in `two`: `mlp\(6, 2\)` \(line 8\), layer 4 · W \(2, 6\) · b \(2, 1\)/);
});

test('uses in two networks are each listed under their network', () => {
  const source = [...BLOCK, ...network('a', ['mlp(4, 5)']), ...network('b', ['mlp(7, 2)']), ''].join('\n');
  const text = hoverText(source, 2, 'relu');
  assert.match(text, /\*\*relu\*\* \(activation\)/, 'a word on the line still explains itself');
  const line = hoverText(source, 2, 'dense');
  assert.match(line, /- use 1 in `a`: `mlp\(4, 5\)` \(line 7\), layer 1 · W \(4, 3\)/);
  assert.match(line, /- use 2 in `b`: `mlp\(7, 2\)` \(line 12\), layer 1 · W \(7, 3\)/);
});

test('a line inside an unused block shows the keyword\'s syntax and the parameters its sizes come from', () => {
  const source = [...BLOCK, ...network('none', []), ''].join('\n');
  const text = hoverText(source, 2, 'dense');
  assert.match(text, /\*\*dense\*\*/);
  assert.match(text, /`block mlp\(n_h, n_o\)` is not used in this file: its sizes here come from `n_h`, so its shapes are known once a network uses the block/);
  assert.match(hoverText(source, 1, 'block'), /\*\*block\*\*/, 'the definition\'s keyword shows its syntax');
});

test('a group inside a block hovers as the first use\'s expansion of it, and the attention line of examples/dates.nn has its hover', () => {
  const source = [
    'block encoder(d, h, f) {', //                          1
    '  residual linear { self_attention heads: h }', //     2
    '  layer_norm', //                                      3
    '}', //                                                 4
    'network dates {', //                                   5
    '  input tokens(steps: 30, vocab: 41)', //              6
    '  embedding 32', //                                    7
    '  encoder(32, 4, 64)', //                              8
    '  encoder(32, 2, 64)', //                              9
    '  dense 12 softmax', //                               10
    '}', //                                                11
    '',
  ].join('\n');
  assert.match(hoverText(source, 2, 'residual'), /In `block encoder\(d, h, f\)`, as first used in `dates`:[\s\S]*\*\*residual\*\* → \(32, m, 30\) · 4,224 parameters/);
  const attention = hoverText(source, 2, 'self_attention');
  assert.match(attention, /for `encoder\(32, 4, 64\)` in `dates` \(use 1 of 2\):/);
  assert.match(attention, /\*\*Layer 2\*\* of `dates`/);
  assert.match(attention, /- use 2 in `dates`: `encoder\(32, 2, 64\)` \(line 9\), layer 4/);
});

test('a block used directly and inside another block lists every use, each with the uses around it; a repeat\'s copies count once', () => {
  // mlp on lines 1–4, deep on 5–8 (its uses of mlp on 6 and 7); deep(6) on line 11, mlp(4, 5) on 12
  const source = file(BLOCK, block('deep(n)', ['mlp(n, n)', 'repeat 2 { mlp(5, 3) }']), network('t', ['deep(6)', 'mlp(4, 5)']));
  const text = hoverText(source, 2, 'dense');
  assert.match(text, /In `block mlp\(n_h, n_o\)`, for `mlp\(6, 6\)` in `deep\(6\)` in `t` \(use 1 of 3\):/);
  assert.match(text, /\*\*Layer 1\*\* of `t`[\s\S]*= \(6, 3\)/);
  assert.match(text, /\*\*3 uses\*\* of this line:/);
  assert.match(text, /- use 1 in `t`: `mlp\(6, 6\)` in `deep\(6\)` \(line 11\), layer 1 · W \(6, 3\) · b \(6, 1\)\n/);
  assert.match(text, /- use 2 in `t`: `mlp\(5, 3\)` in `deep\(6\)` \(line 11\), layer 3 · W \(5, 6\) · b \(5, 1\)\n/);
  assert.match(text, /- use 3 in `t`: `mlp\(4, 5\)` \(line 12\), layer 7 · W \(4, 3\) · b \(4, 1\)$/);
  assert.match(hoverText(source, 3, 'dense'), /- use 2 in `t`: `mlp\(5, 3\)` in `deep\(6\)` \(line 11\), layer 4 · W \(3, 5\)/);
});

test('uses nested two deep name every use around them, innermost first', () => {
  // mlp on lines 1–4, deep on 5–7, deeper on 8–11; deeper(4) on line 14
  const source = file(BLOCK, block('deep(n)', ['mlp(n, 2)']), block('deeper(k)', ['deep(k)', 'deep(3)']), network('t', ['deeper(4)']));
  const text = hoverText(source, 3, 'dense');
  assert.match(text, /- use 1 in `t`: `mlp\(4, 2\)` in `deep\(4\)` in `deeper\(4\)` \(line 14\), layer 2 · W \(2, 4\)/);
  assert.match(text, /- use 2 in `t`: `mlp\(3, 2\)` in `deep\(3\)` in `deeper\(4\)` \(line 14\), layer 4 · W \(2, 3\)/);
});
