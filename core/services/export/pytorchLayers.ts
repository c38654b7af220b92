// Each layer kind as PyTorch code (spec §10): the module __init__ builds and the lines forward()
// runs. A typed table keyed by kind, so a new kind does not compile until it says how it exports.
// Inside forward(), image volumes are NCHW (PyTorch's convention) and vectors are (m, n), one
// example per row; `flatten` goes back to NHWC first, so its features keep the (h, w, c) order.

import type { Activation, LayerKindName, PoolSpec } from '../../foundation/model';
import type { LayerShapes } from '../../layers';
import type { SpecOf } from './kinds';
import { pyNumber } from './python';

/** One layer l as Python: `module` for __init__ (none for parameter-free code), `forward` lines on A. */
export interface TorchLayer {
  module?: string;
  forward: string[];
}

type Exporter<K extends LayerKindName> = (spec: SpecOf<K>, layer: LayerShapes, name: string, last: boolean) => TorchLayer;

/** g(Z) as a Python expression. */
export function activation(g: Activation, Z: string): string {
  switch (g.name) {
    case 'sigmoid': return `torch.sigmoid(${Z})`;
    case 'tanh': return `torch.tanh(${Z})`;
    case 'relu': return `torch.relu(${Z})`;
    case 'leaky_relu': return `F.leaky_relu(${Z}, ${pyNumber(g.slope ?? 0.01)})`;
    case 'linear': return Z;
    case 'softmax': return `torch.softmax(${Z}, dim=1)`;
  }
}

const pool = (module: string) => (spec: PoolSpec, _layer: LayerShapes, name: string): TorchLayer => ({
  module: `nn.${module}(${spec.f}, stride=${spec.stride})`,
  forward: [`A = self.${name}(A)`],
});

export const TORCH_LAYERS: { [K in LayerKindName]: Exporter<K> } = {
  dense: (spec, layer, name, last) => ({
    module: `nn.Linear(${layer.input.kind === 'vector' ? layer.input.n : 0}, ${spec.units})`,
    // the output layer returns Z[L]: the loss applies g[L] from Z, stably (spec §5)
    forward: last ? [`return self.${name}(A)`] : [`A = ${activation(spec.activation, `self.${name}(A)`)}`],
  }),
  conv2d: (spec, layer, name) => ({
    module: `nn.Conv2d(${layer.input.kind === 'volume' ? layer.input.n_C : 0}, ${spec.filters}, ${spec.f}, stride=${spec.stride}, padding=${spec.pad})`,
    forward: [`A = ${activation(spec.activation, `self.${name}(A)`)}`],
  }),
  max_pool: pool('MaxPool2d'),
  avg_pool: pool('AvgPool2d'),
  flatten: () => ({ forward: ['A = A.permute(0, 2, 3, 1).flatten(1)  # NHWC, then (h, w, c) order as the editor'] }),
};

/** The table's entry for `spec`. */
export function torchLayer(layer: LayerShapes, name: string, last: boolean): TorchLayer {
  const exporter = TORCH_LAYERS[layer.spec.kind] as Exporter<LayerKindName>;
  return exporter(layer.spec as SpecOf<LayerKindName>, layer, name, last);
}
