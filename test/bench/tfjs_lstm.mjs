// The bench's LSTM (SEQUENCES[0] in workloads.mjs) in TensorFlow.js (float32: its CPU and WASM
// backends have no float64), for the sequence table of `npm run bench`. Explicit ops, as
// tfjs_step.mjs (tfjs-core's Node bundle registers no gradients, and tf.layers.lstm lives in
// tfjs-layers, which is not installed): numpy_lstm.py's equations op for op — the four gates' W
// stacked (4n_a, n_a + n_x), one matMul per step, backpropagation through time, Adam — from the
// engine's initial weights on the engine's data, so its first cost equals the engine's to float32's
// precision.
//
// usage: node tfjs_lstm.mjs cpu|wasm < input (as peer_timing.py reads it)
//   -> its last line: {"ms": median wall ms per step, "cpu": median CPU ms per step, "J": first cost}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { reportSteps } from './tfjs_timing.mjs';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const wasm = require('@tensorflow/tfjs-backend-wasm');

wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
await tf.setBackend(process.argv[2]);
await tf.ready();

const { add, sub, mul, matMul, sigmoid, tanh, square } = tf;
const input = JSON.parse(readFileSync(0, 'utf8'));
const { initial: P, m, w } = input;
const n_a = P.bf1.length;
const n_x = P.Wf1.length / n_a - n_a;
const T = input.X.length / (n_x * m);
const X = Array.from({ length: T }, (_, t) => tf.tensor2d(input.X.slice(t * n_x * m, (t + 1) * n_x * m), [n_x, m]));
const Y = tf.tensor2d(input.Y, [1, m]);
const gates = ['f', 'i', 'o', 'c']; // Γf, Γi, Γo (σ), c̃ (tanh): row blocks of the stacked W
const theta = [
  tf.concat(gates.map((g) => tf.tensor2d(P[`W${g}1`], [n_a, n_a + n_x]))),
  tf.concat(gates.map((g) => tf.tensor2d(P[`b${g}1`], [n_a, 1]))),
  tf.tensor2d(P.W2, [1, n_a]),
  tf.tensor2d(P.b2, [1, 1]),
].map((x) => tf.variable(x));
const [beta1, beta2, epsilon, lr] = [0.9, 0.999, 1e-8, w.alpha];
const v = theta.map((p) => tf.variable(tf.zerosLike(p)));
const s = theta.map((p) => tf.variable(tf.zerosLike(p)));
let iteration = 0;

function step() {
  iteration++;
  return tf.tidy(() => {
    const [W, b, W2, b2] = theta;
    let a = tf.zeros([n_a, m]);
    let c = tf.zeros([n_a, m]);
    const kept = [];
    for (let t = 0; t < T; t++) {
      const concat = tf.concat([a, X[t]]);
      const Z = add(matMul(W, concat), b);
      const [ft, it, ot] = tf.split(sigmoid(tf.slice(Z, [0, 0], [3 * n_a, m])), 3);
      const cct = tanh(tf.slice(Z, [3 * n_a, 0], [n_a, m]));
      const c_prev = c;
      c = add(mul(ft, c_prev), mul(it, cct));
      const tanhC = tanh(c);
      a = mul(ot, tanhC);
      kept.push({ concat, ft, it, ot, cct, c_prev, tanhC });
    }
    const yHat = add(matMul(W2, a), b2);
    const J = tf.div(tf.sum(square(sub(yHat, Y))), 2 * m);
    const dy = tf.div(sub(yHat, Y), m);
    const grads = [tf.zerosLike(W), tf.zerosLike(b), matMul(dy, a, false, true), tf.sum(dy, 1, true)];
    let da = matMul(W2, dy, true, false);
    let dc = tf.zeros([n_a, m]);
    for (let t = T - 1; t >= 0; t--) {
      const { concat, ft, it, ot, cct, c_prev, tanhC } = kept[t];
      dc = add(dc, mul(mul(da, ot), sub(1, square(tanhC))));
      const dZ = tf.concat([
        mul(mul(mul(dc, c_prev), ft), sub(1, ft)),
        mul(mul(mul(dc, cct), it), sub(1, it)),
        mul(mul(mul(da, tanhC), ot), sub(1, ot)),
        mul(mul(dc, it), sub(1, square(cct))),
      ]);
      grads[0] = add(grads[0], matMul(dZ, concat, false, true));
      grads[1] = add(grads[1], tf.sum(dZ, 1, true));
      da = tf.slice(matMul(W, dZ, true, false), [0, 0], [n_a, m]);
      dc = mul(dc, ft);
    }
    theta.forEach((p, k) => {
      v[k].assign(add(mul(beta1, v[k]), mul(1 - beta1, grads[k])));
      s[k].assign(add(mul(beta2, s[k]), mul(1 - beta2, square(grads[k]))));
      const vHat = tf.div(v[k], 1 - beta1 ** iteration);
      const sHat = tf.div(s[k], 1 - beta2 ** iteration);
      p.assign(sub(p, mul(lr, tf.div(vHat, add(tf.sqrt(sHat), epsilon)))));
    });
    return J.dataSync()[0]; // waits for the step, as the engine's does
  });
}

reportSteps(step, w);
