// Spec §8 "Math" written as loops over named indices, straight from its equations, with nothing
// shared with the engine: the reference the layer kinds' forward and backward passes are held to.
// Volumes are (m, n_H, n_W, n_C) row-major Float64Arrays; W is (f, f, n_C[l−1], n_C[l]).

import assert from 'node:assert/strict';

export interface Volume4 {
  m: number;
  H: number;
  W: number;
  C: number;
  data: Float64Array;
}

export const at = (V: Volume4, i: number, h: number, w: number, c: number): number => V.data[((i * V.H + h) * V.W + w) * V.C + c];
const index = (V: { H: number; W: number; C: number }, i: number, h: number, w: number, c: number): number => ((i * V.H + h) * V.W + w) * V.C + c;

/** Apad[i, y, x, k]: A with p zeros on each side of height and width. */
function padded(A: Volume4, p: number, i: number, y: number, x: number, k: number): number {
  const h = y - p, w = x - p;
  return h < 0 || h >= A.H || w < 0 || w >= A.W ? 0 : at(A, i, h, w, k);
}

const out = (n: number, f: number, p: number, s: number): number => Math.floor((n + 2 * p - f) / s) + 1;

/** Z[i,h,w,c] = Σ_{u,v,k} W[u,v,k,c]·Apad[i, h·s+u, w·s+v, k] + b[c] */
export function convForward(A: Volume4, Wt: Float64Array, b: Float64Array, f: number, s: number, p: number, C: number): Volume4 {
  const Z = { m: A.m, H: out(A.H, f, p, s), W: out(A.W, f, p, s), C, data: new Float64Array(0) };
  Z.data = new Float64Array(Z.m * Z.H * Z.W * C);
  for (let i = 0; i < A.m; i++) for (let h = 0; h < Z.H; h++) for (let w = 0; w < Z.W; w++) for (let c = 0; c < C; c++) {
    let z = b[c];
    for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) for (let k = 0; k < A.C; k++) {
      z += Wt[((u * f + v) * A.C + k) * C + c] * padded(A, p, i, h * s + u, w * s + v, k);
    }
    Z.data[index(Z, i, h, w, c)] = z;
  }
  return Z;
}

/** dW = (1/m)·Σ Apad·dZ, db = (1/m)·Σ dZ, dA from dApad += W·dZ, unpadded. */
export function convBackward(A: Volume4, Wt: Float64Array, dZ: Volume4, f: number, s: number, p: number): { dW: Float64Array; db: Float64Array; dA: Volume4 } {
  const C = dZ.C;
  const dW = new Float64Array(f * f * A.C * C), db = new Float64Array(C);
  const dA = { ...A, data: new Float64Array(A.data.length) };
  for (let i = 0; i < A.m; i++) for (let h = 0; h < dZ.H; h++) for (let w = 0; w < dZ.W; w++) for (let c = 0; c < C; c++) {
    const g = at(dZ, i, h, w, c);
    db[c] += g / A.m;
    for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) for (let k = 0; k < A.C; k++) {
      const q = ((u * f + v) * A.C + k) * C + c;
      dW[q] += padded(A, p, i, h * s + u, w * s + v, k) * g / A.m;
      const y = h * s + u - p, x = w * s + v - p;
      if (y >= 0 && y < A.H && x >= 0 && x < A.W) dA.data[index(A, i, y, x, k)] += Wt[q] * g;
    }
  }
  return { dW, db, dA };
}

/** max or mean over each f×f window at (h·s, w·s), per channel */
export function poolForward(A: Volume4, f: number, s: number, max: boolean): Volume4 {
  const P = { m: A.m, H: out(A.H, f, 0, s), W: out(A.W, f, 0, s), C: A.C, data: new Float64Array(0) };
  P.data = new Float64Array(P.m * P.H * P.W * P.C);
  for (let i = 0; i < A.m; i++) for (let h = 0; h < P.H; h++) for (let w = 0; w < P.W; w++) for (let c = 0; c < A.C; c++) {
    const window: number[] = [];
    for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) window.push(at(A, i, h * s + u, w * s + v, c));
    P.data[index(P, i, h, w, c)] = max ? Math.max(...window) : window.reduce((a, x) => a + x, 0) / (f * f);
  }
  return P;
}

/** Max: each window's gradient to its first maximum in row-major order; avg: ÷ f² to all; overlaps add. */
export function poolBackward(A: Volume4, dP: Volume4, f: number, s: number, max: boolean): Volume4 {
  const dA = { ...A, data: new Float64Array(A.data.length) };
  for (let i = 0; i < A.m; i++) for (let h = 0; h < dP.H; h++) for (let w = 0; w < dP.W; w++) for (let c = 0; c < A.C; c++) {
    const g = at(dP, i, h, w, c);
    const window: Array<[number, number]> = [];
    for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) window.push([h * s + u, w * s + v]);
    if (max) {
      const values = window.map(([y, x]) => at(A, i, y, x, c));
      const [y, x] = window[values.indexOf(Math.max(...values))]; // indexOf: the first maximum
      dA.data[index(A, i, y, x, c)] += g;
    } else {
      for (const [y, x] of window) dA.data[index(A, i, y, x, c)] += g / (f * f);
    }
  }
  return dA;
}

/** Flatten: row (h·n_W + w)·n_C + c of column i holds A[i, h, w, c]. */
export function flattenForward(A: Volume4): Float64Array {
  const n = A.H * A.W * A.C;
  const out = new Float64Array(n * A.m);
  for (let i = 0; i < A.m; i++) for (let h = 0; h < A.H; h++) for (let w = 0; w < A.W; w++) for (let c = 0; c < A.C; c++) {
    out[((h * A.W + w) * A.C + c) * A.m + i] = at(A, i, h, w, c);
  }
  return out;
}

/** A = g(Z) and dZ = dA ⊙ g′(Z) for linear, relu and tanh, from their formulas (spec §5). */
export function activated(g: 'linear' | 'relu' | 'tanh', Z: Float64Array, dA: Float64Array): { A: Float64Array; dZ: Float64Array } {
  const act = (z: number) => (g === 'relu' ? Math.max(z, 0) : g === 'tanh' ? Math.tanh(z) : z);
  const slope = (z: number, a: number) => (g === 'relu' ? (z > 0 ? 1 : 0) : g === 'tanh' ? 1 - a * a : 1);
  return { A: Z.map(act), dZ: Z.map((z, p) => dA[p] * slope(z, act(z))) };
}

/** Entry by entry within `tolerance`, relative to the expected value's size (absolute below 1). */
export function assertNear(actual: Float64Array, expected: Float64Array, what: string, tolerance = 1e-12): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let p = 0; p < expected.length; p++) {
    if (!(Math.abs(actual[p] - expected[p]) <= tolerance * Math.max(1, Math.abs(expected[p])))) {
      assert.fail(`${what}: entry ${p} is ${actual[p]}, the loops of §8 give ${expected[p]}`);
    }
  }
}
