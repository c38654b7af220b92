// Completion on conv2d, pool and flatten lines (core/language/layerCompletion.ts): activations after
// `conv2d N_C`, the window options not written yet, same/valid after `pad:`, annotations in the
// layer's own shapes, and the keyword and LeNet inserts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LAYER_KINDS, networkShapes } from '../../../core/layers';
import { lex } from '../../../core/language/lexer';
import { layerSuggestions, LENET_SNIPPET } from '../../../core/language/layerCompletion';
import { KEYWORD_DOCS } from '../../../core/language/catalog';
import { LENET } from './lenet';

/** The suggestions for the text before the cursor (no word being typed). */
function at(prefix: string, l?: number) {
  const done = lex(prefix).tokens.filter((t) => t.kind !== 'newline' && t.kind !== 'eof');
  const result = layerSuggestions(done, l === undefined ? undefined : networkShapes(LENET)[l - 1]);
  return typeof result === 'string' || result === undefined ? result : result.map((s) => s.label);
}

test('conv2d: nothing for N_C, activations after it, then f, stride, pad and norm', () => {
  assert.deepEqual(at('  conv2d '), []);
  assert.equal(at('  conv2d 6 '), 'activations');
  assert.deepEqual(at('  conv2d 6 relu '), ['f:', 'stride:', 'pad:', 'norm:']);
  assert.deepEqual(at('  conv2d 6 relu f: 5 '), ['stride:', 'pad:', 'norm:'], 'the options after f: are the ones not written yet');
  assert.deepEqual(at('  conv2d 6 relu f: 3 pad: same stride: 1 norm: batch '), []);
});

test('pad: offers same and valid; other values are numbers to type', () => {
  assert.deepEqual(at('  conv2d 6 relu f: 3 pad: '), ['same', 'valid']);
  assert.deepEqual(at('  conv2d 6 relu f: '), []);
  assert.deepEqual(at('  max_pool stride: '), []);
});

test('pools take f and stride, no pad; flatten takes no option; input is not a layer', () => {
  assert.deepEqual(at('  max_pool '), ['f:', 'stride:']);
  assert.deepEqual(at('  avg_pool f: 2 '), ['stride:']);
  assert.deepEqual(at('  flatten '), []);
  assert.equal(at('  dense 4 '), 'activations', 'dense takes the same path');
  assert.equal(at('  input '), undefined);
});

test('with the layer resolved, annotations carry its 4-tuples', () => {
  const done = lex('  conv2d 6 relu f: 5 ').tokens.filter((t) => t.kind !== 'newline' && t.kind !== 'eof');
  const items = layerSuggestions(done, networkShapes(LENET)[0]);
  assert.ok(Array.isArray(items));
  const W = items.find((s) => s.label === 'W:');
  assert.equal(W?.snippet, 'W: (5, 5, 1, 6)');
  assert.equal(items.find((s) => s.label === 'A:')?.snippet, 'A: (m, 24, 24, 6)');
  assert.deepEqual(at('  max_pool f: 2 A: (m, 12, 12, 6) ', 2), ['stride:', 'dA:']);
  assert.deepEqual(at('  conv2d 6 relu f: 5 W: (5, '), [], 'inside a shape nothing is offered');
});

test('every layer keyword has an insert with tab stops and its documentation; LeNet-5 is a whole network', () => {
  for (const { kind, insert } of LAYER_KINDS) {
    assert.ok(insert.startsWith(kind), kind);
    assert.ok(KEYWORD_DOCS.some((d) => d.name === kind), kind);
  }
  for (const line of ['input (${2:28}, ${3:28}, ${4:1})', 'conv2d 6 relu f: 5', 'max_pool f: 2', 'flatten', 'dense 120 relu']) {
    assert.ok(LENET_SNIPPET.includes(line), line);
  }
});
