// Each layer as ONNX nodes (spec §10): the layer's kind writes them (its record's `onnx`, see
// core/layers/onnxGraph.ts for the shared parts). This module is the exporter's one door to them.
//
// float64: onnxruntime's CPU kernels (the runtime most users have, and the one the tests run) have
// no double Conv, AveragePool or LeakyRelu. A float64 file that no common runtime runs is of little
// use, so those kinds write ops it does run in double there; float32 files use the plain nodes
// Netron shows as such.

import { kindOf } from '../../layers';
import type { LayerContext, LayerGraph } from '../../layers/onnxGraph';

export { onnxActivation } from '../../layers/activations';
export type { LayerContext, LayerGraph, OnnxAttribute, OnnxInitializer, OnnxNode } from '../../layers/onnxGraph';

/** The nodes of the context's layer, as its kind writes them. */
export function onnxLayer(ctx: LayerContext): LayerGraph {
  return kindOf(ctx.layer.spec).onnx(ctx.layer.spec, ctx);
}
