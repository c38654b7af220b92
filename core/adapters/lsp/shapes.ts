// Show Shapes and the network diagram (request nn/shapes): the `nn shapes` table and `nn shapes
// --json` of the network a command means, made here so that the editor shows what the command line
// prints without running the core itself.

import type { NetworkInfo } from '../../language/api';
import { exampleDims } from '../../layers/describe';
import { inputShapeOf } from '../../language/hoverLayer';
import { formatShapesTable } from '../../services/format/shapesTable';
import { shapesJson, type JsonDims } from '../../services/format/shapesJson';
import { fromLspPosition } from './convert';
import { networkAt } from './locate';
import type { ShapesParams, ShapesResult } from './protocol';

export function shapesOf(networks: readonly NetworkInfo[], { name, position }: ShapesParams): Omit<ShapesResult, 'version'> {
  const network = networkAt(networks, name, position && fromLspPosition(position));
  if (!network) return {};
  const input = network.layers[0]?.input ?? inputShapeOf(network);
  // By l: a layer the checker could not resolve is missing from `layers` (line 0, no input).
  const L = Math.max(0, ...network.layers.map((layer) => layer.index));
  const lines = Array.from({ length: L }, () => 0);
  const inputs = Array.from({ length: L }, (): JsonDims => []);
  for (const layer of network.layers) {
    lines[layer.index - 1] = layer.range.start.line;
    inputs[layer.index - 1] = exampleDims(layer.input);
  }
  return {
    network: network.name,
    table: formatShapesTable(network),
    json: shapesJson(network),
    X: input && exampleDims(input),
    lines,
    inputs,
  };
}
