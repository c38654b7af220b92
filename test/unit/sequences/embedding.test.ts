// `embedding N_e` (spec §14): e⟨t⟩ = E[l]·o⟨t⟩ is the column of E[l] at the token, dE[l] gathers the
// gradient back into those columns (a token met twice gets both), E[l] starts from N(0, 1)·0.01 unless
// `init` says otherwise, and its weights key is E<l>.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerSpec } from '../../../core/foundation/model';
import { initialize } from '../../../core/engine/init';
import { fromRows, matrix } from '../../../core/engine/matrix';
import { Network } from '../../../core/engine/network';
import { Rng } from '../../../core/foundation/prng';
import { describeLayer, kindOf, networkShapes, sequence, tokens, vector, weightEntries } from '../../../core/layers';
import { denseLayer, randomTokens, stepLabels, tokensSpec } from './helpers';

const embedding = (units: number): LayerSpec => ({ kind: 'embedding', units });

test('embedding after tokens(T, V) gives the sequence (N_e, m, T) with E (N_e, V); anything else is needs-tokens', () => {
  const spec = embedding(4);
  assert.deepEqual(kindOf(spec).output(spec, tokens(6, 10)), { output: sequence(4, 6), issues: [] });
  assert.deepEqual(kindOf(spec).output(spec, vector(6)).issues.map((i) => i.kind), ['needs-tokens']);
  assert.deepEqual(kindOf(spec).output(spec, sequence(3, 6)).issues.map((i) => i.kind), ['needs-tokens']);
  const net = tokensSpec(6, 10, [spec, denseLayer(10, 'softmax')], 'softmax_cross_entropy');
  const [layer] = networkShapes(net);
  assert.equal(layer.params, 40);
  assert.deepEqual(weightEntries(net).map((e) => [e.key, e.shape]), [['E1', [4, 10]], ['W2', [10, 4]], ['b2', [10, 1]]]);
  const text = describeLayer(layer);
  assert.deepEqual(text.rows.map((r) => [r.names, r.rule, r.dims, r.torch]), [
    [['E', 'dE'], '(N_e, V)', [4, 10], undefined],
    [['A', 'dA'], '(n[1], m, T_x)', [4, 'm', 6], ['m', 6, 4]],
  ]);
  assert.match(text.derivation[0], /^e⟨t⟩ = E\[1\]·o⟨t⟩ = E\[1\]\[:, x⟨t⟩\]/);
  assert.equal(text.count, 'N_e·V = 4·10');
});

test('forward: step t of example i is the column of E at token x⟨t⟩(i); backward sums a repeated token', () => {
  const spec = tokensSpec(2, 3, [embedding(2), denseLayer(1, 'linear')], 'mse');
  const E = fromRows([[1, 2, 3], [4, 5, 6]]);
  const net = new Network(spec, [{}, { E }, { W: fromRows([[1, -1]]), b: matrix(1, 1) }]);
  // example 1: tokens 2 then 2; example 2: tokens 0 then 1
  const X = fromRows([[2, 0], [2, 1]]);
  const buffers = net.allocate(2);
  net.forward(X, buffers);
  assert.deepEqual([...buffers.A[1].data], [3, 1, 6, 4, 3, 2, 6, 5]);
  // A[2]⟨t⟩ = e₁ − e₂ = −3 everywhere; with Y = 0, mse's dZ[2] = −3, dA[1]⟨t⟩ = (−3, 3) per column
  const Y = matrix(2, 2);
  net.backward(buffers, Y);
  // dE = (1/m)·Σ: token 2 gets example 1's two steps, tokens 0 and 1 one step each
  assert.deepEqual([...net.dTheta[1].E.data], [-1.5, -1.5, -3, 1.5, 1.5, 3]);
});

test('E starts from N(0, 1)·0.01 of the init stream unless init says otherwise (then its rule with fan-in V)', () => {
  const spec = tokensSpec(3, 5, [embedding(2), denseLayer(5, 'softmax')], 'softmax_cross_entropy', { seed: 7 });
  const rng = new Rng(7, 'init');
  assert.deepEqual([...initialize(spec)[1].E.data], Array.from({ length: 10 }, () => rng.normal() * 0.01));
  const xavier = initialize({ ...spec, train: { ...spec.train, init: { kind: 'xavier' } } });
  const again = new Rng(7, 'init');
  assert.deepEqual([...xavier[1].E.data], Array.from({ length: 10 }, () => again.normal() * Math.sqrt(1 / 5)));
});

test('a token id outside 0…V−1 is a clear error, not a read past E', () => {
  const spec = tokensSpec(1, 3, [embedding(2), denseLayer(3, 'softmax')], 'softmax_cross_entropy');
  const net = new Network(spec, initialize(spec));
  assert.throws(() => net.forward(fromRows([[3]]), net.allocate(1)), /a token id must be a whole number from 0 to 2, not 3/);
});

test('gradient check through embedding, dense tanh per step and softmax per step (every entry of E, W, b)', () => {
  const rng = new Rng(13, 'test');
  const T = 4, V = 5, m = 6;
  const spec = tokensSpec(T, V, [embedding(3), denseLayer(4, 'tanh'), denseLayer(V, 'softmax')], 'softmax_cross_entropy', { seed: 2, init: { kind: 'random', scale: 0.7 } });
  const net = new Network(spec, initialize(spec));
  const X = randomTokens(rng, T, V, m), Y = stepLabels('softmax_cross_entropy', rng, V, T, m);
  const buffers = net.allocate(m);
  const J = (): number => {
    net.forward(X, buffers);
    return net.cost(buffers, Y);
  };
  J();
  net.backward(buffers, Y);
  const h = 1e-6;
  let diff = 0, size = 0;
  net.params.forEach((theta, i) => theta.data.forEach((keep, p) => {
    theta.data[p] = keep + h;
    const plus = J();
    theta.data[p] = keep - h;
    const minus = J();
    theta.data[p] = keep;
    diff += (net.grads[i].data[p] - (plus - minus) / (2 * h)) ** 2;
    size += net.grads[i].data[p] ** 2;
  }));
  assert.ok(Math.sqrt(diff / size) < 1e-7, `relative error ${Math.sqrt(diff / size)}`);
});
