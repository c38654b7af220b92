// What the gated recurrent cells (lstm, gru: spec §14) share: the concat [a⟨t−1⟩; x⟨t⟩], a gate
// Γ = g(W·concat + b) on the course's (n_a, n_a + n_x) weights, and its backward step. A cell's
// weights multiply the whole concat as the course writes them (W·concat), one product per gate;
// the concat costs one copy of (n_a + n_x, m) a step, against 2·n_a·(n_a + n_x)·m flops a gate.

import type { Activation } from '../foundation/model';
import type { Kernels } from '../foundation/kernels';
import { rowBlock, type Matrix } from '../foundation/matrix';
import type { ParameterSpec } from './engine';
import type { CellStep } from './recurrent';

/** W* (n_a, n_a + n_x) initialised with fan-in n_a + n_x, its column count (spec §14), then b* (n_a, 1) zeros, in the order given. */
export function gateParameters(weights: readonly string[], biases: readonly string[], n_a: number, n_x: number): ParameterSpec[] {
  const cols = n_a + n_x;
  return [
    ...weights.map((name): ParameterSpec => ({ name, dims: [n_a, cols], shape: [n_a, cols], init: 'weights', fanIn: cols, trained: true, regularized: true })),
    ...biases.map((name): ParameterSpec => ({ name, dims: [n_a, 1], shape: [n_a, 1], init: 'zeros', trained: true, regularized: false })),
  ];
}

/** concat = [top; x⟨t⟩]: a tokens step's x⟨t⟩ as the one-hot columns of its ids (V rows), as the course's x⟨t⟩. */
export function fillConcat(concat: Matrix, top: Matrix, step: Pick<CellStep, 'x' | 'tokens'>): void {
  rowBlock(concat, 0, top.rows).data.set(top.data);
  const x = rowBlock(concat, top.rows);
  if (!step.tokens) return x.data.set(step.x.data);
  const m = x.cols;
  x.data.fill(0);
  for (let j = 0; j < m; j++) x.data[step.x.data[j] * m + j] = 1;
}

/** Γ = g(W·concat + b), Γ (n_a, m); W·concat + b is made in Γ itself (backward needs only Γ: σ′ and tanh′ come from it). */
export function gate(k: Kernels, g: Activation, out: Matrix, W: Matrix, concat: Matrix, b: Matrix): void {
  k.mul(out, W, concat);
  k.addColumn(out, b);
  k.activate(g, out, out);
}

/** A cell's work matrices for a gate's backward step: dΓ (n_a, m), then one (n_a + n_x, m) to add Wᵀ·dZ from. */
export interface GateWork {
  dGate: Matrix;
  product: Matrix;
}

/**
 * One gate's backward step from dΓ (in `work.dGate`, overwritten by dZ = dΓ ⊙ g′): this step's
 * dW = (1/m)·dZ·concatᵀ and db = (1/m)·Σ dZ, and `dconcat` = Wᵀ·dZ, or += when `add`.
 */
export function gateBackward(k: Kernels, m: number, g: Activation, out: Matrix, W: Matrix, concat: Matrix,
  dW: Matrix, db: Matrix, dconcat: Matrix, add: boolean, work: GateWork): void {
  const dZ = work.dGate;
  k.backward(g, out, out, dZ, dZ);
  k.mulBT(dW, dZ, concat, 1 / m);
  k.sumColumns(db, dZ, 1 / m);
  if (!add) return k.mulAT(dconcat, W, dZ);
  k.mulAT(work.product, W, dZ);
  k.axpy(dconcat, 1, work.product);
}

/** ∂J/∂a⟨t−1⟩ (or c⟨t−1⟩) and ∂J/∂x⟨t⟩ from ∂J/∂concat: its top rows and, if asked, the rest. */
export function splitConcat(dconcat: Matrix, dPrev: Matrix, dx: Matrix | undefined): void {
  dPrev.data.set(rowBlock(dconcat, 0, dPrev.rows).data);
  if (dx) dx.data.set(rowBlock(dconcat, dPrev.rows).data);
}
