// `rnn N_a [tanh | relu]` (spec §14): the basic RNN cell of course 5, week 1,
// a⟨t⟩ = g(Waa·a⟨t−1⟩ + Wax·x⟨t⟩ + ba), a⟨0⟩ = 0, run over the steps by the shared time loop
// (recurrent.ts) with `return: sequence | last` and `bidirectional`.

import type { Activation } from '../foundation/model';
import { ACTIVATION_KINDS } from './activations';
import type { ParameterSpec } from './engine';
import { inputGradient, inputProduct, type Cell } from './recurrent';

/** The activations `rnn` takes: tanh (the default, as the course's) and relu. */
export const RNN_ACTIVATIONS = [ACTIVATION_KINDS.tanh.name, ACTIVATION_KINDS.relu.name] as const;

/** Wax (n_a, n_x), Waa (n_a, n_a), ba (n_a, 1); each W initialised with fan-in its column count (spec §14). */
function rnnParameters(n_a: number, n_x: number): ParameterSpec[] {
  const weights = (name: string, cols: number): ParameterSpec =>
    ({ name, dims: [n_a, cols], shape: [n_a, cols], init: 'weights', fanIn: cols, trained: true, regularized: true });
  return [
    weights('Wax', n_x),
    weights('Waa', n_a),
    { name: 'ba', dims: [n_a, 1], shape: [n_a, 1], init: 'zeros', trained: true, regularized: false },
  ];
}

/**
 * The cell: one state a⟨t⟩; each step keeps z⟨t⟩ (relu's g′ reads z) and works in one (n_a, m)
 * matrix, Waa·a⟨t−1⟩ forward and dz⟨t⟩ backward.
 */
export function rnnCell(n_a: number, n_x: number, g: Activation): Cell {
  return {
    states: 1,
    kept: [n_a],
    work: [n_a],
    parameters: rnnParameters(n_a, n_x),
    activation: g,
    forward({ k, theta, prev: [a_prev], next: [a], kept: [z], work: [product], ...x }) {
      inputProduct(k, z, theta.Wax, x);
      k.mul(product, theta.Waa, a_prev);
      k.axpy(z, 1, product);
      k.addColumn(z, theta.ba);
      k.activate(g, z, a);
    },
    backward({ k, m, theta, prev: [a_prev], next: [a], kept: [z], work: [dz], dNext: [da], dPrev: [da_prev], dx, dStep, ...x }) {
      k.backward(g, z, a, da, dz);
      inputGradient(k, dStep.Wax, dz, x, 1 / m);
      k.mulBT(dStep.Waa, dz, a_prev, 1 / m);
      k.sumColumns(dStep.ba, dz, 1 / m);
      k.mulAT(da_prev, theta.Waa, dz);
      if (dx) k.mulAT(dx, theta.Wax, dz);
    },
  };
}
