// An independent, deliberately plain implementation of spec §5 and §9 on number[][] (no kernels,
// no buffers, no stable tricks, no code shared with the engine), to check the engine's numbers against.

import type { Activation, DecaySpec, LossName, OptimizerSpec } from '../../../core/foundation/model';

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

/** Course 2's settings (spec §9); absent: gd, λ = 0, a constant α. */
export interface ReferenceSettings {
  optimizer?: OptimizerSpec;
  l2?: number;
  decay?: DecaySpec;
}

/** θ after one update of spec §9, written out entry by entry; v and s (θ's shape) are updated in place. */
function step(opt: OptimizerSpec, theta: M, d: M, v: M, s: M, alpha: number, t: number): M {
  return theta.map((row, i) => row.map((x, j) => {
    const g = d[i][j];
    switch (opt.kind) {
      case 'gd':
        return x - alpha * g;
      case 'momentum':
        v[i][j] = opt.beta * v[i][j] + (1 - opt.beta) * g;
        return x - alpha * v[i][j];
      case 'rmsprop':
        s[i][j] = opt.beta * s[i][j] + (1 - opt.beta) * g * g;
        return x - alpha * g / (Math.sqrt(s[i][j]) + opt.epsilon);
      case 'adam': {
        v[i][j] = opt.beta1 * v[i][j] + (1 - opt.beta1) * g;
        s[i][j] = opt.beta2 * s[i][j] + (1 - opt.beta2) * g * g;
        const vHat = v[i][j] / (1 - Math.pow(opt.beta1, t));
        const sHat = s[i][j] / (1 - Math.pow(opt.beta2, t));
        return x - alpha * vHat / (Math.sqrt(sHat) + opt.epsilon);
      }
    }
  }));
}

function rate(alpha: number, decay: DecaySpec | undefined, i: number): number {
  if (!decay) return alpha;
  const k = Math.floor(i / decay.every);
  return decay.kind === 'inverse' ? alpha / (1 + decay.rate * k) : alpha * Math.pow(decay.rate, k);
}

const zeros = (a: M): M => a.map((r) => r.map(() => 0));

/** Full-batch training exactly as §5 and §9 write it; W[l − 1], b[l − 1] hold layer l. */
export function referenceTrain(acts: Activation[], loss: LossName, W0: M[], b0: M[], X: M, Y: M, alpha: number, iterations: number, logEvery: number,
  settings: ReferenceSettings = {}): ReferenceRun {
  let W = W0.map((w) => w.map((r) => r.slice()));
  let b = b0.map((v) => v.map((r) => r.slice()));
  const L = W.length, m = X[0].length;
  const opt = settings.optimizer ?? { kind: 'gd' };
  const lambda = settings.l2 ?? 0;
  const [vW, sW, vb, sb] = [W.map(zeros), W.map(zeros), b.map(zeros), b.map(zeros)];
  const costs: Array<[number, number]> = [];
  for (let i = 0; i < iterations; i++) {
    const Z: M[] = [], A: M[] = [X];
    for (let l = 0; l < L; l++) {
      Z.push(dot(W[l], A[l]).map((row, r) => row.map((z) => z + b[l][r][0])));
      A.push(g(acts[l], Z[l]));
    }
    let frobenius = 0;
    W.forEach((w) => w.forEach((r) => r.forEach((x) => { frobenius += x * x; })));
    if (i % logEvery === 0 || i === iterations - 1) costs.push([i, cost(loss, A[L], Y) + (lambda / (2 * m)) * frobenius]);
    const out = acts[L - 1];
    const canonical = (loss === 'cross_entropy' && out.name === 'sigmoid') || (loss === 'softmax_cross_entropy' && out.name === 'softmax') || (loss === 'mse' && out.name === 'linear');
    const diff = zipMap(A[L], Y, (a, y) => a - y);
    let dZ = canonical ? diff : gBackward(out, Z[L - 1], A[L], diff);
    const dW: M[] = [], db: M[] = [];
    for (let l = L - 1; l >= 0; l--) {
      dW[l] = zipMap(dot(dZ, T(A[l])), W[l], (x, w) => x / m + (lambda / m) * w);
      db[l] = dZ.map((r) => [r.reduce((s, x) => s + x, 0) / m]);
      if (l > 0) dZ = gBackward(acts[l - 1], Z[l - 1], A[l], dot(T(W[l]), dZ));
    }
    const a = rate(alpha, settings.decay, i);
    W = W.map((w, l) => step(opt, w, dW[l], vW[l], sW[l], a, i + 1));
    b = b.map((v, l) => step(opt, v, db[l], vb[l], sb[l], a, i + 1));
  }
  return { costs, W, b };
}
