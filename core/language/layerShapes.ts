// The checker's layers (NetworkInfo.layers) as core/layers' LayerShapes, the one form the hover,
// the inlay hints and `nn shapes` describe every layer kind from.

import { vector, type LayerShapes } from '../layers';
import type { LayerInfo, NetworkInfo } from './api';

export function layerShapes(layer: LayerInfo): LayerShapes {
  return {
    l: layer.index,
    spec: { kind: 'dense', units: layer.units, activation: layer.activation },
    input: vector(layer.W[1]),
    output: vector(layer.units),
    parameters: { W: [...layer.W], b: [...layer.b] },
    params: layer.params,
  };
}

/** Every layer the checker could infer, in order. */
export function networkLayerShapes(network: NetworkInfo): LayerShapes[] {
  return network.layers.map(layerShapes);
}
