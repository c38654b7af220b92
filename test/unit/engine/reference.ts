// An independent, deliberately plain implementation of spec §5 on number[][] (no kernels, no
// buffers, no stable tricks), to check the engine's numbers against.

import type { Activation, LossName } from '../../../core/model';

type M = number[][];

const zipMap = (a: M, b: M, f: (x: number, y: number) => number): M => a.map((row, i) => row.map((x, j) => f(x, b[i][j])));
const dot = (a: M, b: M): M => a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
const T = (a: M): M => a[0].map((_, j) => a.map((row) => row[j]));

function g(act: Activation, Z: M): M {
  const s = act.slope ?? 0.01;
  switch (act.name) {
    case 'sigmoid': return Z.map((r) => r.map((z) => 1 / (1 + Math.exp(-z))));
    case 'tanh': return Z.map((r) => r.map(Math.tanh));
    case 'relu': return Z.map((r) => r.map((z) => Math.max(0, z)));
    case 'leaky_relu': return Z.map((r) => r.map((z) => (z > 0 ? z : s * z)));
    case 'linear': return Z.map((r) => r.slice());
    case 'softmax': {
      const E = T(Z).map((col) => col.map(Math.exp));
      return T(E.map((col) => col.map((e) => e / col.reduce((a, b) => a + b, 0))));
    }
  }
}

/** dA ⊙ g′(Z) (softmax: the Jacobian-vector product per column). */
function gBackward(act: Activation, Z: M, A: M, dA: M): M {
  const s = act.slope ?? 0.01;
  switch (act.name) {
    case 'sigmoid': return zipMap(dA, A, (d, a) => d * a * (1 - a));
    case 'tanh': return zipMap(dA, A, (d, a) => d * (1 - a * a));
    case 'relu': return zipMap(dA, Z, (d, z) => (z > 0 ? d : 0));
    case 'leaky_relu': return zipMap(dA, Z, (d, z) => (z > 0 ? d : s * d));
    case 'linear': return dA.map((r) => r.slice());
    case 'softmax': {
      const At = T(A), dAt = T(dA);
      return T(At.map((a, j) => {
        const inner = a.reduce((sum, x, i) => sum + x * dAt[j][i], 0);
        return a.map((x, i) => x * (dAt[j][i] - inner));
      }));
    }
  }
}

function cost(loss: LossName, A: M, Y: M): number {
  const m = Y[0].length;
  let sum = 0;
  A.forEach((row, i) => row.forEach((a, j) => {
    const y = Y[i][j];
    if (loss === 'cross_entropy') sum -= y * Math.log(a) + (1 - y) * Math.log(1 - a);
    else if (loss === 'softmax_cross_entropy') sum -= y * Math.log(a);
    else sum += (a - y) ** 2 / 2;
  }));
  return sum / m;
}

export interface ReferenceRun {
  costs: Array<[number, number]>;
  W: M[];
  b: M[];
}

/** Full-batch gradient descent exactly as §5 writes it; W[l − 1], b[l − 1] hold layer l. */
export function referenceTrain(acts: Activation[], loss: LossName, W0: M[], b0: M[], X: M, Y: M, alpha: number, iterations: number, logEvery: number): ReferenceRun {
  let W = W0.map((w) => w.map((r) => r.slice()));
  let b = b0.map((v) => v.map((r) => r.slice()));
  const L = W.length, m = X[0].length;
  const costs: Array<[number, number]> = [];
  for (let i = 0; i < iterations; i++) {
    const Z: M[] = [], A: M[] = [X];
    for (let l = 0; l < L; l++) {
      Z.push(dot(W[l], A[l]).map((row, r) => row.map((z) => z + b[l][r][0])));
      A.push(g(acts[l], Z[l]));
    }
    if (i % logEvery === 0 || i === iterations - 1) costs.push([i, cost(loss, A[L], Y)]);
    const out = acts[L - 1];
    const canonical = (loss === 'cross_entropy' && out.name === 'sigmoid') || (loss === 'softmax_cross_entropy' && out.name === 'softmax') || (loss === 'mse' && out.name === 'linear');
    const diff = zipMap(A[L], Y, (a, y) => a - y);
    let dZ = canonical ? diff : gBackward(out, Z[L - 1], A[L], diff);
    const dW: M[] = [], db: M[] = [];
    for (let l = L - 1; l >= 0; l--) {
      dW[l] = dot(dZ, T(A[l])).map((r) => r.map((x) => x / m));
      db[l] = dZ.map((r) => [r.reduce((s, x) => s + x, 0) / m]);
      if (l > 0) dZ = gBackward(acts[l - 1], Z[l - 1], A[l], dot(T(W[l]), dZ));
    }
    W = W.map((w, l) => zipMap(w, dW[l], (x, d) => x - alpha * d));
    b = b.map((v, l) => zipMap(v, db[l], (x, d) => x - alpha * d));
  }
  return { costs, W, b };
}
