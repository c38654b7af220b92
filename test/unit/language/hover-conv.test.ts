// The editor's text for conv networks (core/language/hoverLayer.ts, core/layers/describe.ts): the
// hover of each layer kind with the output-size formula and the parameter count worked out in
// numbers, the image input's hover, and each layer's inlay hint.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkShapes, vector } from '../../../core/layers';
import { escapeBrackets } from '../../../core/services/format/markdown';
import { imageInputLines, inputShapeOf, layerHint, layerHintTooltip, layerHoverLines, networkSizes } from '../../../core/language/hoverLayer';
import { optionValueLines, windowOptionLines } from '../../../core/language/explain';
import { KEYWORD_DOCS, PAD_NAMES, WINDOW_OPTION_NAMES } from '../../../core/language/catalog';
import { LENET } from './lenet';

const relu = { name: 'relu' } as const;

const shapes = networkShapes(LENET);
const hover = (l: number, m?: number) => layerHoverLines(shapes[l - 1], { network: 'lenet', m }).join('\n');

test('the hover of conv2d 6 relu f: 5 works out n_H[1] and n_W[1] from 28 to 24 and the 156 parameters', () => {
  const text = hover(1);
  assert.ok(text.includes('`n_H[1] = ⌊(28 + 2·0 − 5)/1⌋ + 1 = 24`'), text);
  assert.ok(text.includes('`n_W[1] = ⌊(28 + 2·0 − 5)/1⌋ + 1 = 24`'), text);
  // each volume also in PyTorch's layout (NCHW; Conv2d's weight (n_C[l], n_C[l−1], f, f))
  assert.ok(text.includes('| W[1], dW[1] | `(f, f, n_C[0], n_C[1]) = (5, 5, 1, 6)` · PyTorch `(6, 1, 5, 5)` |'), text);
  assert.ok(text.includes('| b[1], db[1] | `(1, 1, 1, n_C[1]) = (1, 1, 1, 6)` · PyTorch `(6,)` |'), text);
  assert.ok(text.includes('| Z[1], A[1], dZ[1] | `(m, n_H[1], n_W[1], n_C[1]) = (m, 24, 24, 6)` · PyTorch `(m, 6, 24, 24)` |'), text);
  assert.ok(text.includes('**156** parameters: `f·f·n_C[0]·n_C[1] + n_C[1] = 5·5·1·6 + 6 = 156`'), text);
  assert.ok(text.includes('**Layer 1** of `lenet` · conv2d · 6 filters · relu'), text);
});

test('the second conv layer counts 5·5·6·16 + 16 = 2,416 parameters and uses m when the data gives it', () => {
  const text = hover(3, 400);
  assert.ok(text.includes('`n_H[3] = ⌊(12 + 2·0 − 5)/1⌋ + 1 = 8`'), text);
  assert.ok(text.includes('= 5·5·6·16 + 16 = 2416`'), text);
  assert.ok(text.includes('**2,416** parameters'), text);
  assert.ok(text.includes('= (400, 8, 8, 16)'), text);
  assert.ok(text.includes('*m* = 400 training examples'), text);
});

test('a pool hover shows its window formula, keeps n_C and has no parameters', () => {
  const max = hover(2);
  assert.ok(max.includes('`n_H[2] = ⌊(24 + 2·0 − 2)/2⌋ + 1 = 12`'), max);
  assert.ok(max.includes('`n_C[2] = n_C[1] = 6`'), max);
  assert.ok(max.includes('| A[2], dA[2] | `(m, n_H[2], n_W[2], n_C[2]) = (m, 12, 12, 6)` · PyTorch `(m, 6, 12, 12)` |'), max);
  assert.ok(max.includes('No parameters'), max);
  assert.ok(!max.includes('| W[2]'), max);
  assert.ok(hover(4).includes('avg_pool · mean of each 2×2 window'), hover(4));
});

test('the flatten hover writes n[5] = 4·4·16 = 256 and the (h, w, c) order', () => {
  const text = hover(5);
  assert.ok(text.includes('`n[5] = n_H[4]·n_W[4]·n_C[4] = 4·4·16 = 256`'), text);
  assert.ok(text.includes('`A[5][(h·4 + w)·16 + c, i] = A[4][i, h, w, c]`'), text);
  assert.ok(text.includes('flatten · volume → columns in (h, w, c) order'), text);
  assert.ok(text.includes('| A[5], dA[5] | `(n[5], m) = (256, m)` |'), text);
});

test('a dense layer after flatten reads n[5] = 256 in its parameter count', () => {
  assert.ok(hover(6).includes('**30,840** parameters: n[6]·n[5] + n[6] = 120·256 + 120'), hover(6));
});

test('the optimizer\'s moving averages join W[l] and b[l] of a conv layer', () => {
  const text = layerHoverLines(shapes[0], { network: 'lenet', optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } }).join('\n');
  assert.ok(text.includes('| W[1], dW[1], v_dW[1], s_dW[1] |'), text);
});

test('the course\'s brackets survive Markdown: the formula lines are code spans', () => {
  const escaped = escapeBrackets(hover(1));
  assert.ok(escaped.includes('`n_H[1] = ⌊(28 + 2·0 − 5)/1⌋ + 1 = 24`'), escaped);
  assert.ok(escaped.includes('| W\\[1\\], dW\\[1\\] |'), escaped);
});

test('the image input hover gives X as (m, 28, 28, 1) and n[0] = 784', () => {
  const text = imageInputLines({ n_H: 28, n_W: 28, n_C: 1 }, { network: 'lenet' }).join('\n');
  assert.ok(text.includes('`(m, n_H[0], n_W[0], n_C[0]) = (m, 28, 28, 1)`'), text);
  assert.ok(text.includes('`n[0] = n_H[0]·n_W[0]·n_C[0] = 28·28·1 = 784`'), text);
});

test('inlay hints: each layer\'s output volume, and W where there are parameters', () => {
  assert.deepEqual(shapes.map((s) => layerHint(s)), [
    'W (5, 5, 1, 6) · A (m, 24, 24, 6)',
    'A (m, 12, 12, 6)',
    'W (5, 5, 6, 16) · A (m, 8, 8, 16)',
    'A (m, 4, 4, 16)',
    'A (256, m)',
    'W (120, 256) · b (120, 1)',
    'W (84, 120) · b (84, 1)',
    'W (10, 84) · b (10, 1)',
  ]);
  assert.equal(layerHint(shapes[0], new Set(['W'])), 'A (m, 24, 24, 6)', 'an annotation on the line is not repeated');
  assert.equal(layerHint(shapes[1], new Set(['A'])), undefined);
  assert.equal(layerHintTooltip(shapes[0]), 'conv2d: W[1] is (f, f, n_C[0], n_C[1]), b[1] is (1, 1, 1, n_C[1]), Z[1] is (m, n_H[1], n_W[1], n_C[1]): 156 parameters');
});

test('same padding and a stride show in the formula', () => {
  const same = networkShapes({ ...LENET, layers: [{ kind: 'conv2d', filters: 8, activation: relu, f: 3, stride: 1, pad: 1 }, { kind: 'max_pool', f: 3, stride: 2 }, { kind: 'flatten' }, { kind: 'dense', units: 1, activation: { name: 'sigmoid' } }] });
  const conv = layerHoverLines(same[0], { network: 'n' }).join('\n');
  assert.ok(conv.includes('`n_H[1] = ⌊(28 + 2·1 − 3)/1⌋ + 1 = 28`'), conv);
  const pool = layerHoverLines(same[1], { network: 'n' }).join('\n');
  assert.ok(pool.includes('`n_W[2] = ⌊(28 + 2·0 − 3)/2⌋ + 1 = 13`'), pool);
});

test('f, stride, pad, same, valid and the new keywords have their documentation', () => {
  assert.deepEqual([...WINDOW_OPTION_NAMES], ['f', 'stride', 'pad']);
  assert.ok(windowOptionLines('stride')!.join('\n').includes('Default: 1 for conv2d, f for the pools'));
  assert.ok(windowOptionLines('f')!.join('\n').includes('⌊(n_H[l−1] + 2·p[l] − f[l])/s[l]⌋ + 1'));
  assert.equal(windowOptionLines('keep_prob'), undefined);
  assert.deepEqual([...PAD_NAMES], ['same', 'valid']);
  assert.ok(optionValueLines('pad', 'same')!.join('\n').includes('p = (f − 1)/2'));
  assert.ok(optionValueLines('pad', 'valid')!.join('\n').includes('p = 0'));
  for (const k of ['conv2d', 'max_pool', 'avg_pool', 'flatten']) assert.ok(KEYWORD_DOCS.some((d) => d.name === k), k);
});

test('a network\'s sizes read volumes as 28×28×1 and vectors as n[l]', () => {
  assert.equal(networkSizes(inputShapeOf({ inputSize: 784, image: LENET.image }), shapes.map((s) => s.output)), '28×28×1 → 24×24×6 → 12×12×6 → 8×8×16 → 4×4×16 → 256 → 120 → 84 → 10');
  assert.equal(networkSizes(inputShapeOf({ inputSize: 2 }), [vector(4), vector(1)]), '2 → 4 → 1', 'course 1 reads as before');
  assert.equal(networkSizes(undefined, []), '?');
});
