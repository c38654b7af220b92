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
  return layers.map((info) => (namesOwnParameters(info) ? sequenceLayer(info) : courseLayer(info)));
}

/**
 * A kind that names its parameters other than W, b (rnn's Wax, embedding's E, layer_norm's γ): its
 * ParameterShapes' W is only how it counts them, so the table shows the named ones instead.
 */
function namesOwnParameters({ named }: LayerInfo): boolean {
  return named.length > 0 && !named.some((p) => p.name === 'W');
}

/** Dense, conv2d, pools and flatten as courses 1 and 4 write them (also dense per step, parameter-free kinds). */
function courseLayer({ index: l, spec: layer, A, W, b }: LayerInfo): LayerShapes {
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
}

/**
 * A course-5 kind: its named parameters and A[l]; over a sequence also a⟨t⟩ per step. It has no
 * single Z[l] (an rnn has a z⟨t⟩ per step, an LSTM four gates), so none is shown.
 */
function sequenceLayer({ index: l, spec: layer, input, output, A, named }: LayerInfo): LayerShapes {
  const shapes: LayerShapes = { l, kind: layer.kind, A, named: named.map(({ name, shape }) => ({ name, dims: shape })) };
  if ('units' in layer) shapes.units = layer.units;
  if ('activation' in layer) shapes.activation = activationLabel(layer.activation);
  const T = input.kind === 'sequence' || input.kind === 'tokens' ? input.T : undefined;
  if (T !== undefined && output.kind !== 'volume') {
    const n = output.kind === 'tokens' ? output.V : output.n;
    shapes.step = { dims: [n, 'm'], T, last: output.kind === 'vector' };
  }
  return shapes;
}
