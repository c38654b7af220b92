// The normalization kernels of spec §13 (core/engine/norms.ts) against the definitions written out
// naively, for groups along rows and along columns, and their gradients against the two-sided
// difference of a scalar of their outputs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels as k } from '../../../core/engine/kernels';
import { matrix, type Matrix } from '../../../core/engine/matrix';
import { Rng } from '../../../core/foundation/prng';
import { randomMatrix } from './helpers';

const rng = new Rng(13, 'norm kernels');
const EPS = 1e-5;

/** Group g of M as a list of [index, value]: row g (perRow) or column g. */
function group(M: Matrix, g: number, perRow: boolean): number[] {
  return perRow ? Array.from({ length: M.cols }, (_, j) => g * M.cols + j) : Array.from({ length: M.rows }, (_, i) => i * M.cols + g);
}

const groupCount = (M: Matrix, perRow: boolean) => (perRow ? M.rows : M.cols);

for (const perRow of [true, false]) {
  const along = perRow ? 'rows' : 'columns';

  test(`moments, standardize and scaleShift over ${along} equal the definitions`, () => {
    for (const [rows, cols] of [[1, 2], [3, 7], [6, 1], [5, 5], [17, 4]]) {
      if ((perRow ? cols : rows) < 2) continue;
      const M = randomMatrix(rng, rows, cols, -3, 5);
      const G = groupCount(M, perRow);
      const mean = matrix(G, 1), variance = matrix(G, 1), out = matrix(rows, cols), shifted = matrix(rows, cols);
      const gamma = randomMatrix(rng, G, 1), beta = randomMatrix(rng, G, 1);
      k.moments(mean, variance, M, perRow);
      k.standardize(out, M, mean, variance, EPS, perRow);
      k.scaleShift(shifted, out, gamma, beta, perRow);
      for (let g = 0; g < G; g++) {
        const at = group(M, g, perRow);
        const xs = at.map((p) => M.data[p]);
        const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
        const v = xs.reduce((a, x) => a + (x - mu) ** 2, 0) / xs.length;
        assert.ok(Math.abs(mean.data[g] - mu) < 1e-14, `μ of group ${g}`);
        assert.ok(Math.abs(variance.data[g] - v) < 1e-13, `σ² of group ${g}`);
        at.forEach((p) => {
          const xhat = (M.data[p] - mu) / Math.sqrt(v + EPS);
          assert.ok(Math.abs(out.data[p] - xhat) < 1e-12, `x̂ at ${p}`);
          assert.ok(Math.abs(shifted.data[p] - (gamma.data[g] * xhat + beta.data[g])) < 1e-12, `γx̂ + β at ${p}`);
        });
      }
    }
  });

  test(`the backward kernels over ${along} are the gradient of γ·standardize(M) + β`, () => {
    const [rows, cols] = [4, 6];
    const M = randomMatrix(rng, rows, cols, -2, 2);
    const G = groupCount(M, perRow);
    const gamma = randomMatrix(rng, G, 1, 0.5, 1.5), beta = randomMatrix(rng, G, 1);
    const weights = randomMatrix(rng, rows, cols); // J = Σ weights ⊙ out
    const J = (X: Matrix, y: Matrix, b: Matrix): number => {
      const mean = matrix(G, 1), variance = matrix(G, 1), out = matrix(rows, cols);
      k.moments(mean, variance, X, perRow);
      k.standardize(out, X, mean, variance, EPS, perRow);
      k.scaleShift(out, out, y, b, perRow);
      return out.data.reduce((s, x, p) => s + x * weights.data[p], 0);
    };
    const mean = matrix(G, 1), variance = matrix(G, 1), xhat = matrix(rows, cols);
    k.moments(mean, variance, M, perRow);
    k.standardize(xhat, M, mean, variance, EPS, perRow);
    const d = matrix(rows, cols);
    d.data.set(weights.data);
    const dgamma = matrix(G, 1), dbeta = matrix(G, 1);
    const alpha = 0.5;
    k.scaleShiftBackward(d, dgamma, dbeta, d, xhat, gamma, alpha, perRow); // in place, as batch norm runs it
    k.standardizeBackward(d, d, xhat, variance, EPS, perRow);
    const h = 1e-6;
    const numeric = (which: Matrix, p: number): number => {
      const keep = which.data[p];
      which.data[p] = keep + h;
      const up = J(M, gamma, beta);
      which.data[p] = keep - h;
      const down = J(M, gamma, beta);
      which.data[p] = keep;
      return (up - down) / (2 * h);
    };
    for (let p = 0; p < rows * cols; p++) assert.ok(Math.abs(d.data[p] - numeric(M, p)) < 1e-7, `dM at ${p}: ${d.data[p]} vs ${numeric(M, p)}`);
    for (let g = 0; g < G; g++) {
      assert.ok(Math.abs(dgamma.data[g] - alpha * numeric(gamma, g)) < 1e-7, `dγ of group ${g}`);
      assert.ok(Math.abs(dbeta.data[g] - alpha * numeric(beta, g)) < 1e-7, `dβ of group ${g}`);
    }
  });
}
