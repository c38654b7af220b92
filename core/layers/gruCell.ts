// The lecture's full GRU (spec §14, course 5 week 1) as a cell of the shared time loop (recurrent.ts):
//   concat = [c⟨t−1⟩; x⟨t⟩],  Γr = σ(Wr·concat + br),  Γu = σ(Wu·concat + bu)
//   c̃ = tanh(Wc·[Γr⊙c⟨t−1⟩; x⟨t⟩] + bc),  c⟨t⟩ = Γu⊙c̃ + (1 − Γu)⊙c⟨t−1⟩,  a⟨t⟩ = c⟨t⟩
// Not PyTorch's nn.GRU, whose reset gate multiplies after the product (ONNX's linear_before_reset = 1).
// c⟨t⟩ is computed as c⟨t−1⟩ + Γu⊙(c̃ − c⟨t−1⟩): the same value without a (1 − Γu) matrix.

import { SIGMOID, TANH } from './activations';
import { fillConcat, gate, gateBackward, gateParameters, splitConcat } from './gates';
import { rowBlock } from '../foundation/matrix';
import { HIDDEN_STATE, type Cell } from './recurrent';

/** The weights keys of the course's GRU (spec §14), W* (n_a, n_a + n_x) then b* (n_a, 1), in the order initialisation visits them. */
export const GRU_WEIGHTS = ['Wu', 'Wr', 'Wc'] as const;
export const GRU_BIASES = ['bu', 'br', 'bc'] as const;

/** One state, c⟨t⟩ = a⟨t⟩; each step keeps both concats, Γr, Γu and c̃. */
export function gruCell(n_a: number, n_x: number): Cell {
  return {
    states: 1,
    kept: [n_a + n_x, n_a + n_x, n_a, n_a, n_a],
    work: [n_a, n_a + n_x, n_a + n_x, n_a + n_x],
    parameters: gateParameters(GRU_WEIGHTS, GRU_BIASES, n_a, n_x),
    activation: TANH,
    // a⟨t⟩ = c⟨t⟩, and the two gates; kept is [concat, [Γr⊙c⟨t−1⟩; x⟨t⟩], Γr, Γu, c̃⟨t⟩]
    shown: { states: [HIDDEN_STATE], kept: [undefined, undefined, { name: 'Γr', title: 'relevance gate', bounds: [0, 1] }, { name: 'Γu', title: 'update gate', bounds: [0, 1] }, undefined] },
    forward({ k, theta: p, prev: [c_prev], next: [c], kept: [concat, reset, rt, ut, cct], ...x }) {
      fillConcat(concat, c_prev, x);
      gate(k, SIGMOID, rt, p.Wr, concat, p.br);
      gate(k, SIGMOID, ut, p.Wu, concat, p.bu);
      k.hadamard(rowBlock(reset, 0, n_a), rt, c_prev);
      rowBlock(reset, n_a).data.set(rowBlock(concat, n_a).data);
      gate(k, TANH, cct, p.Wc, reset, p.bc);
      k.sub(c, cct, c_prev);
      k.hadamard(c, ut, c, c_prev);
    },
    // from dc = ∂J/∂c⟨t⟩ in full: c⟨t−1⟩ reaches c⟨t⟩ directly, through Γu, Γr and Γr⊙c⟨t−1⟩ in c̃
    backward({ k, m, theta: p, prev: [c_prev], kept: [concat, reset, rt, ut, cct],
      work: [d, dconcat, product, dreset], dNext: [dc], dPrev: [dc_prev], dx, dStep: dp }) {
      const work = { dGate: d, product };
      const dcTop = rowBlock(dconcat, 0, n_a);
      const dRc = rowBlock(dreset, 0, n_a); // ∂J/∂(Γr⊙c⟨t−1⟩)
      k.sub(d, cct, c_prev);
      k.hadamard(d, dc, d); // dΓu = dc ⊙ (c̃ − c⟨t−1⟩)
      gateBackward(k, m, SIGMOID, ut, p.Wu, concat, dp.Wu, dp.bu, dconcat, false, work);
      k.hadamard(d, dc, ut); // dc̃ = dc ⊙ Γu; c⟨t−1⟩'s direct share is dc ⊙ (1 − Γu) = dc − dc̃
      k.axpy(dcTop, 1, dc);
      k.axpy(dcTop, -1, d);
      gateBackward(k, m, TANH, cct, p.Wc, reset, dp.Wc, dp.bc, dreset, false, work);
      k.axpy(rowBlock(dconcat, n_a), 1, rowBlock(dreset, n_a));
      k.hadamard(dcTop, dRc, rt, dcTop);
      k.hadamard(d, dRc, c_prev); // dΓr
      gateBackward(k, m, SIGMOID, rt, p.Wr, concat, dp.Wr, dp.br, dconcat, true, work);
      splitConcat(dconcat, dc_prev, dx);
    },
  };
}
