// Self-attention's (T, T) part (spec §15) in plain TypeScript, the reference the WebAssembly kernels
// (wasm/attention.wat.mjs) match: per example i and head j, the scores, the masked row softmax and
// the weighted sum of values, and their gradients. Q, K, V, O are (T·d, m) time-major sequences
// (docs/part3.md): entry r of head j at step t of example i sits at (t·d + j·d_k + r)·m + i, so
// consecutive rows of a head are m apart and consecutive steps d·m apart. α is (m, h, T, T) row-major.

import type { AttentionKernels, Heads } from '../foundation/kernels';

/** Where head j of example i starts (step 0, row 0), the stride between its steps, and α's first entry. */
function origin(i: number, j: number, m: number, { T, d, h }: Heads): { base: number; stride: number; first: number } {
  const dk = d / h;
  return { base: j * dk * m + i, stride: d * m, first: (i * h + j) * T * T };
}

export const attentionKernels: AttentionKernels = {
  attention(O, alpha, Q, K, V, heads) {
    const { T, d, h, causal } = heads;
    const m = Q.cols, dk = d / h, scale = 1 / Math.sqrt(dk);
    const q = Q.data, k = K.data, v = V.data, a = alpha.data, o = O.data;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < h; j++) {
        const { base, stride, first } = origin(i, j, m, heads);
        for (let t = 0; t < T; t++) {
          const keys = causal ? t + 1 : T; // the causal mask: query t sees keys 0…t
          const row = first + t * T, qt = base + t * stride;
          let max = -Infinity;
          for (let u = 0; u < keys; u++) {
            let s = 0;
            for (let r = 0, p = 0; r < dk; r++, p += m) s += q[qt + p] * k[base + u * stride + p];
            s *= scale;
            a[row + u] = s;
            if (s > max) max = s;
          }
          let sum = 0;
          for (let u = 0; u < keys; u++) {
            const e = Math.exp(a[row + u] - max);
            a[row + u] = e;
            sum += e;
          }
          for (let u = 0; u < keys; u++) a[row + u] /= sum;
          for (let u = keys; u < T; u++) a[row + u] = 0;
          for (let r = 0, p = 0; r < dk; r++, p += m) {
            let s = 0;
            for (let u = 0; u < keys; u++) s += a[row + u] * v[base + u * stride + p];
            o[qt + p] = s;
          }
        }
      }
    }
  },
  attentionBackward(dQ, dK, dV, dO, alpha, Q, K, V, row, heads) {
    const { T, d, h, causal } = heads;
    const m = Q.cols, dk = d / h, scale = 1 / Math.sqrt(dk);
    const q = Q.data, k = K.data, v = V.data, a = alpha.data, g = dO.data, dq = dQ.data, dkk = dK.data, dv = dV.data, dS = row.data;
    dkk.fill(0, 0, T * d * m); // dK and dV add up over the queries
    dv.fill(0, 0, T * d * m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < h; j++) {
        const { base, stride, first } = origin(i, j, m, heads);
        for (let t = 0; t < T; t++) {
          const keys = causal ? t + 1 : T;
          const at = first + t * T, qt = base + t * stride;
          // dα[t, u] = dO_j[:, t]·V_j[:, u], then dS[t, u] = α[t, u]·(dα[t, u] − Σ_u′ α[t, u′]·dα[t, u′])
          let dot = 0;
          for (let u = 0; u < keys; u++) {
            let s = 0;
            for (let r = 0, p = 0; r < dk; r++, p += m) s += g[qt + p] * v[base + u * stride + p];
            dS[u] = s;
            dot += a[at + u] * s;
          }
          for (let u = 0; u < keys; u++) dS[u] = a[at + u] * (dS[u] - dot);
          for (let r = 0, p = 0; r < dk; r++, p += m) {
            let s = 0;
            for (let u = 0; u < keys; u++) s += dS[u] * k[base + u * stride + p];
            dq[qt + p] = scale * s;
          }
          for (let u = 0; u < keys; u++) {
            const ds = scale * dS[u], au = a[at + u], ku = base + u * stride;
            for (let r = 0, p = 0; r < dk; r++, p += m) {
              dkk[ku + p] += ds * q[qt + p];
              dv[ku + p] += au * g[qt + p];
            }
          }
        }
      }
    }
  },
};
