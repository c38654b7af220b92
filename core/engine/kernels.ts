// The engine's arithmetic: the three matrix products backprop needs and the element-wise passes.
// Everything hot goes through a `Kernels` object (the interface: core/foundation/kernels.ts), so a faster implementation (WebAssembly SIMD)
// can replace `jsKernels` without the network code changing. All products leave their operands
// where they are: no transpose is ever materialised.

import type { Kernels } from '../foundation/kernels';
import type { Matrix } from '../foundation/matrix';
import { activate, activateBackward } from '../layers/activations';
import { attentionKernels } from './attention';
import { normKernels } from './norms';
import { windowKernels } from './windows';

// Block sizes: a KB×NB block of the right operand (≤ 128 KiB) stays in L2 while every 4-row
// tile of the left operand sweeps it, so each operand comes from memory about once per product.
const KB = 256;
const NB = 64;

/**
 * C (M×N, row-major, contiguous) = α·Σ_k A(i,k)·B(k,j) with A(i,k) = a[i·sAi + k·sAk] and
 * B(k,j) = b[k·sBk + j·sBj]: the strides express Aᵀ or Bᵀ without copying. The core is a 4×4
 * register tile (16 accumulators, 8 loads per 16 multiply-adds) over a k-loop.
 */
function gemm(M: number, N: number, K: number, alpha: number,
  a: Float64Array, sAi: number, sAk: number, b: Float64Array, sBk: number, sBj: number, c: Float64Array): void {
  if (K === 0) {
    c.fill(0, 0, M * N);
    return;
  }
  const sAi2 = 2 * sAi, sAi3 = 3 * sAi, sBj2 = 2 * sBj, sBj3 = 3 * sBj;
  for (let k0 = 0; k0 < K; k0 += KB) {
    const k1 = Math.min(K, k0 + KB);
    const first = k0 === 0;
    for (let j0 = 0; j0 < N; j0 += NB) {
      const j1 = Math.min(N, j0 + NB);
      let i = 0;
      for (; i + 4 <= M; i += 4) {
        let j = j0;
        for (; j + 4 <= j1; j += 4) {
          let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
          let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
          let pa = i * sAi + k0 * sAk;
          let pb = k0 * sBk + j * sBj;
          for (let k = k0; k < k1; k++, pa += sAk, pb += sBk) {
            const a0 = a[pa], a1 = a[pa + sAi], a2 = a[pa + sAi2], a3 = a[pa + sAi3];
            const b0 = b[pb], b1 = b[pb + sBj], b2 = b[pb + sBj2], b3 = b[pb + sBj3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
          }
          const r0 = i * N + j, r1 = r0 + N, r2 = r1 + N, r3 = r2 + N;
          if (first) {
            c[r0] = alpha * c00; c[r0 + 1] = alpha * c01; c[r0 + 2] = alpha * c02; c[r0 + 3] = alpha * c03;
            c[r1] = alpha * c10; c[r1 + 1] = alpha * c11; c[r1 + 2] = alpha * c12; c[r1 + 3] = alpha * c13;
            c[r2] = alpha * c20; c[r2 + 1] = alpha * c21; c[r2 + 2] = alpha * c22; c[r2 + 3] = alpha * c23;
            c[r3] = alpha * c30; c[r3 + 1] = alpha * c31; c[r3 + 2] = alpha * c32; c[r3 + 3] = alpha * c33;
          } else {
            c[r0] += alpha * c00; c[r0 + 1] += alpha * c01; c[r0 + 2] += alpha * c02; c[r0 + 3] += alpha * c03;
            c[r1] += alpha * c10; c[r1 + 1] += alpha * c11; c[r1 + 2] += alpha * c12; c[r1 + 3] += alpha * c13;
            c[r2] += alpha * c20; c[r2 + 1] += alpha * c21; c[r2 + 2] += alpha * c22; c[r2 + 3] += alpha * c23;
            c[r3] += alpha * c30; c[r3 + 1] += alpha * c31; c[r3 + 2] += alpha * c32; c[r3 + 3] += alpha * c33;
          }
        }
        for (; j < j1; j++) {
          for (let r = i; r < i + 4; r++) dotInto(r, j);
        }
      }
      for (; i < M; i++) {
        for (let j = j0; j < j1; j++) dotInto(i, j);
      }
      // The fringe (rows or columns past the last whole tile): one dot product per entry.
      function dotInto(r: number, j: number): void {
        let s = 0;
        for (let k = k0, pa = r * sAi + k0 * sAk, pb = k0 * sBk + j * sBj; k < k1; k++, pa += sAk, pb += sBk) s += a[pa] * b[pb];
        c[r * N + j] = first ? alpha * s : c[r * N + j] + alpha * s;
      }
    }
  }
}

function checkShape(C: Matrix, rows: number, cols: number, inner: number, innerB: number, what: string): void {
  if (C.rows !== rows || C.cols !== cols || inner !== innerB) {
    throw new Error(`${what}: shapes do not fit (result ${C.rows}×${C.cols}, expected ${rows}×${cols}, inner ${inner} vs ${innerB})`);
  }
}

export const jsKernels: Kernels = {
  ...windowKernels,
  ...normKernels,
  ...attentionKernels,
  mul(C, A, B, alpha = 1) {
    checkShape(C, A.rows, B.cols, A.cols, B.rows, 'A·B');
    gemm(A.rows, B.cols, A.cols, alpha, A.data, A.cols, 1, B.data, B.cols, 1, C.data);
  },
  mulBT(C, A, B, alpha = 1) {
    checkShape(C, A.rows, B.rows, A.cols, B.cols, 'A·Bᵀ');
    gemm(A.rows, B.rows, A.cols, alpha, A.data, A.cols, 1, B.data, 1, B.cols, C.data);
  },
  mulAT(C, A, B, alpha = 1) {
    checkShape(C, A.cols, B.cols, A.rows, B.rows, 'Aᵀ·B');
    gemm(A.cols, B.cols, A.rows, alpha, A.data, 1, A.cols, B.data, B.cols, 1, C.data);
  },
  addColumn(Z, b) {
    const { rows: n, cols: m } = Z;
    const z = Z.data;
    for (let i = 0; i < n; i++) {
      const bi = b.data[i];
      for (let p = i * m, end = p + m; p < end; p++) z[p] += bi;
    }
  },
  sumColumns(s, M, alpha) {
    const { rows: n, cols: m } = M;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let p = i * m, end = p + m; p < end; p++) sum += M.data[p];
      s.data[i] = alpha * sum;
    }
  },
  axpy(Y, alpha, X) {
    const y = Y.data, x = X.data;
    for (let p = 0, n = Y.rows * Y.cols; p < n; p++) y[p] += alpha * x[p];
  },
  sub(C, A, B) {
    const c = C.data, a = A.data, b = B.data;
    for (let p = 0, n = C.rows * C.cols; p < n; p++) c[p] = a[p] - b[p];
  },
  moment(V, beta, D) {
    const v = V.data, d = D.data, keep = 1 - beta;
    for (let p = 0, n = V.rows * V.cols; p < n; p++) v[p] = beta * v[p] + keep * d[p];
  },
  moment2(S, beta, D) {
    const s = S.data, d = D.data, keep = 1 - beta;
    for (let p = 0, n = S.rows * S.cols; p < n; p++) s[p] = beta * s[p] + keep * (d[p] * d[p]);
  },
  rescaledStep(theta, alpha, V, S, c1, c2, epsilon) {
    const w = theta.data, v = V.data, s = S.data;
    for (let p = 0, n = theta.rows * theta.cols; p < n; p++) w[p] -= (alpha * (v[p] / c1)) / (Math.sqrt(s[p] / c2) + epsilon);
  },
  mask(out, A, D, keepProb) {
    const o = out.data, a = A.data, d = D.data;
    for (let p = 0, n = A.rows * A.cols; p < n; p++) o[p] = (a[p] * d[p]) / keepProb;
  },
  hadamard(out, A, B, C) {
    const o = out.data, a = A.data, b = B.data;
    const n = A.rows * A.cols;
    if (C) {
      const c = C.data;
      for (let p = 0; p < n; p++) o[p] = c[p] + a[p] * b[p];
    } else {
      for (let p = 0; p < n; p++) o[p] = a[p] * b[p];
    }
  },
  sumSquares(M) {
    const x = M.data;
    let sum = 0;
    for (let p = 0, n = M.rows * M.cols; p < n; p++) sum += x[p] * x[p];
    return sum;
  },
  activate(g, Z, A) {
    activate(g, Z, A);
  },
  backward(g, Z, A, dA, dZ) {
    activateBackward(g, Z, A, dA, dZ);
  },
};
