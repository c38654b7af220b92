// The LSTM cell of spec §14 (course 5, week 1) for the shared time loop (recurrent.ts):
//   concat = [a⟨t−1⟩; x⟨t⟩]                 (n_a + n_x, m)
//   Γf = σ(Wf·concat + bf), Γi = σ(Wi·concat + bi), c̃ = tanh(Wc·concat + bc), Γo = σ(Wo·concat + bo)
//   c⟨t⟩ = Γf⊙c⟨t−1⟩ + Γi⊙c̃,  a⟨t⟩ = Γo⊙tanh(c⟨t⟩)
// Two states pass from step to step, a⟨t⟩ and c⟨t⟩; each step keeps its concat, the four gates and
// tanh(c⟨t⟩) (named as the course's lstm_cell_forward: ft, it, cct, ot).
//
// For speed the four gates are one matrix: before the steps, `prepare` stacks W = [Wf; Wi; Wo; Wc]
// (4n_a, n_a + n_x) and b likewise, so a step's gates are one product W·concat (the three sigmoid
// gates first, then c̃, each activation one call), and backward's dW·, db and Wᵀ·dZ one product or
// sum each for the four gates. The parameters stay four W* and four b* (spec §14's weights keys).

import type { Kernels } from '../foundation/kernels';
import { rowBlock, type Matrix } from '../foundation/matrix';
import { SIGMOID, TANH } from './activations';
import { fillConcat, gateParameters, splitConcat } from './gates';
import type { Cell } from './recurrent';

/** The weights keys of an LSTM (spec §14), W* (n_a, n_a + n_x) then b* (n_a, 1), in the order initialisation visits them. */
export const LSTM_WEIGHTS = ['Wf', 'Wi', 'Wc', 'Wo'] as const;
export const LSTM_BIASES = ['bf', 'bi', 'bc', 'bo'] as const;

/** The gates in the stacked matrices' order: the sigmoid ones, then c̃ (tanh). */
const STACKED = ['f', 'i', 'o', 'c'] as const;

/** Rows of gate g (0…3 in STACKED's order) of a stacked (4n_a, cols) matrix. */
const gateRows = (M: Matrix, g: number): Matrix => rowBlock(M, g * (M.rows / 4), M.rows / 4);

/** Copies each gate's part between the stacked matrix and its own parameter (or gradient), by letter. */
function copyGates(stacked: Matrix, parts: Readonly<Record<string, Matrix>>, prefix: 'W' | 'b', toParts: boolean): void {
  STACKED.forEach((gate, g) => {
    const [block, own] = [gateRows(stacked, g), parts[prefix + gate]];
    if (toParts) own.data.set(block.data.subarray(0, own.rows * own.cols));
    else block.data.set(own.data.subarray(0, own.rows * own.cols));
  });
}

export function lstmCell(n_a: number, n_x: number): Cell {
  const sigmoids = (M: Matrix): Matrix => rowBlock(M, 0, 3 * n_a);
  return {
    states: 2,
    kept: [n_a + n_x, 4 * n_a, n_a],
    work: [4 * n_a, n_a + n_x],
    // the stacked W and b, and this step's dW and db of all four gates
    fixed: [[4 * n_a, n_a + n_x], [4 * n_a, 1], [4 * n_a, n_a + n_x], [4 * n_a, 1]],
    parameters: gateParameters(LSTM_WEIGHTS, LSTM_BIASES, n_a, n_x),
    // the gates' inputs feed σ and tanh: xavier by default, as a tanh layer's
    activation: TANH,
    prepare(_k: Kernels, theta, [W, b]) {
      copyGates(W, theta, 'W', false);
      copyGates(b, theta, 'b', false);
    },
    forward({ k, prev: [a_prev, c_prev], next: [a, c], kept: [concat, gates, tanhC], fixed: [W, b], ...x }) {
      fillConcat(concat, a_prev, x);
      k.mul(gates, W, concat);
      k.addColumn(gates, b);
      const [ft, it, ot, cct] = [0, 1, 2, 3].map((g) => gateRows(gates, g));
      k.activate(SIGMOID, sigmoids(gates), sigmoids(gates));
      k.activate(TANH, cct, cct);
      k.hadamard(c, ft, c_prev);
      k.hadamard(c, it, cct, c);
      k.activate(TANH, c, tanhC);
      k.hadamard(a, ot, tanhC);
    },
    // from da = ∂J/∂a⟨t⟩ and dc = ∂J/∂c⟨t⟩ through step t + 1; dc gains c⟨t⟩'s path through a⟨t⟩
    backward({ k, m, prev: [, c_prev], next: [, c], kept: [concat, gates, tanhC], fixed: [W, , dW, db],
      work: [dZ, dconcat], dNext: [da, dc], dPrev: [da_prev, dc_prev], dx, dStep: dp }) {
      const [ft, it, ot, cct] = [0, 1, 2, 3].map((g) => gateRows(gates, g));
      const [dft, dit, dot, dcct] = [0, 1, 2, 3].map((g) => gateRows(dZ, g));
      k.hadamard(dot, da, ot);
      k.backward(TANH, c, tanhC, dot, dot);
      k.axpy(dc, 1, dot); // dc⟨t⟩ += da ⊙ Γo ⊙ (1 − tanh²(c⟨t⟩))
      k.hadamard(dot, da, tanhC); // dΓo
      k.hadamard(dit, dc, cct); // dΓi
      k.hadamard(dcct, dc, it); // dc̃
      k.hadamard(dft, dc, c_prev); // dΓf
      // dZ of every gate from its dΓ: σ′ and tanh′ from the gates themselves
      k.backward(SIGMOID, sigmoids(gates), sigmoids(gates), sigmoids(dZ), sigmoids(dZ));
      k.backward(TANH, cct, cct, dcct, dcct);
      k.mulBT(dW, dZ, concat, 1 / m);
      k.sumColumns(db, dZ, 1 / m);
      copyGates(dW, dp, 'W', true);
      copyGates(db, dp, 'b', true);
      k.mulAT(dconcat, W, dZ);
      k.hadamard(dc_prev, dc, ft);
      splitConcat(dconcat, da_prev, dx);
    },
  };
}
