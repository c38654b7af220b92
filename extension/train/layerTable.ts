// The training panel's layer table for any network (dense, conv2d, pools, flatten), read from the
// layers the language server's checker resolved (NetworkInfo.layers): the extension host works out no
// shape itself. 2-tuples for vectors as course 1 writes them, 4-tuples for image volumes as course 4
// does. Which matrices a layer has follows from what it is made of (parameters, an activation),
// never from a list of kinds.

import type { Activation } from '../../core/foundation/model';
import type { LayerInfo } from '../../core/language/api';
import type { LayerShapes } from '../../core/services/protocol';

/** `relu`, `leaky_relu(0.2)`: the checker sets a slope only on an activation that takes one. */
export function activationLabel({ name, slope }: Activation): string {
  return slope !== undefined ? `${name}(${slope})` : name;
}

/** The shapes of every layer of a checked network, as the panel's layer table shows them. */
export function panelLayers(layers: readonly LayerInfo[]): LayerShapes[] {
  return layers.map(({ index: l, spec: layer, A, W, b }) => {
    const shapes: LayerShapes = { l, kind: layer.kind, A };
    if ('units' in layer) shapes.units = layer.units;
    else if ('filters' in layer) shapes.units = layer.filters;
    if ('activation' in layer) {
      shapes.activation = activationLabel(layer.activation);
      shapes.Z = A;
      shapes.dZ = A;
    }
    if ('f' in layer) shapes.window = { f: layer.f, stride: layer.stride, pad: 'pad' in layer ? layer.pad : 0 };
    if (W.length) {
      shapes.W = W;
      shapes.b = b;
      shapes.dW = W;
      shapes.db = b;
    }
    return shapes;
  });
}
