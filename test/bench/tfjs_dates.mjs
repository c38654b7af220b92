// The bench's dates model (SEQUENCES[1] in workloads.mjs: examples/dates.nn) in TensorFlow.js
// (float32: its CPU and WASM backends have no float64), for the sequence table of `npm run bench`.
// Explicit ops, as tfjs_lstm.mjs (tfjs-core's Node bundle registers no gradients, and tf.layers'
// attention lives in tfjs-layers, which is not installed): numpy_dates.py op for op — embedding,
// the positional encoding of spec §15, per encoder block multi-head self-attention
// (S = Q·Kᵀ/√d_k, α = softmax, O = α·V) in a residual, layer norm, the per-step feed-forward (relu) in
// a residual, layer norm; the per-step softmax output, J = −(1/m)·Σ over examples and steps of
// log p(label); the backward pass by hand and Adam — from the engine's initial weights on the
// engine's data, so its first cost equals the engine's to float32's precision. The (m, T, d)
// activations are kept as (m·T, d) matrices and the heads as (m·h, T, d_k) batches of matMul.
// The wasm backend has no UnsortedSegmentSum, so the embedding's gradient is onehot(ids)ᵀ·dA.
//
// usage: node tfjs_dates.mjs cpu|wasm < input (as peer_timing.py reads it; w.heads, w.alpha)
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

const { add, sub, mul, div, matMul, reshape, transpose, sum, mean, square } = tf;
const EPSILON = 1e-5; // layer norm's, as the engine's and PyTorch's

const input = JSON.parse(readFileSync(0, 'utf8'));
const { initial, m, w } = input;
const keys = Object.keys(initial);
// as peer_timing.py's blocks_of and output_layer: each block's attention l, and the output layer L
const blocks = keys.filter((key) => key.startsWith('WQ')).map((key) => Number(key.slice(2))).sort((a, b) => a - b);
const L = Math.max(...keys.filter((key) => /^W\d+$/.test(key)).map((key) => Number(key.slice(1))));
const d = initial[`bQ${blocks[0]}`].length;
const V = initial.E1.length / d;
const T = input.X.length / m;
const n_y = initial[`b${L}`].length;
const h = w.heads;
const dk = d / h;

/** A parameter's shape in the engine's layout: E (d, V); W (n, n_prev) with n its b's length; b, γ, β vectors. */
function shapeOf(key) {
  if (key === 'E1') return [d, V];
  if (!key.startsWith('W')) return [initial[key].length];
  const rows = initial[`b${key.slice(1)}`].length;
  return [rows, initial[key].length / rows];
}
const P = Object.fromEntries(keys.map((key) => [key, tf.variable(tf.tensor(initial[key], shapeOf(key)))]));
const v = Object.fromEntries(keys.map((key) => [key, tf.variable(tf.zerosLike(P[key]))]));
const s = Object.fromEntries(keys.map((key) => [key, tf.variable(tf.zerosLike(P[key]))]));

// X holds token ids (T, m) time-major; the rows here are example-major, (m·T): row i·T + t.
const ids = tf.tensor1d(Array.from({ length: m * T }, (_, r) => input.X[(r % T) * m + Math.floor(r / T)]), 'int32');
const oneHot = tf.cast(tf.oneHot(ids, V), 'float32'); // (m·T, V), for the embedding's gradient
// Y one-hot per step (T·n_y, m) → (m·T, n_y)
const Y = tf.tensor2d(Array.from({ length: m * T * n_y }, (_, q) => {
  const r = Math.floor(q / n_y), k = q % n_y;
  return input.Y[((r % T) * n_y + k) * m + Math.floor(r / T)];
}), [m * T, n_y]);
// PE (T, d): PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i+1] = cos(…), repeated for each example
const pe = tf.tile(tf.tensor2d(Array.from({ length: T * d }, (_, q) => {
  const t = Math.floor(q / d), k = q % d;
  const angle = t / 10000 ** ((k - (k % 2)) / d);
  return k % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
}), [T, d]), [m, 1]);

const split = (X) => reshape(transpose(reshape(X, [m, T, h, dk]), [0, 2, 1, 3]), [m * h, T, dk]); // (m·T, d) → (m·h, T, d_k)
const merge = (X) => reshape(transpose(reshape(X, [m, h, T, dk]), [0, 2, 1, 3]), [m * T, d]);
const linear = (A, l, p = '') => add(matMul(A, P[`W${p}${l}`], false, true), P[`b${p}${l}`]);

function layerNorm(x, k) {
  const mu = mean(x, -1, true);
  const sigma = tf.sqrt(add(mean(square(sub(x, mu)), -1, true), EPSILON));
  const xhat = div(sub(x, mu), sigma);
  return [add(mul(P[`gamma${k}`], xhat), P[`beta${k}`]), { xhat, sigma }];
}

/** dx of layer norm k, its dγ and dβ into G. */
function layerNormBackward(dy, k, { xhat, sigma }, G) {
  const dxhat = mul(dy, P[`gamma${k}`]);
  G[`gamma${k}`] = sum(mul(dy, xhat), 0);
  G[`beta${k}`] = sum(dy, 0);
  return div(sub(sub(dxhat, mean(dxhat, -1, true)), mul(xhat, mean(mul(dxhat, xhat), -1, true))), sigma);
}

/** dW, db of Z = A·Wᵀ + b into G; returns dA. */
function linearBackward(dZ, A, l, G, p = '') {
  G[`W${p}${l}`] = matMul(dZ, A, true, false);
  G[`b${p}${l}`] = sum(dZ, 0);
  return matMul(dZ, P[`W${p}${l}`]);
}

function blockForward(A, l) {
  const [Q, K, Vv] = ['Q', 'K', 'V'].map((p) => split(linear(A, l, p)));
  const alpha = tf.softmax(mul(matMul(Q, K, false, true), 1 / Math.sqrt(dk)));
  const O = merge(matMul(alpha, Vv));
  const [N1, ln1] = layerNorm(add(A, linear(O, l, 'O')), l + 1);
  const Z = linear(N1, l + 2);
  const H = tf.relu(Z);
  const [N2, ln2] = layerNorm(add(N1, linear(H, l + 3)), l + 4);
  return [N2, { A, Q, K, Vv, alpha, O, ln1, N1, Z, H, ln2 }];
}

function blockBackward(dN2, l, { A, Q, K, Vv, alpha, O, ln1, N1, Z, H, ln2 }, G) {
  const dR2 = layerNormBackward(dN2, l + 4, ln2, G);
  const dH = linearBackward(dR2, H, l + 3, G);
  const dN1 = linearBackward(mul(dH, tf.step(Z)), N1, l + 2, G);
  const dR1 = layerNormBackward(add(dR2, dN1), l + 1, ln1, G);
  const dO = split(linearBackward(dR1, O, l, G, 'O'));
  const dalpha = matMul(dO, Vv, false, true);
  const dVv = matMul(alpha, dO, true, false);
  const dS = mul(mul(alpha, sub(dalpha, sum(mul(alpha, dalpha), -1, true))), 1 / Math.sqrt(dk));
  let dA = dR1;
  for (const [p, dX] of [['Q', matMul(dS, K)], ['K', matMul(dS, Q, true, false)], ['V', dVv]]) dA = add(dA, linearBackward(merge(dX), A, l, G, p));
  return dA;
}

const [beta1, beta2, epsilon, lr] = [0.9, 0.999, 1e-8, w.alpha];
let iteration = 0;

function step() {
  iteration++;
  return tf.tidy(() => {
    let A = add(tf.gather(transpose(P.E1), ids), pe); // (m·T, d)
    const caches = [];
    for (const l of blocks) {
      let cache;
      [A, cache] = blockForward(A, l);
      caches.push(cache);
    }
    const logp = tf.logSoftmax(linear(A, L));
    const J = div(tf.neg(sum(mul(Y, logp))), m);
    const G = {};
    let dA = linearBackward(div(sub(tf.exp(logp), Y), m), A, L, G);
    for (let k = blocks.length - 1; k >= 0; k--) dA = blockBackward(dA, blocks[k], caches[k], G);
    G.E1 = transpose(matMul(oneHot, dA, true, false));
    for (const key of keys) {
      v[key].assign(add(mul(beta1, v[key]), mul(1 - beta1, G[key])));
      s[key].assign(add(mul(beta2, s[key]), mul(1 - beta2, square(G[key]))));
      const vHat = div(v[key], 1 - beta1 ** iteration);
      const sHat = div(s[key], 1 - beta2 ** iteration);
      P[key].assign(sub(P[key], mul(lr, div(vHat, add(tf.sqrt(sHat), epsilon)))));
    }
    return J.dataSync()[0]; // waits for the step, as the engine's does
  });
}

reportSteps(step, w);
