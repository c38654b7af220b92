// The checker's layers (NetworkInfo.layers) as core/layers' LayerShapes, the one form the hover,
// the inlay hints and `nn shapes` describe every layer kind from.

import { courseParameters, isLayerKind, type LayerShapes } from '../layers';
import type { LayerInfo, NetworkInfo } from './api';
import type { LayerNode, Statement } from './ast';

export function layerShapes(layer: LayerInfo): LayerShapes {
  const parameters = courseParameters(layer.named);
  return {
    l: layer.index,
    spec: layer.spec,
    input: layer.input,
    output: layer.output,
    named: layer.named,
    ...(parameters && { parameters }),
    params: layer.params,
  };
}

/** Every layer the checker could infer, in order. */
export function networkLayerShapes(network: NetworkInfo): LayerShapes[] {
  return network.layers.map(layerShapes);
}

/** A statement that is a layer: l counts them all (spec §8). */
export const isLayer = (s: Statement): s is LayerNode => isLayerKind(s.kind);

/** The shapes of the layer `statement` of `node` is, when the checker could infer them. */
export function statementLayer(info: NetworkInfo | undefined, statement: Statement): LayerShapes | undefined {
  const start = statement.range.start;
  const layer = info?.layers.find((l) => l.range.start.line === start.line && l.range.start.column === start.column);
  return layer && layerShapes(layer);
}
