// The depthwise convolution of spec §12 (MobileNet) in plain TypeScript, the reference the
// WebAssembly kernels (wasm/depthwise.wat.mjs) match bit for bit. Each channel c has its own f × f
// filter W[·,·,c], so there is no product over channels to hand to a matrix multiply (im2col would
// lay out f²·n_C entries per position for f² multiply-adds each): the kernels walk the windows
// directly, one run of n_C channels per window entry (u, v), which is contiguous in A, W and Z alike.
// Image-shaped matrices are (m, n_H·n_W·n_C) row-major; W is (f·f, n_C), i.e. (f, f, 1, n_C).

import type { Grid, WindowKernels } from '../foundation/kernels';

type Depthwise = Pick<WindowKernels, 'depthwise' | 'depthwiseFilters' | 'depthwiseInput'>;

/**
 * Calls `entry(o, from, q)` for every window entry inside the image, in the order (i, h, w, u, v):
 * o the first channel of position (i, h, w) in Z, from that of (i, y, x) in A, q that of (u, v) in W.
 */
function eachEntry({ m, n_H, n_W, n_C, f, s, p, out_H, out_W }: Grid, entry: (o: number, from: number, q: number) => void): void {
  for (let i = 0, o = 0; i < m; i++) {
    for (let h = 0; h < out_H; h++) {
      for (let w = 0; w < out_W; w++, o += n_C) {
        for (let u = 0; u < f; u++) {
          const y = h * s + u - p;
          if (y < 0 || y >= n_H) continue; // a padding row adds only zeros
          for (let v = 0; v < f; v++) {
            const x = w * s + v - p;
            if (x >= 0 && x < n_W) entry(o, ((i * n_H + y) * n_W + x) * n_C, (u * f + v) * n_C);
          }
        }
      }
    }
  }
}

export const depthwiseKernels: Depthwise = {
  depthwise(Z, A, W, g) {
    const z = Z.data, a = A.data, wt = W.data, C = g.n_C;
    z.fill(0, 0, g.m * g.out_H * g.out_W * C);
    eachEntry(g, (o, from, q) => {
      for (let k = 0; k < C; k++) z[o + k] += wt[q + k] * a[from + k];
    });
  },
  depthwiseFilters(dW, A, dZ, g, alpha) {
    const dw = dW.data, a = A.data, dz = dZ.data, C = g.n_C;
    dw.fill(0, 0, g.f * g.f * C);
    eachEntry(g, (o, from, q) => {
      for (let k = 0; k < C; k++) dw[q + k] += dz[o + k] * a[from + k];
    });
    for (let q = 0; q < g.f * g.f * C; q++) dw[q] *= alpha;
  },
  depthwiseInput(dA, dZ, W, g) {
    const d = dA.data, dz = dZ.data, wt = W.data, C = g.n_C;
    d.fill(0, 0, g.m * g.n_H * g.n_W * C);
    eachEntry(g, (o, from, q) => {
      for (let k = 0; k < C; k++) d[from + k] += wt[q + k] * dz[o + k];
    });
  },
};
