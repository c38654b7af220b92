// One step of the lecture's full GRU (spec §14, course 5 week 1), forward and backward, on the kernels:
//   concat = [c⟨t−1⟩; x⟨t⟩],  Γr = σ(Wr·concat + br),  Γu = σ(Wu·concat + bu)
//   c̃ = tanh(Wc·[Γr⊙c⟨t−1⟩; x⟨t⟩] + bc),  c⟨t⟩ = Γu⊙c̃ + (1 − Γu)⊙c⟨t−1⟩,  a⟨t⟩ = c⟨t⟩
// Not PyTorch's nn.GRU, whose reset gate multiplies after the product (ONNX's linear_before_reset = 1).
// c⟨t⟩ is computed as c⟨t−1⟩ + Γu⊙(c̃ − c⟨t−1⟩), the same value without a (1 − Γu) matrix.

import type { Kernels } from '../foundation/kernels';
import type { Matrix } from '../foundation/matrix';
import { SIGMOID, TANH } from './activations';
import { type GateScratch, gate, gateBackward, rowBlock } from './gates';

/** The weights keys of the course's GRU (spec §14), W* (n_a, n_a + n_x) and b* (n_a, 1), in the order initialisation visits them. */
export const GRU_WEIGHTS = ['Wu', 'Wr', 'Wc'] as const;
export const GRU_BIASES = ['bu', 'br', 'bc'] as const;
export type GruParameter = (typeof GRU_WEIGHTS)[number] | (typeof GRU_BIASES)[number];
export type GruParameters = Readonly<Record<GruParameter, Matrix>>;

/** One step's matrices, each (n_a, m) but the two concats; what backward needs is what forward left here. */
export interface GruStep {
  /** [c⟨t−1⟩; x⟨t⟩] (n_a + n_x, m), filled by the time loop (c⟨0⟩ = 0) */
  concat: Matrix;
  /** [Γr⊙c⟨t−1⟩; x⟨t⟩] (n_a + n_x, m), filled by the cell */
  reset: Matrix;
  /** Γr, Γu, c̃ */
  rt: Matrix;
  ut: Matrix;
  cct: Matrix;
  /** c⟨t⟩ = a⟨t⟩ */
  c: Matrix;
}

/** Γr, Γu, [Γr⊙c⟨t−1⟩; x⟨t⟩], c̃ and c⟨t⟩ from concat. */
export function gruForward(k: Kernels, p: GruParameters, s: GruStep): void {
  const n_a = s.c.rows;
  const cPrev = rowBlock(s.concat, 0, n_a);
  gate(k, SIGMOID, s.rt, p.Wr, s.concat, p.br);
  gate(k, SIGMOID, s.ut, p.Wu, s.concat, p.bu);
  k.hadamard(rowBlock(s.reset, 0, n_a), s.rt, cPrev);
  rowBlock(s.reset, n_a, s.reset.rows - n_a).data.set(rowBlock(s.concat, n_a, s.concat.rows - n_a).data);
  gate(k, TANH, s.cct, p.Wc, s.reset, p.bc);
  k.sub(s.c, s.cct, cPrev);
  k.hadamard(s.c, s.ut, s.c, cPrev);
}

/** The GRU's scratch: a gate's, and ∂L/∂[Γr⊙c⟨t−1⟩; x⟨t⟩] (n_a + n_x, m). */
export interface GruScratch extends GateScratch {
  dreset: Matrix;
}

/**
 * One step back, m examples: from dc = ∂L/∂c⟨t⟩ (the layer above's and step t+1's, added by the
 * loop; left as it was), adds this step's part of every d-parameter (1/m included) and writes
 * dconcat = ∂L/∂[c⟨t−1⟩; x⟨t⟩]: its top rows are step t−1's share of dc.
 */
export function gruBackward(k: Kernels, m: number, p: GruParameters, dp: GruParameters, s: GruStep,
  dc: Matrix, dconcat: Matrix, scratch: GruScratch): void {
  const n_a = s.c.rows;
  const n_x = s.concat.rows - n_a;
  const d = scratch.dGate;
  const cPrev = rowBlock(s.concat, 0, n_a);
  const dcPrev = rowBlock(dconcat, 0, n_a);
  const dRc = rowBlock(scratch.dreset, 0, n_a);
  k.sub(d, s.cct, cPrev);
  k.hadamard(d, dc, d); // dΓu = dc ⊙ (c̃ − c⟨t−1⟩)
  gateBackward(k, m, SIGMOID, s.ut, p.Wu, s.concat, dp.Wu, dp.bu, dconcat, false, scratch);
  k.hadamard(d, dc, s.ut); // dc̃ = dc ⊙ Γu; c⟨t−1⟩'s direct share is dc ⊙ (1 − Γu) = dc − dc̃
  k.axpy(dcPrev, 1, dc);
  k.axpy(dcPrev, -1, d);
  gateBackward(k, m, TANH, s.cct, p.Wc, s.reset, dp.Wc, dp.bc, scratch.dreset, false, scratch);
  k.axpy(rowBlock(dconcat, n_a, n_x), 1, rowBlock(scratch.dreset, n_a, n_x));
  k.hadamard(dcPrev, dRc, s.rt, dcPrev);
  k.hadamard(d, dRc, cPrev); // dΓr
  gateBackward(k, m, SIGMOID, s.rt, p.Wr, s.concat, dp.Wr, dp.br, dconcat, true, scratch);
}
