// Spec §3 and §8 as code for every layer kind: the shapes of layer l's matrices from its resolved
// spec and the shape of A[l−1]. The arithmetic lives in core/layers; this only writes it in the
// course's notation (2-tuples for column vectors, 4-tuples with `m` first for image volumes).

import { features, kindOf, parameterCount, type Shape } from '../layers';
import { hasZ, windowOf } from '../layers/window';
import type { Activation, LayerSpec } from '../foundation/model';
import type { Dimension, LayerInfo, Range } from './api';

/** A[l]'s shape for `m` examples: (n, m) for vectors, (m, n_H, n_W, n_C) for volumes. */
export function examplesShape(shape: Shape): Dimension[] {
  return shape.kind === 'vector' ? [shape.n, 'm'] : ['m', shape.n_H, shape.n_W, shape.n_C];
}

/** g[l] of a layer without one: A[l] = Z[l]. */
export const LINEAR: Activation = { name: 'linear' };

/** The LayerInfo of layer `index` (1-based): `output` is what kindOf(spec).output gave for `input`. */
export function layerInfoOf(index: number, spec: LayerSpec, input: Shape, output: Shape, range: Range): LayerInfo {
  const parameters = kindOf(spec).parameters(spec, input);
  const W = parameters?.W ?? [];
  const b = parameters?.b ?? [];
  const A = examplesShape(output);
  // flatten only reshapes: it has no Z[l] of its own (spec §8 lists A and dA for it).
  const Z = hasZ(spec) ? A : [];
  const info: LayerInfo = {
    index, kind: spec.kind, spec, input, output, range,
    units: features(output),
    activation: 'activation' in spec ? spec.activation : LINEAR,
    W, b, dW: [...W], db: [...b],
    Z, A, dZ: [...Z], dA: [...A],
    params: parameterCount(parameters),
  };
  const window = windowOf(spec);
  if (window) info.window = window;
  if (spec.kind === 'dense' && spec.keepProb !== undefined) info.keepProb = spec.keepProb;
  return info;
}
