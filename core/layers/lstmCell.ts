// The LSTM cell of spec §14 (course 5, week 1) for the shared time loop (recurrent.ts):
//   concat = [a⟨t−1⟩; x⟨t⟩]                 (n_a + n_x, m)
//   Γf = σ(Wf·concat + bf), Γi = σ(Wi·concat + bi), c̃ = tanh(Wc·concat + bc), Γo = σ(Wo·concat + bo)
//   c⟨t⟩ = Γf⊙c⟨t−1⟩ + Γi⊙c̃,  a⟨t⟩ = Γo⊙tanh(c⟨t⟩)
// Two states pass from step to step, a⟨t⟩ and c⟨t⟩; each step keeps its concat, the four gates and
// tanh(c⟨t⟩) (named as the course's lstm_cell_forward: ft, it, cct, ot).

import { SIGMOID, TANH } from './activations';
import { fillConcat, gate, gateBackward, gateParameters, splitConcat } from './gates';
import { HIDDEN_STATE, type Cell } from './recurrent';

/** The weights keys of an LSTM (spec §14), W* (n_a, n_a + n_x) then b* (n_a, 1), in the order initialisation visits them. */
export const LSTM_WEIGHTS = ['Wf', 'Wi', 'Wc', 'Wo'] as const;
export const LSTM_BIASES = ['bf', 'bi', 'bc', 'bo'] as const;

export function lstmCell(n_a: number, n_x: number): Cell {
  return {
    states: 2,
    kept: [n_a + n_x, n_a, n_a, n_a, n_a, n_a],
    work: [n_a, n_a + n_x, n_a + n_x],
    parameters: gateParameters(LSTM_WEIGHTS, LSTM_BIASES, n_a, n_x),
    // the gates' inputs feed σ and tanh: xavier by default, as a tanh layer's
    activation: TANH,
    // what the memory cell keeps, and the gates that decide it; not the concat, c̃⟨t⟩ or tanh(c⟨t⟩)
    shown: {
      states: [HIDDEN_STATE, { name: 'c⟨t⟩', title: 'memory cell' }],
      kept: [undefined, { name: 'Γf', title: 'forget gate', bounds: [0, 1] }, { name: 'Γi', title: 'update (input) gate', bounds: [0, 1] }, undefined, { name: 'Γo', title: 'output gate', bounds: [0, 1] }, undefined],
    },
    forward({ k, theta: p, prev: [a_prev, c_prev], next: [a, c], kept: [concat, ft, it, cct, ot, tanhC], ...x }) {
      fillConcat(concat, a_prev, x);
      gate(k, SIGMOID, ft, p.Wf, concat, p.bf);
      gate(k, SIGMOID, it, p.Wi, concat, p.bi);
      gate(k, TANH, cct, p.Wc, concat, p.bc);
      gate(k, SIGMOID, ot, p.Wo, concat, p.bo);
      k.hadamard(c, ft, c_prev);
      k.hadamard(c, it, cct, c);
      k.activate(TANH, c, tanhC);
      k.hadamard(a, ot, tanhC);
    },
    // from da = ∂J/∂a⟨t⟩ and dc = ∂J/∂c⟨t⟩ through step t + 1; dc gains c⟨t⟩'s path through a⟨t⟩
    backward({ k, m, theta: p, prev: [, c_prev], next: [, c], kept: [concat, ft, it, cct, ot, tanhC],
      work: [d, dconcat, product], dNext: [da, dc], dPrev: [da_prev, dc_prev], dx, dStep: dp }) {
      const work = { dGate: d, product };
      k.hadamard(d, da, ot);
      k.backward(TANH, c, tanhC, d, d);
      k.axpy(dc, 1, d); // dc⟨t⟩ += da ⊙ Γo ⊙ (1 − tanh²(c⟨t⟩))
      k.hadamard(d, da, tanhC); // dΓo
      gateBackward(k, m, SIGMOID, ot, p.Wo, concat, dp.Wo, dp.bo, dconcat, false, work);
      k.hadamard(d, dc, cct); // dΓi
      gateBackward(k, m, SIGMOID, it, p.Wi, concat, dp.Wi, dp.bi, dconcat, true, work);
      k.hadamard(d, dc, it); // dc̃
      gateBackward(k, m, TANH, cct, p.Wc, concat, dp.Wc, dp.bc, dconcat, true, work);
      k.hadamard(d, dc, c_prev); // dΓf
      gateBackward(k, m, SIGMOID, ft, p.Wf, concat, dp.Wf, dp.bf, dconcat, true, work);
      k.hadamard(dc_prev, dc, ft);
      splitConcat(dconcat, da_prev, dx);
    },
  };
}
