// `lstm N_a` and `gru N_a` as the language and the engine see them (spec §14): the statement's
// options and flag read into the spec, shapes and parameter counts through time, the hover's gates
// with their equations, a vector input refused on the layer's line, and the network's gradient
// check (every Wf…bo, Wu…bc, `_rev` and dense W, b against two-sided differences) passing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../core/language';
import { gradientCheck } from '../../../core/engine/gradcheck';
import { matrix } from '../../../core/foundation/matrix';
import { Rng } from '../../../core/foundation/prng';
import { describeLayer, networkShapes } from '../../../core/layers';

function networkOf(lines: string[]) {
  const text = ['network n {', ...lines.map((l) => `  ${l}`), '}', ''].join('\n');
  return analyze(text, { files: null });
}

test('lstm and gru statements: return: and bidirectional reach the spec, shapes and counts follow spec §14', () => {
  const a = networkOf(['input sequence(steps: 6, features: 3)', 'lstm 5 bidirectional', 'gru 4 return: last', 'dense 1 linear']);
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  const spec = a.networks[0].spec!;
  assert.deepEqual(spec.layers.slice(0, 2), [{ kind: 'lstm', units: 5, bidirectional: true }, { kind: 'gru', units: 4, returns: 'last' }]);
  const [l1, l2] = networkShapes(spec);
  assert.deepEqual(l1.output, { kind: 'sequence', n: 10, T: 6 });
  assert.deepEqual(l2.output, { kind: 'vector', n: 4 });
  assert.equal(l1.params, 2 * 4 * (5 * (5 + 3) + 5));
  assert.equal(l2.params, 3 * (4 * (4 + 10) + 4));
});

test('the hover of an lstm line names the four gates with W, b, their shapes and equations, batch-first beside', () => {
  const spec = networkOf(['input sequence(steps: 50, features: 2)', 'lstm 64 return: last', 'dense 1 linear']).networks[0].spec!;
  const d = describeLayer(networkShapes(spec)[0]);
  assert.deepEqual(d.rows.slice(0, 8).map((r) => [r.names[0], r.rule, r.dims.join(',')]), [
    ['Wf', '(n_a, n_a + n_x)', '64,66'], ['bf', '(n_a, 1)', '64,1'], ['Wi', '(n_a, n_a + n_x)', '64,66'], ['bi', '(n_a, 1)', '64,1'],
    ['Wc', '(n_a, n_a + n_x)', '64,66'], ['bc', '(n_a, 1)', '64,1'], ['Wo', '(n_a, n_a + n_x)', '64,66'], ['bo', '(n_a, 1)', '64,1'],
  ]);
  assert.deepEqual(d.rows[8].names, ['a⟨t⟩', 'c⟨t⟩']);
  assert.deepEqual(d.rows[8].torch, ['m', 64]);
  for (const equation of ['Γf = σ(Wf·concat + bf)', 'Γi = σ(Wi·concat + bi)', 'Γo = σ(Wo·concat + bo)', 'c⟨t⟩ = Γf⊙c⟨t−1⟩ + Γi⊙c̃⟨t⟩', 'a⟨t⟩ = Γo⊙tanh(c⟨t⟩)']) {
    assert.ok(d.derivation.some((line) => line.includes(equation)), equation);
  }
  assert.ok(d.derivation[0].includes('batch-first x (m, T_x, n_x) = (m, 50, 2)'), d.derivation[0]);
  assert.ok(d.derivation.includes('c̃⟨t⟩ = tanh(Wc·concat + bc)  (candidate)'), 'the fourth set of weights is named too');
  assert.equal(d.count, '4·(n_a·(n_a + n_x) + n_a) = 4·(64·66 + 64)');
  const gru = describeLayer(networkShapes(networkOf(['input sequence(steps: 5, features: 2)', 'gru 3', 'dense 1 linear']).networks[0].spec!)[0]);
  assert.ok(gru.derivation.some((line) => line.includes('c̃⟨t⟩ = tanh(Wc·[Γr⊙c⟨t−1⟩; x⟨t⟩] + bc)')));
});

test('an lstm or gru after a vector input is NN311 on its keyword, saying to declare a sequence input', () => {
  for (const keyword of ['lstm', 'gru']) {
    const a = networkOf(['input 4', `${keyword} 3`, 'dense 1 sigmoid']);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    // NN311 on the keyword (lines and columns 1-based)
    assert.deepEqual([errors[0].code, errors[0].range.start.line, errors[0].range.start.column], ['NN311', 3, 3]);
    assert.match(errors[0].message, /sequence/);
  }
});

test('gradient checking through time passes for a network of a bidirectional lstm, a gru and a dense output', () => {
  const spec = networkOf(['input sequence(steps: 4, features: 2)', 'lstm 3 bidirectional', 'gru 2 return: last', 'dense 1 sigmoid']).networks[0].spec!;
  const rng = new Rng(5, 'gated gradcheck');
  const m = 6;
  const X = matrix(8, m);
  X.data.forEach((_, p) => (X.data[p] = 2 * rng.uniform() - 1));
  const Y = matrix(1, m);
  Y.data.forEach((_, p) => (Y.data[p] = rng.below(2)));
  const result = gradientCheck(spec, { X, Y, m });
  assert.equal(result.verdict, 'fine', `difference ${result.difference}`);
  const names = new Set(result.perParameter.map((q) => `${q.name}${q.l}`));
  for (const key of ['Wf_rev1', 'bo1', 'Wr2', 'bu2', 'W3']) assert.ok(names.has(key), `${key} is checked: ${[...names].join(' ')}`);
});
