// One step of the LSTM of spec §14 (course 5, week 1), forward and backward, on the kernels:
//   concat = [a⟨t−1⟩; x⟨t⟩]                 (n_a + n_x, m)
//   Γf = σ(Wf·concat + bf), Γi = σ(Wi·concat + bi), c̃ = tanh(Wc·concat + bc), Γo = σ(Wo·concat + bo)
//   c⟨t⟩ = Γf⊙c⟨t−1⟩ + Γi⊙c̃,  a⟨t⟩ = Γo⊙tanh(c⟨t⟩)
// The time loop (recurrent.ts) fills concat and keeps each step's matrices for backpropagation
// through time.

import type { Kernels } from '../foundation/kernels';
import type { Matrix } from '../foundation/matrix';
import { SIGMOID, TANH } from './activations';
import { type GateScratch, gate, gateBackward } from './gates';

/** The weights keys of an LSTM (spec §14), W* (n_a, n_a + n_x) and b* (n_a, 1), in the order initialisation visits them. */
export const LSTM_WEIGHTS = ['Wf', 'Wi', 'Wc', 'Wo'] as const;
export const LSTM_BIASES = ['bf', 'bi', 'bc', 'bo'] as const;
export type LstmParameter = (typeof LSTM_WEIGHTS)[number] | (typeof LSTM_BIASES)[number];
export type LstmParameters = Readonly<Record<LstmParameter, Matrix>>;

/** One step's matrices, each (n_a, m) but concat; what backward needs is what forward left here. */
export interface LstmStep {
  /** [a⟨t−1⟩; x⟨t⟩] (n_a + n_x, m), filled by the time loop */
  concat: Matrix;
  /** c⟨t−1⟩: zeros at t = 1 */
  cPrev: Matrix;
  /** Γf, Γi, c̃, Γo, named as the course's lstm_cell_forward names them */
  ft: Matrix;
  it: Matrix;
  cct: Matrix;
  ot: Matrix;
  c: Matrix;
  /** tanh(c⟨t⟩) */
  tanhC: Matrix;
  /** a⟨t⟩ */
  a: Matrix;
}

/** Γf, Γi, c̃, Γo, c⟨t⟩, tanh(c⟨t⟩) and a⟨t⟩ from concat and c⟨t−1⟩. */
export function lstmForward(k: Kernels, p: LstmParameters, s: LstmStep): void {
  gate(k, SIGMOID, s.ft, p.Wf, s.concat, p.bf);
  gate(k, SIGMOID, s.it, p.Wi, s.concat, p.bi);
  gate(k, TANH, s.cct, p.Wc, s.concat, p.bc);
  gate(k, SIGMOID, s.ot, p.Wo, s.concat, p.bo);
  k.hadamard(s.c, s.ft, s.cPrev);
  k.hadamard(s.c, s.it, s.cct, s.c);
  k.activate(TANH, s.c, s.tanhC);
  k.hadamard(s.a, s.ot, s.tanhC);
}

/**
 * One step back, m examples: from da = ∂L/∂a⟨t⟩ (the layer above's and step t+1's, added by the
 * loop) and dc = ∂L/∂c⟨t⟩ through step t+1 (zeros at t = T), adds this step's part of every
 * d-parameter (1/m included), writes dconcat = ∂L/∂[a⟨t−1⟩; x⟨t⟩] and turns dc into ∂L/∂c⟨t−1⟩.
 * `da` is left as it was.
 */
export function lstmBackward(k: Kernels, m: number, p: LstmParameters, dp: LstmParameters, s: LstmStep,
  da: Matrix, dc: Matrix, dconcat: Matrix, scratch: GateScratch): void {
  const d = scratch.dGate;
  // dc += da ⊙ Γo ⊙ (1 − tanh²(c⟨t⟩)): c⟨t⟩ reaches L through a⟨t⟩ too
  k.hadamard(d, da, s.ot);
  k.backward(TANH, s.c, s.tanhC, d, d);
  k.axpy(dc, 1, d);
  k.hadamard(d, da, s.tanhC); // dΓo
  gateBackward(k, m, SIGMOID, s.ot, p.Wo, s.concat, dp.Wo, dp.bo, dconcat, false, scratch);
  k.hadamard(d, dc, s.cct); // dΓi
  gateBackward(k, m, SIGMOID, s.it, p.Wi, s.concat, dp.Wi, dp.bi, dconcat, true, scratch);
  k.hadamard(d, dc, s.it); // dc̃
  gateBackward(k, m, TANH, s.cct, p.Wc, s.concat, dp.Wc, dp.bc, dconcat, true, scratch);
  k.hadamard(d, dc, s.cPrev); // dΓf
  gateBackward(k, m, SIGMOID, s.ft, p.Wf, s.concat, dp.Wf, dp.bf, dconcat, true, scratch);
  k.hadamard(dc, dc, s.ft); // ∂L/∂c⟨t−1⟩ = dc ⊙ Γf
}
