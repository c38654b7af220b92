// The kernel interface: every hot pass of training (the matrix products, the element-wise passes
// and the image kernels of spec §8) as one `Kernels` object. It sits on the bottom floor so that a
// layer kind (core/layers) can call kernels without depending on the engine that implements them:
// core/engine/kernels.ts (TypeScript) and core/engine/wasm (WebAssembly SIMD) are the two
// implementations.

import type { Activation, LossName } from './model';
import type { Matrix } from './matrix';

/**
 * One window sweep: input volume n_H × n_W × n_C per example, m examples, window f, stride s,
 * padding p, giving out_H × out_W positions (the formula of core/layers/shape.ts `outputSize`).
 */
export interface Grid {
  m: number;
  n_H: number;
  n_W: number;
  n_C: number;
  f: number;
  s: number;
  p: number;
  out_H: number;
  out_W: number;
}

/** The kernels a conv, depthwise conv, pool or flatten layer needs; part of `Kernels` (kernels.ts). */
export interface WindowKernels {
  /**
   * cols (m·out_H·out_W, f·f·n_C) row-major: row (i·out_H + h)·out_W + w holds the window of
   * Apad[i] at (h·s, w·s) in (u, v, k) row-major order, the order of W[l]'s rows (f, f, n_C[l−1]).
   */
  im2col(cols: Matrix, A: Matrix, g: Grid): void;
  /** dA = 0, then every entry of dcols added back where im2col took it from (overlaps add; padding dropped). */
  col2im(dA: Matrix, dcols: Matrix, g: Grid): void;
  /** A[l] = max (or mean) of each f×f window of A[l−1], per channel. */
  pool(max: boolean, A: Matrix, Aprev: Matrix, g: Grid): void;
  /** dA[l−1] = 0, then each window's dA[l] to its first maximum (max), or ÷ f² to all of it (avg). */
  poolBackward(max: boolean, dAprev: Matrix, dA: Matrix, Aprev: Matrix, g: Grid): void;
  /**
   * Z (m·out_H·out_W, n_C) = each channel's window of Apad times that channel's own filter, W (f·f, n_C)
   * row-major as (f, f, 1, n_C): Z[i,h,w,c] = Σ_{u,v} W[u,v,c]·Apad[i, h·s+u, w·s+v, c] (no bias).
   */
  depthwise(Z: Matrix, A: Matrix, W: Matrix, g: Grid): void;
  /** dW (f·f, n_C) = α·Σ_{i,h,w} Apad[i, h·s+u, w·s+v, c]·dZ[i,h,w,c] */
  depthwiseFilters(dW: Matrix, A: Matrix, dZ: Matrix, g: Grid, alpha: number): void;
  /** dA = 0, then W[u,v,c]·dZ[i,h,w,c] added where the forward pass read Apad (overlaps add; padding dropped) */
  depthwiseInput(dA: Matrix, dZ: Matrix, W: Matrix, g: Grid): void;
  /** A (n_C, m) = each channel's mean over the P positions of Aprev (m, P·n_C): global average pooling */
  channelMeans(A: Matrix, Aprev: Matrix, positions: number): void;
  /** dAprev (m, P·n_C): every position of channel c of example i gets dA[c, i] / P */
  channelMeansBackward(dAprev: Matrix, dA: Matrix, positions: number): void;
  /** out (cols, rows) = Mᵀ: flatten's (m, n) ↔ (n, m), and an image X entering as A[0] */
  transpose(out: Matrix, M: Matrix): void;
  /** Z += b, b (1, cols) broadcast over the rows (a conv layer's b[l] over every position) */
  addRow(Z: Matrix, b: Matrix): void;
  /** s (1, cols) = α·Σ_rows M, rows in order (a conv layer's db[l]) */
  sumRows(s: Matrix, M: Matrix, alpha: number): void;
}

/**
 * The normalizations of spec §13 (batch norm, layer norm). Each normalizes groups of values: the
 * rows of M (`perRow`: a dense layer's units over the m columns) or its columns (a conv layer's
 * channels over the m·n_H·n_W rows of (m·n_H·n_W, n_C); layer norm's examples over the n rows of
 * (n, m)). Statistics are (groups, 1) or (1, groups) vectors; any layout of their data works, as
 * entry g is group g.
 */
export interface NormKernels {
  /** μ and the biased σ² of each group: σ² = Σ (x − μ)² / count, with the mean subtracted first (no cancellation) */
  moments(mean: Matrix, variance: Matrix, M: Matrix, perRow: boolean): void;
  /** out = (M − μ) / √(σ² + ε) per group; out may be M */
  standardize(out: Matrix, M: Matrix, mean: Matrix, variance: Matrix, epsilon: number, perRow: boolean): void;
  /**
   * The gradient through `standardize` with the batch's own μ, σ² (x̂ its output, d the gradient at
   * x̂): dM = (d − mean(d) − x̂·mean(d ⊙ x̂)) / √(σ² + ε), means over each group; dM may be d.
   */
  standardizeBackward(dM: Matrix, d: Matrix, xhat: Matrix, variance: Matrix, epsilon: number, perRow: boolean): void;
  /** out = γ ⊙ M + β with γ, β one entry per row (`perRow`) or per column of M; out may be M */
  scaleShift(out: Matrix, M: Matrix, gamma: Matrix, beta: Matrix, perRow: boolean): void;
  /**
   * scaleShift's gradients from d = ∂J/∂out (per example, the 1/m not yet applied): dγ = α·Σ d ⊙ x̂,
   * dβ = α·Σ d over each row (`perRow`) or column, and dM = γ ⊙ d (dM may be d).
   */
  scaleShiftBackward(dM: Matrix, dgamma: Matrix, dbeta: Matrix, d: Matrix, xhat: Matrix, gamma: Matrix, alpha: number, perRow: boolean): void;
}

/**
 * Multi-head self-attention's (T, T) part (spec §15), per example and head, on sequences kept as
 * (T·d, m) matrices time-major by rows (docs/part3.md): head j of example i reads rows
 * t·d + j·d_k … t·d + (j+1)·d_k − 1 of column i at each step t. α is (m, h·T·T) row-major, i.e.
 * batch-first (m, h, T, T) as PyTorch holds it; a masked entry (causal, t′ > t) is 0.
 */
export interface Heads {
  T: number;
  d: number;
  h: number;
  causal: boolean;
}

export interface AttentionKernels {
  /** S_j = Q_jᵀ·K_j/√d_k (masked), α_j = softmax of each row of S_j, O_j = V_j·α_jᵀ */
  attention(O: Matrix, alpha: Matrix, Q: Matrix, K: Matrix, V: Matrix, heads: Heads): void;
  /**
   * From dO and the forward pass's α: dV_j = dO_j·α_j, dS_j = α_j ⊙ (dα_j − rowsum(α_j ⊙ dα_j)) with
   * dα_j = dO_jᵀ·V_j, dQ_j = K_j·dS_jᵀ/√d_k, dK_j = Q_j·dS_j/√d_k. `row` holds T numbers of scratch.
   */
  attentionBackward(dQ: Matrix, dK: Matrix, dV: Matrix, dO: Matrix, alpha: Matrix, Q: Matrix, K: Matrix, V: Matrix, row: Matrix, heads: Heads): void;
}

/** The course-1 passes below plus the image kernels of spec §8, the normalizations of §13 and attention's of §15. */
export interface Kernels extends WindowKernels, NormKernels, AttentionKernels {
  /** C = α·A·B (forward: Z[l] = W[l]·A[l−1]) */
  mul(C: Matrix, A: Matrix, B: Matrix, alpha?: number): void;
  /** C = α·A·Bᵀ (dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ) */
  mulBT(C: Matrix, A: Matrix, B: Matrix, alpha?: number): void;
  /** C = α·Aᵀ·B (dA[l−1] = W[l]ᵀ·dZ[l]) */
  mulAT(C: Matrix, A: Matrix, B: Matrix, alpha?: number): void;
  /** Z += b, b (rows, 1) broadcast over the columns */
  addColumn(Z: Matrix, b: Matrix): void;
  /** s = α·Σ_columns M, s (rows, 1) (db[l] = (1/m)·Σ dZ[l]) */
  sumColumns(s: Matrix, M: Matrix, alpha: number): void;
  /** Y += α·X (the update W −= α·dW) */
  axpy(Y: Matrix, alpha: number, X: Matrix): void;
  /** C = A − B (dZ[L] = A[L] − Y) */
  sub(C: Matrix, A: Matrix, B: Matrix): void;
  /** A = g(Z); softmax works column by column */
  activate(g: Activation, Z: Matrix, A: Matrix): void;
  /** dZ = dA ⊙ g′(Z), using A = g(Z) where g′ is cheaper from it; softmax: its Jacobian-vector product */
  backward(g: Activation, Z: Matrix, A: Matrix, dA: Matrix, dZ: Matrix): void;
  /** v = β·v + (1 − β)·d: an optimizer's first moment (momentum's and Adam's v_dθ, spec §9) */
  moment(v: Matrix, beta: number, d: Matrix): void;
  /** s = β·s + (1 − β)·d²: the second moment (RMSprop's and Adam's s_dθ) */
  moment2(s: Matrix, beta: number, d: Matrix): void;
  /** θ −= α·(v/c1) / (√(s/c2) + ε): RMSprop's step (v = dθ, c1 = c2 = 1) and Adam's (bias corrections c1, c2) */
  rescaledStep(theta: Matrix, alpha: number, v: Matrix, s: Matrix, c1: number, c2: number, epsilon: number): void;
  /**
   * out = A ⊙ B, or C + A ⊙ B when C is given (out may be any of them): a recurrent cell's gate
   * products (spec §14: Γf⊙c⟨t−1⟩ + Γi⊙c̃) and their gradients
   */
  hadamard(out: Matrix, A: Matrix, B: Matrix, C?: Matrix): void;
  /** out = A ⊙ D / P: inverted dropout of A[l] (forward) and of dA[l] (backward); out may be A */
  mask(out: Matrix, A: Matrix, D: Matrix, keepProb: number): void;
  /** Σ M²: ‖W[l]‖²_F for the L2 term of the cost */
  sumSquares(M: Matrix): number;
  /** J of spec §5, when the kernels have a faster one than losses.ts `cost` (same formulas) */
  cost?(loss: LossName, ZL: Matrix, AL: Matrix, Y: Matrix): number;
}
