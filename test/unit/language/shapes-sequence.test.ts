// `nn shapes` of course-5 networks (issue 21): each kind's named parameters in the W and b columns,
// those of one shape together, n_a in the units column and one step's features for the input.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { analyze } from '../../../core/language';
import { formatShapesTable } from '../../../core/services/format/shapesTable';

/** The table of the network `name` of an example file, data files unread. */
function shapes(file: string, name: string): string[] {
  const network = analyze(readFileSync(`examples/${file}`, 'utf8'), { files: null }).networks.find((n) => n.name === name)!;
  return formatShapesTable(network).split('\n');
}

/** The cells of the row that starts with `l` (trimmed, split on the table's runs of spaces). */
function row(lines: string[], l: string): string[] {
  return lines.find((line) => line.startsWith(`${l} `))!.split(/\s{2,}/).map((c) => c.trim());
}

test('rnn return: last: Wax and Waa under W, ba under b, A (n_a, m), 1,120 parameters', () => {
  const lines = shapes('sequences/adding.nn', 'rnn');
  assert.deepEqual(row(lines, '1'), ['1', 'rnn', '32', 'tanh', 'Wax (32, 2); Waa (32, 32)', 'ba (32, 1)', '(32, m)', '1,120']);
  assert.deepEqual(row(lines, '0'), ['0', 'input X = A[0]', '2', '(2, m, 50)']);
  assert.deepEqual(row(lines, '2'), ['2', 'dense', '1', 'linear', '(1, 32)', '(1, 1)', '(1, m)', '33']);
  assert.ok(lines.some((l) => l.startsWith('sequences: A[l] is (n[l], m, T_x)')));
});

test('lstm: the four gates of one shape together, 4·(n_a·(n_a + n_x) + n_a) parameters', () => {
  const lines = shapes('dinos/dinos.nn', 'dinos');
  assert.deepEqual(row(lines, '1'), ['1', 'lstm', '64', 'Wf, Wi, Wc, Wo (64, 91)', 'bf, bi, bc, bo (64, 1)', '(64, m, 25)', (4 * (64 * 91 + 64)).toLocaleString('en-US')]);
  assert.deepEqual(row(lines, '0'), ['0', 'input X = A[0]', '27', '(27, m, 25)']);
});

test('embedding E, self_attention WQ … bO, layer_norm γ and β, positional_encoding none', () => {
  const lines = shapes('sequences/reverse.nn', 'attention');
  assert.deepEqual(row(lines, '1'), ['1', 'embedding', '32', 'E (32, 10)', '(32, m, 10)', '320']);
  assert.deepEqual(row(lines, '2'), ['2', 'positional_encoding', '32', '(32, m, 10)', '0']);
  assert.deepEqual(row(lines, '3'), ['3', 'self_attention', '32', 'WQ, WK, WV, WO (32, 32)', 'bQ, bK, bV, bO (32, 1)', '(32, m, 10)', '4,224']);
  assert.deepEqual(row(lines, '4'), ['4', 'layer_norm', '32', 'γ (32, 1)', 'β (32, 1)', '(32, m, 10)', '64']);
});

test('gru: the lecture GRU\'s gates by name', () => {
  const source = 'network g {\n  input sequence(steps: 5, features: 3)\n  gru 4  return: last\n  dense 1 linear\n}\n';
  const [network] = analyze(source, { files: null }).networks;
  assert.deepEqual(row(formatShapesTable(network).split('\n'), '1'), ['1', 'gru', '4', 'Wu, Wr, Wc (4, 7)', 'bu, br, bc (4, 1)', '(4, m)', '96']);
});
