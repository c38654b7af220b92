// Each layer as PyTorch code (spec §10): the layer's kind writes its module and forward() lines (its
// record's `torch`, see core/layers/torchCode.ts). This module is the exporter's one door to them.

import { kindOf, type LayerShapes } from '../../layers';
import type { TorchLayer } from '../../layers/torchCode';

export { torchActivation as activation } from '../../layers/activations';
export type { TorchLayer } from '../../layers/torchCode';

/** Layer l as its kind writes it, kept in self.NAME; the output layer returns Z[L]. */
export function torchLayer(layer: LayerShapes, name: string, last: boolean): TorchLayer {
  return kindOf(layer.spec).torch(layer.spec, { layer, name, last });
}
