// The layer kinds of spec §12 in the language: `global_avg_pool` and `depthwise_conv2d` parse,
// check (their errors on the causing line and column), hover with the course's rules and PyTorch's
// NCHW layout, complete and format; and examples/mobilenet.nn counts its parameters against the
// plain conv net of the same shapes.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, analyzeFile, formatText } from '../../../core/language';
import { layerHoverLines } from '../../../core/language/hoverLayer';
import { layerShapes } from '../../../core/language/layerShapes';
import { lex } from '../../../core/language/lexer';
import { layerSuggestions } from '../../../core/language/layerCompletion';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { NnCompletionProvider } from '../../../core/adapters/lsp/completion';
import { defaultReach } from '../../../core/data/paths';
import { ROOT } from './helpers';

const network = (...body: string[]) => `network n {\n${body.map((line) => `  ${line}`).join('\n')}\n}\n`;

const SEPARABLE = network(
  'input (9, 9, 3)',
  'depthwise_conv2d relu f: 3 stride: 2 pad: 1',
  'conv2d 6 relu f: 1',
  'global_avg_pool',
  'dense 2 softmax',
);

/** `line:column CODE` of every diagnostic (lines and columns 1-based). */
const where = (text: string) => analyze(text).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`);

test('a depthwise-separable network parses and checks: n_C[l] = n_C[l−1], global_avg_pool gives (n_C, m)', () => {
  const { diagnostics, networks } = analyze(SEPARABLE);
  assert.deepEqual(diagnostics, []);
  const [info] = networks;
  assert.deepEqual(info.spec!.layers[0], { kind: 'depthwise_conv2d', activation: { name: 'relu' }, f: 3, stride: 2, pad: 1 });
  assert.deepEqual(info.spec!.layers[2], { kind: 'global_avg_pool' });
  const [dw, pw, gap] = info.layers;
  assert.deepEqual(dw.W, [3, 3, 1, 3]);
  assert.deepEqual(dw.b, [1, 1, 1, 3]);
  assert.deepEqual(dw.A, ['m', 5, 5, 3]);
  assert.equal(dw.params, 3 * 3 * 3 + 3);
  assert.deepEqual(pw.W, [1, 1, 3, 6]);
  assert.deepEqual(gap.A, [6, 'm']);
  assert.equal(gap.params, 0);
  assert.equal(info.params, 30 + (18 + 6) + (6 * 2 + 2));
});

test('`pad: same` and the defaults resolve on depthwise_conv2d as on conv2d', () => {
  const { networks } = analyze(network('input (7, 7, 2)', 'depthwise_conv2d tanh f: 5 pad: same', 'global_avg_pool', 'dense 1 sigmoid'));
  assert.deepEqual(networks[0].spec!.layers[0], { kind: 'depthwise_conv2d', activation: { name: 'tanh' }, f: 5, stride: 1, pad: 2 });
  assert.deepEqual(networks[0].layers[0].A, ['m', 7, 7, 2]);
});

test('global_avg_pool on vectors is NN308 on its keyword, saying what it averages', () => {
  const text = network('input 4', 'global_avg_pool', 'dense 1 sigmoid');
  assert.deepEqual(where(text), ['3:3 NN308']);
  const [d] = analyze(text).diagnostics;
  assert.match(d.message, /^`global_avg_pool` averages each channel over the positions of an image volume \(or each feature over the steps of a sequence\), but the input gives vectors of 4/);
  assert.deepEqual(where(network('input (4, 4, 2)', 'global_avg_pool', 'global_avg_pool', 'dense 1 sigmoid')), ['4:3 NN308']);
});

test('depthwise_conv2d: f is required (NN226), an activation must follow the keyword (NN104), and it needs a volume (NN308)', () => {
  assert.deepEqual(where(network('input (8, 8, 2)', 'depthwise_conv2d relu', 'global_avg_pool', 'dense 1 sigmoid')), ['3:3 NN226']);
  assert.deepEqual(where(network('input (8, 8, 2)', 'depthwise_conv2d 4 relu f: 3', 'global_avg_pool', 'dense 1 sigmoid')), ['3:3 NN226', '3:20 NN104']);
  const after = network('input (8, 8, 2)', 'flatten', 'depthwise_conv2d relu f: 3', 'dense 1 sigmoid');
  assert.deepEqual(where(after), ['4:3 NN308']);
  assert.match(analyze(after).diagnostics[0].message, /`depthwise_conv2d` slides a window over image volumes, but layer 1 \(`flatten`\) gives vectors of 128/);
});

test('depthwise_conv2d\'s window is checked as conv2d\'s: too large (NN304), `same` with an even f (NN306), unused rows (NN305)', () => {
  assert.deepEqual(where(network('input (4, 4, 2)', 'depthwise_conv2d relu f: 5', 'global_avg_pool', 'dense 1 sigmoid')), ['3:25 NN304']);
  assert.deepEqual(where(network('input (4, 4, 2)', 'depthwise_conv2d relu f: 2 pad: same', 'global_avg_pool', 'dense 1 sigmoid')), ['3:30 NN306']);
  assert.deepEqual(where(network('input (6, 6, 2)', 'depthwise_conv2d relu f: 3 stride: 2', 'global_avg_pool', 'dense 1 sigmoid')), ['3:30 NN305']);
  assert.deepEqual(where(network('input (6, 6, 2)', 'depthwise_conv2d relu f: 3 keep_prob: 0.5', 'global_avg_pool', 'dense 1 sigmoid')), ['3:30 NN223']);
});

test('annotations: a depthwise W[l] is (f, f, 1, n_C[l−1]) and global_avg_pool\'s A[l] (n_C[l−1], m), with fixes', () => {
  const good = network('input (8, 8, 2)', 'depthwise_conv2d relu f: 3  W: (3, 3, 1, 2) b: (1, 1, 1, 2) Z: (m, 6, 6, 2)', 'global_avg_pool  A: (2, m)', 'dense 1 sigmoid');
  assert.deepEqual(where(good), []);
  const bad = network('input (8, 8, 2)', 'depthwise_conv2d relu f: 3  W: (3, 3, 2, 2)', 'global_avg_pool  A: (3, m)', 'dense 1 sigmoid');
  const diagnostics = analyze(bad).diagnostics;
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`), [
    '3:31 W[1] must be (f, f, 1, n_C[0]) = (3, 3, 1, 2), not (3, 3, 2, 2)',
    '4:20 A[2] must be (n_C[1], m) = (2, m), not (3, m)',
  ]);
  assert.deepEqual(diagnostics.map((d) => d.fixes?.[0].edits[0].newText), ['(3, 3, 1, 2)', '(2, m)']);
  assert.deepEqual(where(network('input (8, 8, 2)', 'depthwise_conv2d relu f: 3', 'global_avg_pool  W: (2, 2)', 'dense 1 sigmoid')), ['4:20 NN310']);
});

/** The hover of layer l of SEPARABLE. */
function hover(l: number): string {
  const info = analyze(SEPARABLE).networks[0];
  return layerHoverLines(layerShapes(info.layers[l - 1]), { network: 'n' }).join('\n');
}

test('the depthwise hover: its rules, the window formula, n_C kept, the parameter count and PyTorch\'s grouped Conv2d in NCHW', () => {
  const text = hover(1);
  assert.ok(text.includes('**Layer 1** of `n` · depthwise_conv2d · one 3×3 filter per channel · relu'), text);
  assert.ok(text.includes('| W[1], dW[1] | `(f, f, 1, n_C[0]) = (3, 3, 1, 3)` · PyTorch `(3, 1, 3, 3)` |'), text);
  assert.ok(text.includes('| b[1], db[1] | `(1, 1, 1, n_C[0]) = (1, 1, 1, 3)` · PyTorch `(3,)` |'), text);
  assert.ok(text.includes('| Z[1], A[1], dZ[1] | `(m, n_H[1], n_W[1], n_C[1]) = (m, 5, 5, 3)` · PyTorch `(m, 3, 5, 5)` |'), text);
  assert.ok(text.includes('`n_H[1] = ⌊(9 + 2·1 − 3)/2⌋ + 1 = 5`'), text);
  assert.ok(text.includes('`n_C[1] = n_C[0] = 3`'), text);
  assert.ok(text.includes('`PyTorch: Conv2d(3, 3, 3, groups=3)`'), text);
  assert.ok(text.includes('**30** parameters: `f·f·n_C[0] + n_C[0] = 3·3·3 + 3 = 30`'), text);
});

test('the global_avg_pool hover: A[l] is (n_C[l−1], m), the mean over n_H·n_W positions, PyTorch\'s mean over H and W', () => {
  const text = hover(3);
  assert.ok(text.includes('global_avg_pool · the mean of each channel'), text);
  assert.ok(text.includes('| A[3], dA[3] | `(n_C[2], m) = (6, m)` |'), text);
  assert.ok(text.includes('the mean of 5·5 = 25 positions'), text);
  assert.ok(text.includes('PyTorch: A.mean(dim=(2, 3)), (m, 6, 5, 5) → (m, 6)'), text);
  assert.ok(text.includes('No parameters'), text);
});

test('completion: the keywords with their inserts, activations after depthwise_conv2d, then its window options', () => {
  const doc = TextDocument.create('untitled:k.nn', 'nn', 1, 'network k {\n  input (8, 8, 2)\n  \n}\n');
  const items = new NnCompletionProvider(new Analyses((f) => defaultReach(f))).provideCompletionItems(doc, { line: 2, character: 2 });
  assert.equal(items.find((i) => i.label === 'depthwise_conv2d')?.insertText, 'depthwise_conv2d ${1|relu,tanh,leaky_relu,sigmoid,linear|} f: ${2:3}');
  assert.equal(items.find((i) => i.label === 'global_avg_pool')?.insertText, 'global_avg_pool');
  const at = (prefix: string) => {
    const result = layerSuggestions(lex(prefix).tokens.filter((t) => t.kind !== 'newline' && t.kind !== 'eof'), undefined);
    return typeof result === 'string' || result === undefined ? result : result.map((s) => s.label);
  };
  assert.equal(at('  depthwise_conv2d '), 'activations');
  assert.deepEqual(at('  depthwise_conv2d relu '), ['f:', 'stride:', 'pad:', 'norm:']);
  assert.deepEqual(at('  depthwise_conv2d relu f: 3 '), ['stride:', 'pad:', 'norm:']);
  assert.deepEqual(at('  global_avg_pool '), []);
});

test('the formatter keeps both statements as written, indentation and spacing aside', () => {
  const messy = 'network n {\n  input (9, 9, 3)\n     depthwise_conv2d   relu   f: 3 stride: 2  pad: 1\n  conv2d 6 relu f: 1\n global_avg_pool   \n  dense 2 softmax\n}\n';
  assert.equal(formatText(messy), SEPARABLE);
  assert.equal(formatText(SEPARABLE), SEPARABLE);
});

test('examples/mobilenet.nn checks clean: 3,946 parameters against the plain conv net\'s 23,946, layer shapes alike', () => {
  const { diagnostics, networks } = analyzeFile(path.join(ROOT, 'examples', 'mobilenet.nn'));
  assert.deepEqual(diagnostics, []);
  const [mobile, plain] = networks;
  assert.equal(mobile.params, 3946);
  assert.equal(plain.params, 23946);
  // every conv2d 3×3 of `plain` is a depthwise 3×3 and a 1×1 conv2d in `mobilenet`, with the same output
  const outputs = (info: typeof mobile) => info.layers.filter((l) => l.spec.kind !== 'depthwise_conv2d').map((l) => JSON.stringify(l.A));
  assert.deepEqual(outputs(mobile), outputs(plain));
});

test('`norm: batch` on depthwise_conv2d: its spec, γ[l] and β[l] in place of b[l], §13\'s equations, and its errors', () => {
  const text = network('input (6, 6, 4)', 'depthwise_conv2d relu f: 3 pad: same norm: batch', 'global_avg_pool', 'dense 2 softmax');
  const { diagnostics, networks } = analyze(text);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(networks[0].spec!.layers[0], { kind: 'depthwise_conv2d', activation: { name: 'relu' }, f: 3, stride: 1, pad: 1, norm: 'batch' });
  const hover = layerHoverLines(layerShapes(networks[0].layers[0]), { network: 'n' }).join('\n');
  assert.ok(hover.includes('depthwise_conv2d · one 3×3 filter per channel · relu · batch norm'), hover);
  assert.ok(hover.includes('| γ[1], dγ[1] | `(1, 1, 1, n_C[1]) = (1, 1, 1, 4)`'), hover);
  assert.ok(!hover.includes('| b[1]'), hover);
  assert.ok(hover.includes('Z̃[1] = γ[1]·Z_norm + β[1], A[1] = g(Z̃[1])'), hover);
  assert.ok(hover.includes('`f·f·n_C[0] + 2·n_C[0] = 3·3·4 + 2·4'), hover);
  assert.deepEqual(where(text.replace('norm: batch', 'norm: layer')), ['3:46 NN419']);
  // batch 1 on a 1×1 output: each channel sees one value per step
  const one = network('input (3, 3, 2)', 'depthwise_conv2d relu f: 3 norm: batch', 'global_avg_pool', 'dense 1 sigmoid', 'train {', '  data blobs(m: 20, classes: 2, features: 18)', '  batch 1', '}');
  assert.deepEqual(where(one), ['3:30 NN420']);
});
