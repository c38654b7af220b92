// The training panel's layer table for any network (dense, conv2d, pools, flatten), read from the
// layers the language server's checker resolved (NetworkInfo.layers): the extension host works out no
// shape itself. 2-tuples for vectors as course 1 writes them, 4-tuples for image volumes as course 4
// does. Which matrices a layer has follows from what it is made of (parameters, an activation),
// never from a list of kinds.

import type { Activation, LayerSpec } from '../../core/foundation/model';
import { kindOf, type Shape } from '../../core/layers';
import type { LayerInfo } from '../../core/language/api';
import type { LayerShapes } from '../../core/services/protocol';

/** `relu`, `leaky_relu(0.2)`: the checker sets a slope only on an activation that takes one. */
export function activationLabel({ name, slope }: Activation): string {
  return slope !== undefined ? `${name}(${slope})` : name;
}

/** The shapes of every layer of a checked network, as the panel's layer table shows them. */
export function panelLayers(layers: readonly LayerInfo[]): LayerShapes[] {
  return layers.map(({ index: l, spec: layer, input, output, A, W, b }) => {
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
    if (input.kind === 'sequence' || input.kind === 'tokens') overTime(shapes, layer, input, output);
    return shapes;
  });
}

/**
 * A layer over steps as its kind's engine keeps it: parameters by their own names when they are not
 * W and b (a recurrent layer has no single W[l]: Wax, Waa, ba), no Z[l] when it keeps none (a
 * recurrent layer's z⟨t⟩ is per step, inside the cell), and A[l]'s shape at one step.
 */
function overTime(shapes: LayerShapes, layer: LayerSpec, input: Shape, output: Shape): void {
  const { parameters, hasZ } = kindOf(layer).engine(layer, input, output);
  if (!parameters.some((p) => p.name === 'W')) {
    for (const key of ['W', 'b', 'dW', 'db'] as const) delete shapes[key];
    const named = parameters.filter((p) => p.trained).map((p) => ({ name: p.name, dims: [...p.shape] }));
    if (named.length) shapes.named = named;
  }
  if (!hasZ) {
    delete shapes.Z;
    delete shapes.dZ;
  }
  if (output.kind === 'sequence') shapes.step = [output.n, 'm'];
}
