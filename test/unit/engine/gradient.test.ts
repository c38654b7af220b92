// Backprop against centred differences, for every activation × loss pair the checker accepts and
// every hidden activation: the relative error ‖dθ − dθ_num‖ / (‖dθ‖ + ‖dθ_num‖) must be < 1e-6.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Activation, LossName } from '../../../core/foundation/model';
import { initialize } from '../../../core/engine/init';
import { matrix } from '../../../core/engine/matrix';
import { Network } from '../../../core/engine/network';
import { Rng } from '../../../core/foundation/prng';
import { fromLayers, labelsFor, makeSpec, perLayer, randomMatrix } from './helpers';

const outputs: Array<[Activation, LossName]> = [
  [{ name: 'sigmoid' }, 'cross_entropy'],
  [{ name: 'softmax' }, 'softmax_cross_entropy'],
  ...(['sigmoid', 'tanh', 'relu', 'linear', 'softmax'] as const).map((name): [Activation, LossName] => [{ name }, 'mse']),
  [{ name: 'leaky_relu', slope: 0.2 }, 'mse'],
];
const hidden: Activation[] = [{ name: 'sigmoid' }, { name: 'tanh' }, { name: 'relu' }, { name: 'leaky_relu' },
  { name: 'leaky_relu', slope: 0.3 }, { name: 'linear' }];

function relativeError(spec: ReturnType<typeof makeSpec>, seed: number): number {
  const rng = new Rng(seed, 'gradcheck');
  const m = 6;
  const net = new Network(spec, initialize({ ...spec, train: { ...spec.train, seed, init: { kind: 'random', scale: 0.8 } } }));
  const X = randomMatrix(rng, spec.inputSize, m, -2, 2);
  const Y = labelsFor(spec.loss, rng, spec.layers[spec.layers.length - 1].units, m);
  const buffers = net.allocate(m);
  const J = () => {
    net.forward(X, buffers);
    return net.cost(buffers, Y);
  };
  J();
  net.backward(buffers, Y);
  const h = 1e-6;
  let diff = 0, sumA = 0, sumN = 0;
  for (let l = 1; l <= net.L; l++) {
    for (const [theta, grad] of [[net.W[l], net.dW[l]], [net.b[l], net.db[l]]]) {
      for (let p = 0; p < theta.data.length; p++) {
        const keep = theta.data[p];
        theta.data[p] = keep + h;
        const plus = J();
        theta.data[p] = keep - h;
        const minus = J();
        theta.data[p] = keep;
        const num = (plus - minus) / (2 * h);
        diff += (grad.data[p] - num) ** 2;
        sumA += grad.data[p] ** 2;
        sumN += num ** 2;
      }
    }
  }
  return Math.sqrt(diff) / (Math.sqrt(sumA) + Math.sqrt(sumN));
}

for (const [out, loss] of outputs) {
  const outName = out.name + (out.slope ? `(${out.slope})` : '');
  test(`gradient check: ${outName} output with ${loss}, after each hidden activation`, () => {
    hidden.forEach((g, index) => {
      const units = out.name === 'softmax' || loss === 'mse' ? 3 : 2;
      const spec = makeSpec([4, 5, 3, units], [g, g, out], loss);
      const err = relativeError(spec, 10 + index);
      assert.ok(err < 1e-6, `hidden ${g.name}${g.slope ? `(${g.slope})` : ''}: relative error ${err}`);
    });
  });
}

test('gradient check: logistic regression (no hidden layer)', () => {
  assert.ok(relativeError(makeSpec([5, 1], ['sigmoid'], 'cross_entropy'), 3) < 1e-6);
});

test('gradient check with L2: dW[l] += (λ/m)·W[l] matches the cost with (λ/(2m))·Σ‖W[l]‖²', () => {
  // λ = 3 on m = 6 examples: the L2 part is a large share of every dW, so leaving it out fails the check
  for (const [sizes, acts, loss] of [[[4, 5, 3, 1], ['tanh', 'relu', 'sigmoid'], 'cross_entropy'], [[3, 4, 3], ['sigmoid', 'softmax'], 'softmax_cross_entropy']] as const) {
    const spec = makeSpec([...sizes], [...acts], loss, { l2: 3 });
    const err = relativeError(spec, 21);
    assert.ok(err < 1e-6, `${acts.join('-')}: relative error ${err}`);
  }
});

test('gradient check through dropout: with the masks of one draw fixed, backprop is the gradient of that J', () => {
  // A fresh network with the same seed draws the same D[l] on its first training pass, so
  // J(θ) = J of that pass is a smooth function of θ to compare with. Tanh and sigmoid take g′ from
  // g(Z) before dropout; relu from Z. b ≠ 0: a column of A[1] dropped whole would otherwise put
  // Z[2] exactly on relu's kink.
  for (const g of ['tanh', 'sigmoid', 'relu'] as const) {
    const spec = makeSpec([4, 6, 5, 1], [g, g, 'sigmoid'], 'cross_entropy');
    spec.layers[0].keepProb = 0.6;
    spec.layers[1].keepProb = 0.75;
    const rng = new Rng(33, 'gradcheck');
    const m = 8;
    const X = randomMatrix(rng, 4, m, -2, 2);
    const Y = labelsFor('cross_entropy', rng, 1, m);
    const initial = perLayer(initialize({ ...spec, train: { ...spec.train, init: { kind: 'random', scale: 0.8 } } }));
    const flat = { W: initial.W.slice(1).map((w) => Float64Array.from(w.data)), b: initial.b.slice(1).map((v) => randomMatrix(rng, v.rows, 1).data) };
    const run = (backward: boolean) => {
      const W = [matrix(0, 0), ...flat.W.map((w, l) => ({ ...initial.W[l + 1], data: Float64Array.from(w) }))];
      const b = [matrix(0, 0), ...flat.b.map((v, l) => ({ ...initial.b[l + 1], data: Float64Array.from(v) }))];
      const net = new Network(spec, fromLayers({ W, b }));
      const buffers = net.allocate(m);
      net.forward(X, buffers, true);
      const J = net.cost(buffers, Y);
      if (backward) net.backward(buffers, Y);
      return { net, J, D: buffers.D };
    };
    const { net, D } = run(true);
    for (const l of [1, 2]) assert.deepEqual(new Set(D[l].data), new Set([0, 1]), `D[${l}] keeps some units and drops others`);
    const h = 1e-6;
    let diff = 0, sumA = 0, sumN = 0;
    for (let l = 1; l <= 3; l++) {
      for (const [theta, grad] of [[flat.W[l - 1], net.dW[l]], [flat.b[l - 1], net.db[l]]] as const) {
        for (let p = 0; p < theta.length; p++) {
          const keep = theta[p];
          theta[p] = keep + h;
          const plus = run(false).J;
          theta[p] = keep - h;
          const minus = run(false).J;
          theta[p] = keep;
          const num = (plus - minus) / (2 * h);
          diff += (grad.data[p] - num) ** 2;
          sumA += grad.data[p] ** 2;
          sumN += num ** 2;
        }
      }
    }
    const err = Math.sqrt(diff) / (Math.sqrt(sumA) + Math.sqrt(sumN));
    assert.ok(err < 1e-6, `${g} with dropout: relative error ${err}`);
  }
});
