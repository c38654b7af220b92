// `lstm N_a [return: sequence | last] [bidirectional]` (spec §14): the LSTM of course 5, week 1, one
// cell (lstmCell.ts) run over the steps by the shared time loop (recurrent.ts).

import { gatedDescription, gatedGraph, gatedRecord } from './gated';
import type { LayerKind } from './kind';
import { LSTM_BIASES, LSTM_WEIGHTS, lstmCell } from './lstmCell';
import { directions, REVERSE, stepFeatures, torchSequenceInput, torchSequenceOutput, type RecurrentSpec } from './recurrent';
import type { TorchContext, TorchLayer } from './torchCode';

export interface LstmSpec extends RecurrentSpec {
  kind: 'lstm';
}

declare module '../foundation/model' {
  interface LayerSpecs {
    lstm: LstmSpec;
  }
}

export const lstm: LayerKind<LstmSpec> = {
  ...gatedRecord('lstm', lstmCell),
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
  torch: lstmTorch,
};

/** The course's gates in the order nn.LSTM stacks its rows: i, f, g (the candidate c̃), o. */
const TORCH_GATES = ['i', 'f', 'c', 'o'] as const;

/**
 * PyTorch (spec §10): nn.LSTM(batch_first=True) is the course's cell. It stacks the gates' rows in
 * its order i, f, g, o and splits each gate's W* (n_a, n_a + n_x) = [a-columns | x-columns] into
 * weight_hh and weight_ih, so Wf is the rows n_a … 2n_a − 1 of [weight_hh_l0 | weight_ih_l0] (a
 * side-by-side path, pytorchRuntime's tensor()); bf those rows of bias_ih_l0, while its second
 * bias bias_hh is held at 0 and not trained (hidden_bias_off), as the course has one. The `_rev`
 * set is the tensors ending in `_reverse`.
 */
function lstmTorch(spec: LstmSpec, { layer, name }: TorchContext): TorchLayer {
  const n_a = spec.units;
  const parameters: Record<string, string> = {};
  for (let d = 0; d < directions(spec); d++) {
    const [s, reverse] = d === 0 ? ['', ''] : [REVERSE, '_reverse'];
    TORCH_GATES.forEach((g, k) => {
      const rows = `[${k * n_a}:${(k + 1) * n_a}]`;
      parameters[`W${g}${s}`] = `weight_hh_l0${reverse}${rows} | weight_ih_l0${reverse}${rows}`;
      parameters[`b${g}${s}`] = `bias_ih_l0${reverse}${rows}`;
    });
  }
  const options = `batch_first=True${spec.bidirectional ? ', bidirectional=True' : ''}`;
  return {
    module: `hidden_bias_off(nn.LSTM(${stepFeatures(layer.input)}, ${n_a}, ${options}))  # rows i, f, g, o = the course's Γi, Γf, c̃, Γo: W* = [weight_hh | weight_ih] rows, b* = bias_ih rows, bias_hh = 0`,
    forward: [...torchSequenceInput(layer.input, `self.${name}`), ...torchSequenceOutput(spec, `self.${name}(A)`, '(h_n, _)')],
    parameters,
  };
}
