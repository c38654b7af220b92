// `lstm N_a [return: sequence | last] [bidirectional]` (spec §14): the LSTM of course 5, week 1, one
// cell (lstmCell.ts) run over the steps by the shared time loop (recurrent.ts).

import { gatedDescription, gatedGraph, gatedRecord } from './gated';
import type { LayerKind } from './kind';
import { LSTM_BIASES, LSTM_WEIGHTS, lstmCell } from './lstmCell';
import { stepFeatures, type RecurrentSpec } from './recurrent';
import { torchRecurrent } from './torchCode';

export interface LstmSpec extends RecurrentSpec {
  kind: 'lstm';
}

declare module '../foundation/model' {
  interface LayerSpecs {
    lstm: LstmSpec;
  }
}

export const lstm: LayerKind<LstmSpec> = {
  ...gatedRecord('lstm', 4, lstmCell),
  doc: 'A long short-term memory layer (course 5): with concat = [a⟨t−1⟩; x⟨t⟩], the forget, update (input) and output gates Γf, Γi, Γo = σ(W·concat + b) and the candidate c̃ = tanh(Wc·concat + bc) give c⟨t⟩ = Γf⊙c⟨t−1⟩ + Γi⊙c̃ and a⟨t⟩ = Γo⊙tanh(c⟨t⟩). W* are (n_a, n_a + n_x), b* (n_a, 1).',
  describe: (spec, shapes) => gatedDescription(spec, shapes, ['f', 'i', 'c', 'o'], ['a⟨t⟩', 'c⟨t⟩'], [
    'concat = [a⟨t−1⟩; x⟨t⟩]: (n_a + n_x, m), a⟨0⟩ = c⟨0⟩ = 0',
    'Γf = σ(Wf·concat + bf)  (forget gate)',
    'Γi = σ(Wi·concat + bi)  (update gate)',
    'c̃⟨t⟩ = tanh(Wc·concat + bc)  (candidate)',
    'Γo = σ(Wo·concat + bo)  (output gate)',
    'c⟨t⟩ = Γf⊙c⟨t−1⟩ + Γi⊙c̃⟨t⟩',
    'a⟨t⟩ = Γo⊙tanh(c⟨t⟩)',
  ]),
  // the steps unrolled on (batch, T, n_x): four gates on one concat, then c⟨t⟩ and a⟨t⟩
  onnx: (spec, ctx) => gatedGraph(spec, ctx, { weights: LSTM_WEIGHTS, biases: LSTM_BIASES }, 2,
    (b, x, [aPrev, cPrev], s) => {
      const concat = b.node('Concat', [aPrev, x], [{ name: 'axis', i: 1 }]);
      const [f, i, cc, o] = ['f', 'i', 'c', 'o'].map((g) => b.gate(g === 'c' ? 'Tanh' : 'Sigmoid', concat, `W${g}${s}`, `b${g}${s}`));
      const c = b.node('Add', [b.node('Mul', [f, cPrev]), b.node('Mul', [i, cc])]);
      return [b.node('Mul', [o, b.node('Tanh', [c])]), c];
    }),
  torch: (spec, ctx) => torchRecurrent('CourseLSTM', spec, ctx, stepFeatures(ctx.layer.input), [...LSTM_WEIGHTS, ...LSTM_BIASES]),
};
