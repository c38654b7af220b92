// The layer table's shapes for any network (dense, conv2d, pools, flatten), from the shapes the
// layer kinds compute (core/layers): 2-tuples for vectors as course 1 writes them, 4-tuples for
// image volumes as course 4 does. Which matrices a layer has follows from what it is made of
// (parameters, an activation), never from a list of kinds.

import { networkShapes, type Shape } from '../../layers';
import type { Activation, LayerSpec, NetworkSpec } from '../../foundation/model';
import type { Dims, LayerShapes } from '../protocol';

/** A[l] (or Z[l], dZ[l]) of this shape: (n, m) for a vector, (m, n_H, n_W, n_C) for a volume. */
export function exampleDims(shape: Shape): Dims {
  return shape.kind === 'vector' ? [shape.n, 'm'] : ['m', shape.n_H, shape.n_W, shape.n_C];
}

/** `relu`, `leaky_relu(0.2)`. */
export function activationLabel({ name, slope }: Activation): string {
  return slope !== undefined && name === 'leaky_relu' ? `leaky_relu(${slope})` : name;
}

/** The shapes of every layer of a checked network, as the panel's layer table shows them. */
export function panelLayers(spec: NetworkSpec): LayerShapes[] {
  return networkShapes(spec).map(({ l, spec: layer, output, parameters }) => {
    const A = exampleDims(output);
    const shapes: LayerShapes = { l, kind: layer.kind, A };
    const activation = activationOf(layer);
    const units = unitsOf(layer);
    if (units !== undefined) shapes.units = units;
    if (activation) {
      shapes.activation = activationLabel(activation);
      shapes.Z = A;
      shapes.dZ = A;
    }
    if ('f' in layer) shapes.window = { f: layer.f, stride: layer.stride, pad: 'pad' in layer ? layer.pad : 0 };
    if (parameters) {
      shapes.W = parameters.W;
      shapes.b = parameters.b;
      shapes.dW = parameters.W;
      shapes.db = parameters.b;
    }
    return shapes;
  });
}

function activationOf(layer: LayerSpec): Activation | undefined {
  return 'activation' in layer ? layer.activation : undefined;
}

/** n[l] of a dense layer, n_C[l] of a conv2d. */
function unitsOf(layer: LayerSpec): number | undefined {
  if ('units' in layer) return layer.units;
  return 'filters' in layer ? layer.filters : undefined;
}
