// The same training step in TensorFlow.js with explicit ops (no autodiff, so it does exactly the
// engine's work), for the benchmark's peer columns. Its matMul with transpose flags is slower than
// transposing first on some backends, so both are timed and the better one counts. TensorFlow.js computes in float32 only: half the
// bytes and twice the SIMD lanes of the engine's float64, so its figures flatter it.
//
// usage: node tfjs_step.mjs cpu|wasm '<workloads as JSON>'  -> its last line: {"name": ms_per_step, ...}

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const wasm = require('@tensorflow/tfjs-backend-wasm');

const [backend, workloads] = [process.argv[2], JSON.parse(process.argv[3])];
// The backend's .wasm files ship inside its npm package.
wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
await tf.setBackend(backend);
await tf.ready();

// Function-style ops: tfjs-core alone has no chained x.add(y) methods.
const { add, sub, mul, div, matMul } = tf;
const activate = (name, Z) => (name === 'relu' ? tf.relu(Z) : name === 'tanh' ? tf.tanh(Z) : name === 'sigmoid' ? tf.sigmoid(Z)
  : tf.transpose(tf.softmax(tf.transpose(Z))));
const derivative = (name, dA, Z, A) => (name === 'relu' ? mul(dA, tf.step(Z))
  : name === 'tanh' ? mul(dA, sub(1, tf.square(A))) : mul(mul(dA, A), sub(1, A)));

function cost(loss, Z, Y, m) {
  if (loss === 'cross_entropy') return div(tf.sum(add(mul(Y, tf.softplus(tf.neg(Z))), mul(sub(1, Y), tf.softplus(Z)))), m);
  return div(tf.sum(mul(Y, sub(tf.logSumExp(Z, 0, true), Z))), m);
}

/** A·B with A or B transposed: by matMul's flags, or by materialised transposes. */
const products = {
  flags: (a, b, ta, tb) => matMul(a, b, ta, tb),
  transposes: (a, b, ta, tb) => matMul(ta ? tf.transpose(a) : a, tb ? tf.transpose(b) : b),
};

function run(w, product) {
  const { sizes, m, acts, loss, alpha } = w;
  const L = sizes.length - 1;
  const X = tf.randomUniform([sizes[0], m], 0, 1, 'float32', 1);
  const labels = tf.randomUniform([1, m], 0, sizes[L], 'int32', 2);
  const Y = tf.cast(loss === 'softmax_cross_entropy' ? tf.transpose(tf.oneHot(tf.reshape(labels, [m]), sizes[L]))
    : tf.randomUniform([sizes[L], m], 0, 2, 'int32', 3), 'float32');
  const W = sizes.slice(1).map((n, l) => tf.variable(tf.randomNormal([n, sizes[l]], 0, Math.sqrt(1 / sizes[l]), 'float32', 4 + l)));
  const b = sizes.slice(1).map((n) => tf.variable(tf.zeros([n, 1])));
  const step = () => {
    const J = tf.tidy(() => {
      const Z = [], A = [X];
      for (let l = 0; l < L; l++) {
        Z.push(add(matMul(W[l], A[l]), b[l]));
        A.push(activate(acts[l], Z[l]));
      }
      const J = cost(loss, Z[L - 1], Y, m);
      let dZ = sub(A[L], Y); // the canonical pairs: sigmoid + cross_entropy, softmax + softmax_cross_entropy
      for (let l = L - 1; l >= 0; l--) {
        const dW = div(product(dZ, A[l], false, true), m);
        const db = div(tf.sum(dZ, 1, true), m);
        if (l > 0) dZ = derivative(acts[l - 1], product(W[l], dZ, true, false), Z[l - 1], A[l]);
        W[l].assign(sub(W[l], mul(dW, alpha)));
        b[l].assign(sub(b[l], mul(db, alpha)));
      }
      return J;
    });
    J.dataSync();
    J.dispose();
  };
  for (let i = 0; i < 2; i++) step();
  const times = [];
  const steps = Math.max(1, Math.ceil(w.steps / 4)); // tfjs's CPU backend is slow: fewer steps, same median
  for (let r = 0; r < w.repeats; r++) {
    const start = performance.now();
    for (let s = 0; s < steps; s++) step();
    times.push((performance.now() - start) / steps);
  }
  tf.dispose([X, labels, Y, ...W, ...b]);
  return times.sort((x, y) => x - y)[Math.floor(times.length / 2)];
}

console.log(JSON.stringify(Object.fromEntries(workloads.map((w) => [w.name, Math.min(...Object.values(products).map((p) => run(w, p)))]))));
