// The checker lists of issues 21 and 22, item by item: each mistake with its code, its line and
// column, and its quick fix's edit (applying the preferred one leaves the file clean, where there is
// one). Sequence data is read from in-memory files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, Position, TextEdit } from '../../../core/language';
import { analyzeWith } from './helpers';

const FILES = { 'names.txt': 'abc\nabd\n', 'seq.csv': '0.1,0.2,0.3,1,0,1\n0.3,0.1,0.2,0,0,1\n' };

const net = (lines: string[]) => ['network n {', ...lines.map((l) => `  ${l}`), '}', ''].join('\n');
const check = (text: string) => analyzeWith(text, FILES).diagnostics;
const at = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.column}-${d.range.end.column} ${d.code}`;
const edits = (d: Diagnostic, k = 0) => d.fixes?.[k].edits.map((e) => `${e.range.start.line}:${e.range.start.column}-${e.range.end.column} ${JSON.stringify(e.newText)}`);

function offset(text: string, p: Position): number {
  return text.split('\n').slice(0, p.line - 1).reduce((sum, l) => sum + l.length + 1, 0) + p.column - 1;
}

function apply(text: string, list: readonly TextEdit[]): string {
  return [...list].sort((a, b) => offset(text, b.range.start) - offset(text, a.range.start))
    .reduce((t, e) => t.slice(0, offset(t, e.range.start)) + e.newText + t.slice(offset(t, e.range.end)), text);
}

/** The one diagnostic of `text`, its preferred fix applied, and what the fixed file reports. */
function fixed(text: string): { d: Diagnostic; after: string[]; text: string } {
  const all = check(text);
  assert.equal(all.length, 1, all.map(at).join(', '));
  const fix = all[0].fixes?.find((f) => f.preferred);
  assert.ok(fix, `${all[0].code} has no preferred fix`);
  const out = apply(text, fix.edits);
  return { d: all[0], after: check(out).map(at), text: out };
}

// Issue 21

test('shapes through time: each layer\'s A is (n, m, T) until a layer ends the steps', () => {
  const text = net(['input tokens(steps: 6, vocab: 9)', 'embedding 5', 'gru 4 bidirectional', 'lstm 3  return: last', 'dense 2 softmax']);
  const { diagnostics, networks } = analyzeWith(text);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(networks[0].layers.map((l) => l.A), [[5, 'm', 6], [8, 'm', 6], [3, 'm'], [2, 'm']]);
});

test('`return: last` against per-step labels, and per-step labels against `return: last`: NN504 on the data, the fix writes or removes the `return:`', () => {
  const last = fixed(net(['input tokens(steps: 10, vocab: 3)', 'lstm 8 bidirectional  return: last', 'dense 3 softmax', 'train {', '  data reverse(m: 20, steps: 10, vocab: 3)', '}']));
  assert.equal(at(last.d), '6:10-45 NN504');
  assert.match(last.d.message, /predicts once per sequence: keep every step with `return: sequence`/);
  assert.deepEqual(edits(last.d), ['3:23-37 ""']);
  assert.match(last.text, /\n {2}lstm 8 bidirectional\n/);
  assert.deepEqual(last.after, []);
  const perStep = fixed(net(['input sequence(steps: 10, features: 2)', 'lstm 8  # the memory', 'dense 1 linear', 'train {', '  data adding(m: 20, steps: 10)', '}']));
  assert.equal(at(perStep.d), '6:10-34 NN504');
  assert.match(perStep.d.message, /predicts at each of its 10 steps: end the steps with `return: last`/);
  assert.deepEqual(edits(perStep.d), ['3:9-9 "  return: last"']);
  assert.match(perStep.text, /\n {2}lstm 8  return: last  # the memory\n/);
  assert.deepEqual(perStep.after, []);
  // `return: sequence` written out is changed in place
  const written = fixed(net(['input sequence(steps: 10, features: 2)', 'rnn 8  return: sequence', 'dense 1 linear', 'train {', '  data adding(m: 20, steps: 10)', '}']));
  assert.deepEqual(edits(written.d), ['3:18-26 "last"']);
  assert.deepEqual(written.after, []);
});

test('a text file whose vocabulary is not `vocab`: NN518 on the data, the fix writes the right V', () => {
  const { d, after, text } = fixed(net(['input tokens(steps: 3, vocab: 7)', 'lstm 8', 'dense 7 softmax', 'train {', '  data text("names.txt", steps: 3)', '}']));
  assert.equal(at(d), '6:10-37 NN518');
  assert.match(d.message, /names\.txt has V = 5 distinct characters/);
  assert.deepEqual(edits(d), ['2:33-34 "5"']);
  assert.match(text, /input tokens\(steps: 3, vocab: 5\)/);
  // the output's 7 classes no longer match the 5 tokens of the next character
  assert.deepEqual(after, ['6:10-37 NN504']);
});

test('labels that do not fit a per-step output: NN503 names the columns a CSV row needs', () => {
  const d = check(net(['input sequence(steps: 3, features: 1)', 'rnn 4', 'dense 2 softmax', 'train {', '  data "seq.csv"', '}']));
  assert.deepEqual(d.map(at), []);
  const wrong = check(net(['input sequence(steps: 2, features: 1)', 'rnn 4', 'dense 2 softmax', 'train {', '  data "seq.csv"', '}']));
  assert.deepEqual(wrong.map(at), ['6:10-19 NN503']);
  assert.match(wrong[0].message, /the network needs 4: 2 steps × 1 features for x, then 2 class indexes, one per step/);
});

test('`embedding` not right after a tokens input: NN312 on its keyword', () => {
  const d = check(net(['input sequence(steps: 4, features: 3)', 'embedding 8', 'dense 1 linear']));
  assert.deepEqual(d.map(at), ['3:3-12 NN312']);
  assert.match(d[0].message, /comes right after `input tokens\(steps: T, vocab: V\)`/);
});

test('unknown options and flags on a recurrent line: each on its word, with the close one as the fix', () => {
  const d = check(net(['input sequence(steps: 4, features: 3)', 'lstm 8 retrun: last bidirectonal', 'dense 1 linear']));
  assert.deepEqual(d.map(at), ['3:10-16 NN208', '3:23-35 NN227']);
  assert.deepEqual([edits(d[0]), edits(d[1])], [['3:10-16 "return"'], ['3:23-35 "bidirectional"']]);
  const value = check(net(['input sequence(steps: 4, features: 3)', 'lstm 8  return: lats', 'dense 1 linear']));
  assert.deepEqual(value.map(at), ['3:19-23 NN419']);
  assert.deepEqual(edits(value[0]), ['3:19-23 "last"']);
});

test('`rnn 8 sigmoid`: NN228 on the activation, fixes to tanh (preferred) and relu', () => {
  const { d, after, text } = fixed(net(['input sequence(steps: 4, features: 3)', 'rnn 8 sigmoid', 'dense 1 linear']));
  assert.equal(at(d), '3:9-16 NN228');
  assert.deepEqual(d.fixes?.map((f) => [f.title, f.preferred]), [['Change to `tanh`', true], ['Change to `relu`', false]]);
  assert.deepEqual(after, []);
  assert.match(text, /\n {2}rnn 8 tanh\n/);
  // an unknown word is still NN202, and sigmoid is not also the hidden-layer advice NN602
  assert.deepEqual(check(net(['input sequence(steps: 4, features: 3)', 'rnn 8 sigmod', 'dense 1 linear'])).map((x) => x.code), ['NN202']);
});

test('layers for vectors or images on a sequence say what to write instead, with fixes: layer_norm per step, global_avg_pool, embedding', () => {
  const norm = fixed(net(['input sequence(steps: 4, features: 3)', 'dense 5 relu  norm: batch', 'dense 1 linear']));
  assert.equal(at(norm.d), '3:3-8 NN307');
  assert.match(norm.text, /\n {2}dense 5 relu\n {2}layer_norm\n {2}dense 1 linear\n/);
  assert.deepEqual(norm.after, []);
  const flatten = fixed(net(['input sequence(steps: 4, features: 3)', 'flatten', 'dense 1 linear']));
  assert.equal(at(flatten.d), '3:3-10 NN309');
  assert.match(flatten.text, /\n {2}global_avg_pool\n/);
  const tokens = fixed(net(['input tokens(steps: 4, vocab: 6)', 'dense 5 relu', 'dense 6 softmax']));
  assert.equal(at(tokens.d), '3:3-8 NN307');
  assert.match(tokens.text, /\n {2}embedding 16\n {2}dense 5 relu\n/);
  const conv = check(net(['input sequence(steps: 4, features: 3)', 'conv2d 4 relu f: 3', 'dense 1 linear']));
  assert.deepEqual(conv.map(at), ['3:3-9 NN308']);
  assert.match(conv[0].message, /the steps of a sequence are read by `rnn`, `lstm`, `gru` or `self_attention`/);
});

// Issue 22

test('d not divisible by h: NN330 on the value, naming the divisors, the nearest two as fixes', () => {
  const d = check(net(['input sequence(steps: 4, features: 12)', 'self_attention heads: 5', 'dense 1 linear']));
  assert.deepEqual(d.map(at), ['3:25-26 NN330']);
  assert.match(d[0].message, /h must be a divisor of 12: 1, 2, 3, 4, 6 or 12/);
  assert.deepEqual([edits(d[0], 0), edits(d[0], 1)], [['3:25-26 "6"'], ['3:25-26 "4"']]);
});

test('self-attention on a vector: NN311 on its keyword, with the sequence input to declare', () => {
  const d = check(net(['input 8', 'self_attention heads: 2', 'dense 1 linear']));
  assert.deepEqual(d.map(at), ['3:3-17 NN311']);
  assert.match(d[0].message, /declare the input as a sequence, e\.g\. `input sequence\(steps: 10, features: 8\)`/);
});

test('`causal` with a one-vector output: NN331 (a warning) on the word, the fix removes it with its space', () => {
  const { d, after, text } = fixed(net(['input sequence(steps: 4, features: 8)', 'self_attention heads: 2 causal', 'global_avg_pool', 'dense 1 linear']));
  assert.equal(at(d), '3:27-33 NN331');
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /layer 2 \(`global_avg_pool`\) ends the steps/);
  assert.deepEqual(edits(d), ['3:26-33 ""']);
  assert.match(text, /\n {2}self_attention heads: 2\n/);
  assert.deepEqual(after, []);
  // a per-step output is what the mask is for: no warning
  assert.deepEqual(check(net(['input sequence(steps: 4, features: 8)', 'self_attention heads: 2 causal', 'dense 3 softmax'])), []);
});

test('a residual around attention whose shapes differ: NN320 on `residual`, the fix adds a per-step dense shortcut', () => {
  const { d, after, text } = fixed(net(['input sequence(steps: 4, features: 8)', 'residual linear {', '  self_attention heads: 2', '  dense 4 relu', '}', 'dense 1 linear']));
  assert.equal(at(d), '3:3-11 NN320');
  assert.match(d.message, /the body of this residual gives \(4, m, 4\) but its shortcut, the identity, passes on the input \(8, m, 4\)/);
  assert.deepEqual(edits(d), ['6:1-1 "    shortcut { dense 4 linear }\\n"']);
  assert.match(text, / {4}dense 4 relu\n {4}shortcut \{ dense 4 linear \}\n {2}\}/);
  assert.deepEqual(after, []);
});
