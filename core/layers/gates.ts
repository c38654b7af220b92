// What the gated recurrent cells (lstm, gru: spec §14) share: a gate Γ = g(W·concat + b) on the
// course's (n_a, n_a + n_x) weights, and its backward step. A cell's weights multiply the whole
// concat [a⟨t−1⟩; x⟨t⟩] as the course writes them (W·concat), in one product per gate.

import type { Activation } from '../foundation/model';
import type { Kernels } from '../foundation/kernels';
import type { Matrix } from '../foundation/matrix';

/** Rows start … start + count − 1 of M: a contiguous block of its data, not a copy (the a-part of a concat, step t of a sequence). */
export function rowBlock(M: Matrix, start: number, count: number): Matrix {
  return { rows: count, cols: M.cols, data: M.data.subarray(start * M.cols, (start + count) * M.cols) };
}

/** Γ = g(W·concat + b), Γ (n_a, m); W·concat + b is made in Γ itself (the backward pass needs only Γ: σ′ and tanh′ come from it). */
export function gate(k: Kernels, g: Activation, out: Matrix, W: Matrix, concat: Matrix, b: Matrix): void {
  k.mul(out, W, concat);
  k.addColumn(out, b);
  k.activate(g, out, out);
}

/** A cell's scratch for one backward step, sized for the batch: dΓ (n_a, m), dW (n_a, n_a + n_x), db (n_a, 1), and a (n_a + n_x, m). */
export interface GateScratch {
  dGate: Matrix;
  dW: Matrix;
  db: Matrix;
  dconcat: Matrix;
}

/**
 * One gate's backward step from dΓ (in `s.dGate`, overwritten by dZ = dΓ ⊙ g′): dW += (1/m)·dZ·concatᵀ
 * and db += (1/m)·Σ dZ (through time the steps add up), and `dconcat` = Wᵀ·dZ, or += when `add`.
 */
export function gateBackward(k: Kernels, m: number, g: Activation, out: Matrix, W: Matrix, concat: Matrix,
  dW: Matrix, db: Matrix, dconcat: Matrix, add: boolean, s: GateScratch): void {
  const dZ = s.dGate;
  k.backward(g, out, out, dZ, dZ);
  k.mulBT(s.dW, dZ, concat, 1 / m);
  k.axpy(dW, 1, s.dW);
  k.sumColumns(s.db, dZ, 1 / m);
  k.axpy(db, 1, s.db);
  if (!add) return k.mulAT(dconcat, W, dZ);
  k.mulAT(s.dconcat, W, dZ);
  k.axpy(dconcat, 1, s.dconcat);
}
