// A conv network's training step in TensorFlow.js (float32), for the conv table of `npm run bench`.
// Explicit ops as in tfjs_step.mjs (tfjs-core's Node bundle registers no gradients, and explicit ops
// do exactly the engine's work), in TensorFlow.js's native layout: NHWC, channels last, filters
// (f, f, n_C[l−1], n_C[l]) — the engine's own. Every op runs on the backend's own kernels: the
// wasm backend has Conv2D, Conv2DBackpropInput (conv2dTranspose) and MaxPoolGrad/AvgPoolGrad, but
// no Conv2DBackpropFilter, so dW is computed as the conv2d it is (batch and channels swapped),
// which the wasm backend does run natively.
//
// usage: node tfjs_lenet.mjs cpu|wasm '<workload as JSON>'  -> its last line: {"ms": median_ms_per_step}

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const wasm = require('@tensorflow/tfjs-backend-wasm');

const [backend, w] = [process.argv[2], JSON.parse(process.argv[3])];
wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
await tf.setBackend(backend);
await tf.ready();

const { add, sub, mul, div, matMul } = tf;
const activate = (name, Z) => (name === 'relu' ? tf.relu(Z) : name === 'tanh' ? tf.tanh(Z) : tf.sigmoid(Z));
const derivative = (name, dA, Z, A) => (name === 'relu' ? mul(dA, tf.step(Z))
  : name === 'tanh' ? mul(dA, sub(1, tf.square(A))) : mul(mul(dA, A), sub(1, A)));

/** dW[u,v,k,c] = Σ_{i,h,w} Apad[i, h·s+u, w·s+v, k]·dZ[i,h,w,c]: a conv2d of A (batch ↔ channels) with dZ as filters. */
function filterGradient(Aprev, dZ, layer) {
  const input = tf.transpose(Aprev, [3, 1, 2, 0]); // (n_C[l−1], n_H, n_W, m)
  const filter = tf.transpose(dZ, [1, 2, 0, 3]); // (n_H[l], n_W[l], m, n_C[l])
  const out = tf.conv2d(input, filter, 1, layer.pad, 'NHWC', layer.stride); // stride becomes dilation
  return tf.slice(tf.transpose(out, [1, 2, 0, 3]), [0, 0, 0, 0], [layer.f, layer.f, -1, -1]);
}

function build() {
  let [n_H, n_W, n_C] = w.image;
  return w.layers.map((layer, l) => {
    if (layer.kind === 'conv2d') {
      const fanIn = layer.f * layer.f * n_C;
      const W = tf.variable(tf.randomNormal([layer.f, layer.f, n_C, layer.filters], 0, Math.sqrt(2 / fanIn), 'float32', 10 + l));
      n_H = Math.floor((n_H + 2 * layer.pad - layer.f) / layer.stride) + 1;
      n_W = Math.floor((n_W + 2 * layer.pad - layer.f) / layer.stride) + 1;
      n_C = layer.filters;
      return { W, b: tf.variable(tf.zeros([layer.filters])) };
    }
    if (layer.kind === 'flatten') [n_C, n_H, n_W] = [n_H * n_W * n_C, 1, 1];
    else if (layer.kind !== 'dense') {
      n_H = Math.floor((n_H - layer.f) / layer.stride) + 1;
      n_W = Math.floor((n_W - layer.f) / layer.stride) + 1;
    }
    if (layer.kind !== 'dense') return undefined;
    const W = tf.variable(tf.randomNormal([layer.units, n_C], 0, Math.sqrt(2 / n_C), 'float32', 10 + l));
    n_C = layer.units;
    return { W, b: tf.variable(tf.zeros([layer.units])) };
  });
}

const { m, alpha } = w;
const X = tf.randomUniform([m, ...w.image], 0, 1, 'float32', 1);
const classes = w.layers[w.layers.length - 1].units;
const Y = tf.cast(tf.oneHot(tf.randomUniform([m], 0, classes, 'int32', 2), classes), 'float32'); // (m, n[L]): rows are examples
const params = build();
const L = w.layers.length;

function step() {
  const J = tf.tidy(() => {
    const A = [X], Z = [];
    w.layers.forEach((layer, l) => {
      const prev = A[l];
      let z = prev, a;
      if (layer.kind === 'conv2d') a = activate(layer.activation, (z = add(tf.conv2d(prev, params[l].W, layer.stride, layer.pad), params[l].b)));
      else if (layer.kind === 'max_pool') a = tf.maxPool(prev, layer.f, layer.stride, 'valid');
      else if (layer.kind === 'avg_pool') a = tf.avgPool(prev, layer.f, layer.stride, 'valid');
      else if (layer.kind === 'flatten') a = tf.reshape(prev, [m, -1]);
      else {
        z = add(matMul(prev, params[l].W, false, true), params[l].b);
        a = l === L - 1 ? tf.softmax(z) : activate(layer.activation, z);
      }
      Z.push(z);
      A.push(a);
    });
    const J = div(tf.sum(mul(Y, sub(tf.logSumExp(Z[L - 1], 1, true), Z[L - 1]))), m);
    let dZ = sub(A[L], Y); // softmax + softmax_cross_entropy
    for (let l = L - 1; l >= 0; l--) {
      const layer = w.layers[l];
      let dA; // dA[l−1]
      if (layer.kind === 'dense') {
        const dW = div(matMul(dZ, A[l], true, false), m), db = div(tf.sum(dZ, 0), m);
        if (l > 0) dA = matMul(dZ, params[l].W);
        params[l].W.assign(sub(params[l].W, mul(dW, alpha)));
        params[l].b.assign(sub(params[l].b, mul(db, alpha)));
      } else if (layer.kind === 'conv2d') {
        const dW = div(filterGradient(A[l], dZ, layer), m), db = div(tf.sum(dZ, [0, 1, 2]), m);
        if (l > 0) dA = tf.conv2dTranspose(dZ, params[l].W, A[l].shape, layer.stride, layer.pad);
        params[l].W.assign(sub(params[l].W, mul(dW, alpha)));
        params[l].b.assign(sub(params[l].b, mul(db, alpha)));
      } else if (layer.kind === 'flatten') dA = tf.reshape(dZ, A[l].shape);
      else {
        const attrs = { filterSize: layer.f, strides: layer.stride, pad: 'valid' };
        dA = layer.kind === 'max_pool' ? tf.engine().runKernel('MaxPoolGrad', { dy: dZ, input: A[l], output: A[l + 1] }, attrs)
          : tf.engine().runKernel('AvgPoolGrad', { dy: dZ, input: A[l] }, attrs);
      }
      if (l === 0) break;
      const below = w.layers[l - 1];
      dZ = below.kind === 'dense' || below.kind === 'conv2d' ? derivative(below.activation, dA, Z[l - 1], A[l]) : dA;
    }
    return J;
  });
  const cost = J.dataSync()[0];
  J.dispose();
  return cost;
}

if (process.argv[4] === '--costs') {
  // self-check: the cost must fall over a few steps (a wrong gradient would not make it)
  console.log(JSON.stringify({ costs: Array.from({ length: 20 }, step) }));
  process.exit(0);
}
for (let i = 0; i < 2; i++) step();
const times = [];
for (let r = 0; r < w.repeats; r++) {
  const start = performance.now();
  for (let s = 0; s < w.steps; s++) step();
  times.push((performance.now() - start) / w.steps);
}
console.log(JSON.stringify({ ms: times.sort((x, y) => x - y)[Math.floor(times.length / 2)] }));
