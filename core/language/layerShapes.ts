// The checker's layers (NetworkInfo.layers) as core/layers' LayerShapes, the one form the hover,
// the inlay hints and `nn shapes` describe every layer kind from.

import { networkShapes, vector, type LayerShapes } from '../layers';
import type { LayerInfo, NetworkInfo } from './api';
import type { NetworkNode, Statement } from './ast';
import { IMAGE_LAYER_KEYWORDS } from './catalog';

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

/** A statement that is a layer: l counts them all (spec §8). */
export const isLayer = (s: Statement) => s.kind === 'dense' || IMAGE_LAYER_KEYWORDS.includes(s.keyword);

/** The shapes of the layer `statement` of `node` is, when the checker accepted the network. */
export function statementLayer(info: NetworkInfo | undefined, node: NetworkNode, statement: Statement): LayerShapes | undefined {
  if (!info?.spec || !isLayer(statement)) return undefined;
  const l = node.statements.filter(isLayer).indexOf(statement);
  return networkShapes(info.spec)[l];
}
