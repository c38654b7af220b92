// Spec §14's inputs in the language: `input sequence(steps: T, features: n)` and `input
// tokens(steps: T, vocab: V)` — parsed with recovery, checked (each mistake on its part, positions
// exact), formatted, hovered (course layout and batch-first beside it), hinted, and carried into
// NetworkSpec and `nn shapes --json` as 3-element arrays. The layers after them are the real
// sequence kinds (rnn, embedding).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, formatText, type Diagnostic } from '../../../core/language';
import { parse } from '../../../core/language/parser';
import { inputHint, sequenceInputLines, tokensInputLines } from '../../../core/language/hoverLayer';
import { shapesJson } from '../../../core/services/format/shapesJson';
import { shapesOf } from '../../../core/adapters/lsp/shapes';
import { inputShape, sequence, tokens } from '../../../core/layers';

function net(lines: string[]): string {
  return ['network n {', ...lines.map((l) => `  ${l}`), '}', ''].join('\n');
}

const at = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.column}-${d.range.end.column} ${d.code}`;
const SEQ = ['input sequence(steps: 10, features: 3)', 'rnn 8', 'rnn 4 relu bidirectional return: last', 'dense 1 sigmoid'];

test('a sequence input gives NetworkSpec.sequence, inputSize T·n, and the kinds their options and flags', () => {
  const { diagnostics, networks } = analyze(net(SEQ));
  assert.deepEqual(diagnostics, []);
  const spec = networks[0].spec!;
  assert.deepEqual(spec.sequence, { T: 10, n: 3 });
  assert.equal(spec.tokens, undefined);
  assert.equal(spec.inputSize, 30);
  assert.deepEqual(inputShape(spec), sequence(3, 10));
  assert.deepEqual(spec.layers[0], { kind: 'rnn', units: 8, activation: { name: 'tanh' } });
  assert.deepEqual(spec.layers[1], { kind: 'rnn', units: 4, activation: { name: 'relu' }, returns: 'last', bidirectional: true });
  assert.deepEqual(networks[0].layers.map((l) => l.output), [sequence(8, 10), { kind: 'vector', n: 8 }, { kind: 'vector', n: 1 }]);
});

test('a tokens input gives NetworkSpec.tokens and inputSize T; an embedding right after it is fine', () => {
  const { diagnostics, networks } = analyze(net(['input tokens(steps: 25, vocab: 27)', 'embedding 16', 'rnn 8 return: last', 'dense 1 sigmoid']));
  assert.deepEqual(diagnostics, []);
  const spec = networks[0].spec!;
  assert.deepEqual(spec.tokens, { T: 25, V: 27 });
  assert.equal(spec.inputSize, 25);
  assert.deepEqual(inputShape(spec), tokens(25, 27));
  assert.deepEqual(networks[0].layers[0].output, sequence(16, 25));
});

test('each mistake in a sequence or tokens input is one diagnostic on the part it is about', () => {
  const codes = (input: string) => analyze(net([input, 'rnn 8 return: last', 'dense 1 sigmoid'])).diagnostics.map(at);
  const message = (input: string) => analyze(net([input, 'rnn 8 return: last', 'dense 1 sigmoid'])).diagnostics[0].message;
  assert.deepEqual(codes('input sequence(steps: 10)'), ['2:17-28 NN207']);
  assert.equal(message('input sequence(steps: 10)'), '`sequence(…)` needs `features: n_x` (the numbers x⟨t⟩ holds at each step): `input sequence(steps: T_x, features: n_x)`');
  assert.deepEqual(codes('input sequence'), ['2:9-17 NN207']);
  assert.deepEqual(codes('input sequence(steps: 0, features: 3)'), ['2:25-26 NN215']);
  assert.equal(message('input sequence(steps: 0, features: 3)'), 'steps (T_x), the number of time steps of every example, must be a positive integer, not 0');
  assert.deepEqual(codes('input sequence(steps: 10, features: 2.5)'), ['2:39-42 NN215']);
  assert.deepEqual(codes('input sequence(steps: 10, feature: 3)'), ['2:29-36 NN207']);
  assert.equal(message('input sequence(steps: 10, feature: 3)'), 'unknown argument of `sequence(…)` `feature`; did you mean `features`?');
  assert.deepEqual(codes('input sequence(10, 3)'), ['2:18-20 NN207', '2:22-23 NN207']);
  assert.deepEqual(codes('input sequence(steps: 10, steps: 5, features: 3)'), ['2:29-37 NN207']);
  assert.deepEqual(codes('input tokens(steps: 5, vocab: 0)'), ['2:33-34 NN215']);
  assert.deepEqual(codes('input sequnce(steps: 10, features: 3)'), ['2:9-16 NN201']);
  assert.equal(message('input sequnce(steps: 10, features: 3)'), 'unknown input form `sequnce`; did you mean `sequence`?');
});

test('a broken sequence input is a syntax error that hides none of the lines after it', () => {
  const { diagnostics } = analyze(net(['input sequence(steps: 10, features: )', 'rnn 8 return: lats', 'dense 1 sigmoid']));
  assert.deepEqual(diagnostics.map(at), ['2:39-40 NN104', '3:17-21 NN419']);
  const { ast } = parse(net(['input tokens(steps: 5, vocab: 9)']));
  const input = ast.networks[0].statements[0];
  assert.ok(input.kind === 'input' && input.form?.name === 'tokens' && input.form.args?.length === 2);
});

test('the formatter writes a sequence input as a call and is idempotent', () => {
  const once = formatText(net(['input   sequence( steps:10 ,features:  3 )', 'rnn 8   bidirectional  return:last', 'dense 1 sigmoid']));
  assert.equal(once, net(['input sequence(steps: 10, features: 3)', 'rnn 8 bidirectional  return: last', 'dense 1 sigmoid']));
  assert.equal(formatText(once), once);
});

test('hover: x in the course\'s (n_x, m, T_x), x⟨t⟩, batch-first beside it; tokens one-hot per step and kept as ids', () => {
  const s = sequenceInputLines({ T: 10, n: 3 }, { network: 'n', m: 64 }).join('\n');
  assert.match(s, /x = A\[0\] is `\(n_x, m, T_x\) = \(3, 64, 10\)`; x⟨t⟩ is `\(n_x, m\) = \(3, 64\)` at each step t = 1…10/);
  assert.match(s, /Batch-first, as PyTorch and Keras hold it: `\(m, T_x, n_x\) = \(64, 10, 3\)`/);
  assert.match(s, /`T_x·n_x = 10·3 = 30` values, time-major/);
  const t = tokensInputLines({ T: 25, V: 27 }, { network: 'n' }).join('\n');
  assert.match(t, /x⟨t⟩ is one-hot `\(V, m\) = \(27, m\)` at each step t = 1…25/);
  assert.match(t, /kept as the token ids `\(T_x, m\) = \(25, m\)`, integers 0…26/);
  assert.match(t, /ids `\(m, T_x\) = \(m, 25\)`/);
});

test('the inlay hint of a sequence or tokens input shows its layout; a vector input has none', () => {
  assert.equal(inputHint({ sequence: { T: 10, n: 3 } }), 'x (3, m, 10) · batch-first (m, 10, 3)');
  assert.equal(inputHint({ tokens: { T: 25, V: 27 } }), 'x⟨t⟩ one-hot (27, m) · ids (25, m)');
  assert.equal(inputHint({}), undefined);
});

test('`nn shapes --json` and nn/shapes give a sequence\'s shapes as [n, "m", T]', () => {
  const { networks } = analyze(net(SEQ));
  const json = JSON.parse(JSON.stringify(shapesJson(networks[0])));
  assert.deepEqual(json.layers.map((l: { A: unknown }) => l.A), [[8, 'm', 10], [8, 'm'], [1, 'm']]);
  const diagram = shapesOf(networks, { uri: 'untitled:n.nn', name: 'n' });
  assert.deepEqual(diagram.X, [3, 'm', 10]);
  assert.deepEqual(diagram.inputs, [[3, 'm', 10], [8, 'm', 10], [8, 'm']]);
  const tokensNet = analyze(net(['input tokens(steps: 25, vocab: 27)', 'embedding 16', 'rnn 8 return: last', 'dense 1 sigmoid'])).networks;
  assert.deepEqual(shapesOf(tokensNet, { uri: 'untitled:n.nn', name: 'n' }).X, [27, 'm', 25]);
});

test('`dense … norm: batch` given a sequence says what to write instead: layer_norm per step, or end the steps first', () => {
  // dense runs per step and layer_norm per step; batch norm's statistics are per unit over vectors only
  const d = analyze(net(['input sequence(steps: 10, features: 3)', 'dense 4 relu norm: batch', 'dense 1 sigmoid'])).diagnostics;
  assert.deepEqual(d.map(at), ['3:3-8 NN307']);
  assert.equal(d[0].message, '`dense … norm: batch` normalizes each unit over the m examples of column vectors, but the input gives sequences of 3 features over T = 10 steps: '
    + 'batch norm over the steps of a sequence is not in the language; normalize per example and step with `layer_norm` on the line after this layer (as a transformer does), '
    + 'or end the steps first (a recurrent layer with `return: last`, or `global_avg_pool` over time)');
  assert.deepEqual(d[0].fixes, [
    { title: 'Replace `norm: batch` by `layer_norm` below', preferred: true, edits: [
      { range: { start: { line: 3, column: 15 }, end: { line: 3, column: 27 } }, newText: '' },
      { range: { start: { line: 4, column: 1 }, end: { line: 4, column: 1 } }, newText: '  layer_norm\n' },
    ] },
    { title: 'Insert `global_avg_pool` above', preferred: false, edits: [{ range: { start: { line: 3, column: 1 }, end: { line: 3, column: 1 } }, newText: '  global_avg_pool\n' }] },
  ]);
});

test('end to end with dense per step (seqengine): `nn shapes --json` gives [n, "m", T] for each step-wise layer', () => {
  const { diagnostics, networks } = analyze(net(['input sequence(steps: 10, features: 3)', 'dense 4 relu', 'dense 2 softmax']));
  assert.deepEqual(diagnostics, []);
  const json = JSON.parse(JSON.stringify(shapesJson(networks[0])));
  assert.deepEqual(json.layers.map((l: { A: unknown }) => l.A), [[4, 'm', 10], [2, 'm', 10]]);
  assert.deepEqual(shapesOf(networks, { uri: 'untitled:n.nn', name: 'n' }).X, [3, 'm', 10]);
});
