// Global average pooling (spec §12) in plain TypeScript: A[c, i] = (1/P)·Σ_p A[l−1][i, p, c] over the
// P = n_H·n_W positions, and back, dA[l−1][i, p, c] = dA[c, i]/P. One pass over A[l−1] each way, as
// cheap as an element-wise pass, so the WASM kernels hand these to the TypeScript ones (a kernel of
// their own would not show in a training step, which the convolutions before it dominate).
// The sum is taken over the positions first, then divided by P, as PyTorch's `mean` does.

import type { WindowKernels } from '../foundation/kernels';

export const channelMeanKernels: Pick<WindowKernels, 'channelMeans' | 'channelMeansBackward'> = {
  channelMeans(A, Aprev, P) {
    const out = A.data, a = Aprev.data, C = A.rows, m = A.cols;
    for (let i = 0; i < m; i++) {
      for (let c = 0; c < C; c++) {
        let sum = 0;
        for (let p = 0, at = i * P * C + c; p < P; p++, at += C) sum += a[at];
        out[c * m + i] = sum / P;
      }
    }
  },
  channelMeansBackward(dAprev, dA, P) {
    const d = dAprev.data, g = dA.data, C = dA.rows, m = dA.cols;
    for (let i = 0; i < m; i++) {
      for (let c = 0; c < C; c++) {
        const share = g[c * m + i] / P;
        for (let p = 0, at = i * P * C + c; p < P; p++, at += C) d[at] = share;
      }
    }
  },
};
