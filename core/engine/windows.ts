// The image kernels of spec §8 in plain TypeScript, the reference the WebAssembly ones match bit for
// bit: im2col/col2im (a convolution becomes one matrix product), max and average pooling forward and
// backward, the bias add and sum over rows of a conv layer, and the transpose of `flatten`.
// Image-shaped matrices are (m, n_H·n_W·n_C) row-major, i.e. (m, n_H, n_W, n_C) (docs/engine.md).

import type { WindowKernels } from '../foundation/kernels';
import { channelMeanKernels } from './channelMeans';
import { depthwiseKernels } from './depthwise';

export const windowKernels: WindowKernels = {
  ...depthwiseKernels,
  ...channelMeanKernels,
  im2col(cols, A, { m, n_H, n_W, n_C, f, s, p, out_H, out_W }) {
    const a = A.data, c = cols.data;
    const run = f * n_C; // one window row (u fixed): f·n_C entries
    let q = 0;
    for (let i = 0; i < m; i++) {
      for (let h = 0; h < out_H; h++) {
        for (let w = 0; w < out_W; w++) {
          for (let u = 0; u < f; u++) {
            const y = h * s + u - p;
            if (y < 0 || y >= n_H) {
              c.fill(0, q, q + run);
              q += run;
              continue;
            }
            for (let v = 0; v < f; v++) {
              const x = w * s + v - p;
              if (x < 0 || x >= n_W) c.fill(0, q, q + n_C);
              else for (let k = 0, from = ((i * n_H + y) * n_W + x) * n_C; k < n_C; k++) c[q + k] = a[from + k];
              q += n_C;
            }
          }
        }
      }
    }
  },
  col2im(dA, dcols, { m, n_H, n_W, n_C, f, s, p, out_H, out_W }) {
    const d = dA.data, c = dcols.data;
    d.fill(0, 0, m * n_H * n_W * n_C);
    let q = 0;
    for (let i = 0; i < m; i++) {
      for (let h = 0; h < out_H; h++) {
        for (let w = 0; w < out_W; w++) {
          for (let u = 0; u < f; u++) {
            const y = h * s + u - p;
            for (let v = 0; v < f; v++, q += n_C) {
              const x = w * s + v - p;
              if (y < 0 || y >= n_H || x < 0 || x >= n_W) continue;
              for (let k = 0, to = ((i * n_H + y) * n_W + x) * n_C; k < n_C; k++) d[to + k] += c[q + k];
            }
          }
        }
      }
    }
  },
  pool(max, A, Aprev, { m, n_H, n_W, n_C, f, s, out_H, out_W }) {
    const out = A.data, a = Aprev.data;
    const ff = f * f;
    for (let i = 0, o = 0; i < m; i++) {
      for (let h = 0; h < out_H; h++) {
        for (let w = 0; w < out_W; w++, o += n_C) {
          for (let k = 0; k < n_C; k++) {
            let acc = max ? a[((i * n_H + h * s) * n_W + w * s) * n_C + k] : 0;
            for (let u = 0; u < f; u++) {
              for (let v = 0; v < f; v++) {
                const x = a[((i * n_H + h * s + u) * n_W + w * s + v) * n_C + k];
                if (!max) acc += x;
                else if (x > acc) acc = x;
              }
            }
            out[o + k] = max ? acc : acc / ff;
          }
        }
      }
    }
  },
  poolBackward(max, dAprev, dA, Aprev, { m, n_H, n_W, n_C, f, s, out_H, out_W }) {
    const d = dAprev.data, g = dA.data, a = Aprev.data;
    const ff = f * f;
    d.fill(0, 0, m * n_H * n_W * n_C);
    for (let i = 0, o = 0; i < m; i++) {
      for (let h = 0; h < out_H; h++) {
        for (let w = 0; w < out_W; w++, o += n_C) {
          for (let k = 0; k < n_C; k++) {
            const corner = ((i * n_H + h * s) * n_W + w * s) * n_C + k;
            if (max) {
              let at = corner;
              for (let u = 0; u < f; u++) {
                for (let v = 0; v < f; v++) {
                  const p = corner + (u * n_W + v) * n_C;
                  if (a[p] > a[at]) at = p;
                }
              }
              d[at] += g[o + k];
            } else {
              const share = g[o + k] / ff;
              for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) d[corner + (u * n_W + v) * n_C] += share;
            }
          }
        }
      }
    }
  },
  transpose(out, M) {
    const { rows, cols } = M;
    const o = out.data, x = M.data;
    for (let i = 0; i < rows; i++) for (let j = 0, p = i * cols; j < cols; j++, p++) o[j * rows + i] = x[p];
  },
  addRow(Z, b) {
    const { rows, cols } = Z;
    const z = Z.data, bias = b.data;
    for (let i = 0, p = 0; i < rows; i++) for (let j = 0; j < cols; j++, p++) z[p] += bias[j];
  },
  sumRows(s, M, alpha) {
    const { rows, cols } = M;
    const out = s.data, x = M.data;
    out.fill(0, 0, cols);
    for (let i = 0, p = 0; i < rows; i++) for (let j = 0; j < cols; j++, p++) out[j] += x[p];
    for (let j = 0; j < cols; j++) out[j] *= alpha;
  },
};
