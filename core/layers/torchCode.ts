// What a kind's PyTorch export (spec §10) writes: the module __init__ builds and the lines forward()
// runs. Inside forward(), image volumes are NCHW (PyTorch's convention) and vectors are (m, n), one
// example per row. core/services/export/pytorch.ts writes the class around them.

import type { LayerShapes } from './shape';

/** One layer l as Python: `module` for __init__ (none for parameter-free code), `forward` lines on A. */
export interface TorchLayer {
  module?: string;
  forward: string[];
  /**
   * Where each of the layer's parameters lives in `module`, by name (W → `weight`, b → `bias` when
   * absent): a batch-normalized dense layer is Sequential(Linear, BatchNorm1d), its γ `1.weight`.
   * A path may be a slice of rows (`in_proj_weight[0:8]`), a transpose (`weight.T`) or tensors side
   * by side (`weight_hh_l0[0:3] | weight_ih_l0[0:3]`, an LSTM gate's columns): the runtime's tensor().
   */
  parameters?: Readonly<Record<string, string>>;
}

/** What an exporter knows besides its spec. */
export interface TorchContext {
  layer: LayerShapes;
  /** the attribute the module is kept in: self.NAME */
  name: string;
  /** the output layer: forward() returns Z[L], and the loss applies g[L] (spec §5) */
  last: boolean;
}

/**
 * A gated recurrent layer (spec §14) as the runtime's explicit module `cls` (CourseGRU: PyTorch has
 * no module of the lecture's GRU; the LSTM is nn.LSTM's, see lstm.ts): it holds the course's parameters under their own names (Wf, …, and `_rev` for the reverse
 * direction) and takes A batch-first, (m, T_x, n_x), or the token ids (m, T_x) of a tokens input.
 */
export function torchRecurrent(cls: string, spec: { units: number; returns?: string; bidirectional?: boolean }, { layer, name }: TorchContext,
  n_x: number, names: readonly string[]): TorchLayer {
  const suffixes = spec.bidirectional ? ['', '_rev'] : [''];
  const py = (flag: boolean) => (flag ? 'True' : 'False');
  return {
    module: `${cls}(${n_x}, ${spec.units}, bidirectional=${py(!!spec.bidirectional)}, last=${py(spec.returns === 'last')}, tokens=${py(layer.input.kind === 'tokens')})`,
    forward: [`A = self.${name}(A)`],
    parameters: Object.fromEntries(suffixes.flatMap((s) => names.map((p) => [p + s, p + s]))),
  };
}
