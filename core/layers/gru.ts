// `gru N_a [return: sequence | last] [bidirectional]` (spec §14): the lecture's full GRU of course 5,
// week 1 (with the relevance gate Γr inside c̃'s product, not PyTorch's nn.GRU), one cell
// (gruCell.ts) run over the steps by the shared time loop (recurrent.ts).

import { gatedDescription, gatedGraph, gatedRecord } from './gated';
import { GRU_BIASES, GRU_WEIGHTS, gruCell } from './gruCell';
import type { LayerKind } from './kind';
import { stepFeatures, type RecurrentSpec } from './recurrent';
import { torchRecurrent } from './torchCode';

export interface GruSpec extends RecurrentSpec {
  kind: 'gru';
}

declare module '../foundation/model' {
  interface LayerSpecs {
    gru: GruSpec;
  }
}

export const gru: LayerKind<GruSpec> = {
  ...gatedRecord('gru', gruCell),
  doc: 'The full gated recurrent unit of the lecture (course 5): Γr = σ(Wr·[c⟨t−1⟩; x⟨t⟩] + br), Γu = σ(Wu·[c⟨t−1⟩; x⟨t⟩] + bu), c̃ = tanh(Wc·[Γr⊙c⟨t−1⟩; x⟨t⟩] + bc), c⟨t⟩ = Γu⊙c̃ + (1 − Γu)⊙c⟨t−1⟩, a⟨t⟩ = c⟨t⟩. W* are (n_a, n_a + n_x), b* (n_a, 1). Not PyTorch\'s nn.GRU, which applies Γr after the product.',
  describe: (spec, shapes) => gatedDescription(spec, shapes, ['u', 'r', 'c'], ['a⟨t⟩ = c⟨t⟩'], [
    'Γr = σ(Wr·[c⟨t−1⟩; x⟨t⟩] + br)  (relevance gate), c⟨0⟩ = 0',
    'Γu = σ(Wu·[c⟨t−1⟩; x⟨t⟩] + bu)  (update gate)',
    'c̃⟨t⟩ = tanh(Wc·[Γr⊙c⟨t−1⟩; x⟨t⟩] + bc)',
    'c⟨t⟩ = Γu⊙c̃⟨t⟩ + (1 − Γu)⊙c⟨t−1⟩',
    'a⟨t⟩ = c⟨t⟩',
  ]),
  // the steps unrolled on (batch, T, n_x), Γr inside c̃'s product (ONNX's GRU with linear_before_reset = 0 computes the same)
  onnx: (spec, ctx) => gatedGraph(spec, ctx, { weights: GRU_WEIGHTS, biases: GRU_BIASES }, 1,
    (b, x, [cPrev], s) => {
      const concat = b.node('Concat', [cPrev, x], [{ name: 'axis', i: 1 }]);
      const r = b.gate('Sigmoid', concat, `Wr${s}`, `br${s}`);
      const u = b.gate('Sigmoid', concat, `Wu${s}`, `bu${s}`);
      const cc = b.gate('Tanh', b.node('Concat', [b.node('Mul', [r, cPrev]), x], [{ name: 'axis', i: 1 }]), `Wc${s}`, `bc${s}`);
      return [b.node('Add', [cPrev, b.node('Mul', [u, b.node('Sub', [cc, cPrev])])])];
    }),
  torch: (spec, ctx) => torchRecurrent('CourseGRU', spec, ctx, stepFeatures(ctx.layer.input), [...GRU_WEIGHTS, ...GRU_BIASES]),
};
