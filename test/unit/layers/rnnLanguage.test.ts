// `rnn` in the language and its explanation: hover in the course's notation with the batch-first
// layout beside, the parameter count written out, `nn shapes --json` fields, the statement's
// errors on its own line, the formatter, and completion's insert.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, formatText } from '../../../core/language';
import { layerHint, layerHoverLines } from '../../../core/language/hoverLayer';
import { shapesJson } from '../../../core/services/format/shapesJson';
import { describeLayer, kindNamed, networkShapes } from '../../../core/layers';
import { rnnLayer, rnnNetwork } from './sequenceNets';

test('hover on a bidirectional many-to-one rnn over tokens: every parameter, x⟨t⟩ one-hot, a⟨t⟩ and A with PyTorch\'s layout, the count', () => {
  const shapes = networkShapes(rnnNetwork({ T: 5, V: 27 }, [rnnLayer(16, { bidirectional: true, returns: 'last' })]));
  const hover = layerHoverLines(shapes[0], { network: 'seq' }).join('\n');
  for (const row of ['Wax[1], dWax[1] | `(n_a, n_x) = (16, 27)`', 'Waa[1], dWaa[1] | `(n_a, n_a) = (16, 16)`', 'ba[1], dba[1] | `(n_a, 1) = (16, 1)`',
    'Wax_rev[1], dWax_rev[1] | `(n_a, n_x) = (16, 27)`', 'x⟨t⟩[1] | `(V, m), one-hot = (27, m)` · PyTorch `(m, 5)`',
    'a⟨t⟩[1], da⟨t⟩[1] | `(n_a, m) = (16, m)` · PyTorch `(m, 16)`', 'A[1], dA[1] | `(2·n_a, m) = (32, m)` · PyTorch `(m, 32)`']) {
    assert.ok(hover.includes(row), `${row}\n${hover}`);
  }
  assert.match(hover, /a⟨t⟩ = tanh\(Waa·a⟨t−1⟩ \+ Wax·x⟨t⟩ \+ ba\), a⟨0⟩ = 0, t = 1…T_x = 5/);
  assert.match(hover, /A\[1\] = \[a→⟨T_x⟩; a←⟨1⟩\] \(return: last\)/);
  assert.match(hover, /`2·\(n_a·n_x \+ n_a·n_a \+ n_a\) = 2·\(16·27 \+ 16·16 \+ 16\) = 1408`/);
});

test('a per-step rnn over a sequence: A is (n_a, m, T_x), batch-first (m, T_x, n_a); its fields for nn shapes --json', () => {
  const shapes = networkShapes(rnnNetwork({ T: 7, n: 3 }, [rnnLayer(8, { activation: { name: 'relu' } }), rnnLayer(4, { returns: 'last' })]));
  const d = describeLayer(shapes[0]);
  const A = d.rows.find((r) => r.names[0] === 'A')!;
  assert.deepEqual([A.rule, A.dims, A.torch], ['(n_a, m, T_x)', [8, 'm', 7], ['m', 7, 8]]);
  // x⟨t⟩ is one step, batch-first (m, n_x); the whole x is (n_x, m, T_x), batch-first (m, T_x, n_x)
  assert.deepEqual(d.rows.find((r) => r.names[0] === 'x⟨t⟩')!.torch, ['m', 3]);
  assert.equal(d.derivation[0], 'x (n_x, m, T_x) = (3, m, 7); batch-first x (m, T_x, n_x) = (m, 7, 3)');
  assert.deepEqual(d.fields, { units: 8, activation: 'relu', return: 'sequence' });
  assert.equal(d.params, 8 * 3 + 8 * 8 + 8);
  assert.equal(shapes[1].params, 4 * 8 + 4 * 4 + 4);
});

test('an rnn\'s Wax, Waa, ba everywhere: LayerInfo, nn shapes --json\'s named, the hint shows A[l], never a stacked W (32, 34)', () => {
  const text = 'network n {\n  input sequence(steps: 5, features: 2)\n  rnn 32 tanh return: last\n  dense 1 linear\n  loss mse\n}\n';
  const [info] = analyze(text).networks;
  const rnn = info.layers[0];
  assert.deepEqual([rnn.W, rnn.b, rnn.params], [[], [], 32 * 2 + 32 * 32 + 32]);
  const named = [{ name: 'Wax', shape: [32, 2] }, { name: 'Waa', shape: [32, 32] }, { name: 'ba', shape: [32, 1] }];
  assert.deepEqual(rnn.named, named);
  const [layer] = shapesJson(info).layers;
  assert.deepEqual([layer.named, layer.params, 'W' in layer], [named, 1120, false]);
  // the inlay hint: A[l], as for an lstm (the stacked W once left it looking for a W row: no hint)
  assert.equal(layerHint(networkShapes(info.spec!)[0]), 'A (32, m)');
});

test('rnn after a vector input is NN311 on its keyword, saying how to declare a sequence', () => {
  const { diagnostics } = analyze('network n {\n  input 4\n  rnn 8 return: last\n  dense 1 sigmoid\n}\n');
  const error = diagnostics.find((d) => d.code === 'NN311');
  assert.ok(error, JSON.stringify(diagnostics));
  assert.deepEqual(error.range.start, { line: 3, column: 3 });
  assert.match(error.message, /`rnn` runs over the steps of a sequence, but the input gives vectors of 4/);
});

test('the formatter keeps an rnn line\'s words; completion inserts `rnn N tanh|relu`', () => {
  // the formatter sets options two spaces after the activation, as on a dense line
  const source = 'network n {\n  input 4\n  rnn 8 relu  return: last bidirectional\n  dense 1 sigmoid\n}\n';
  assert.equal(formatText(source.replace('  rnn 8', '     rnn   8')), source);
  assert.equal(kindNamed('rnn')?.insert, 'rnn ${1:64} ${2|tanh,relu|}');
});
