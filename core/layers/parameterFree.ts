// What the engines of layers without an activation share (flatten, the pools, global_avg_pool,
// positional_encoding; layer norm, embedding and self-attention keep parameters but have no g[l]):
// g[l] is linear and there is no dropout. A parameter-free layer also has nothing to initialise,
// update or keep beside A[l], so its module need hold only its two equations.

import type { Matrix } from '../foundation/matrix';
import { LINEAR } from './activations';
import type { LayerEngine, LayerPass } from './engine';
import type { NamedParameter } from './shape';

/** The record fields of a kind without parameters: no W[l], b[l], no fan-in, no Z[l] of its own. */
export const withoutParameters = {
  parameters: (): NamedParameter[] => [],
  fanIn: (): number => 0,
  hasZ: false,
} as const;

/** A layer's engine fields when it has no activation: g[l] linear, keep_prob 1; examples as columns unless `byRows` (volumes). */
export function noActivation(features: number, byRows = false): Pick<LayerEngine, 'byRows' | 'features' | 'activation' | 'keepProb'> {
  return { byRows, features, activation: LINEAR, keepProb: 1 };
}

/** The two equations of a parameter-free layer. */
export interface FreePasses {
  /** A[l] from A[l−1] (Z[l] is A[l]) */
  forward(pass: LayerPass): void;
  /** dA[l−1] from dA[l]; never called for layer 1, whose dA[l−1] nobody needs */
  backward(pass: LayerPass, dAprev: Matrix): void;
}

/** The LayerEngine of a layer with no parameters and no activation, from its two passes. */
export function parameterFree(features: number, { forward, backward }: FreePasses, byRows = false): LayerEngine {
  return {
    ...noActivation(features, byRows),
    parameters: [],
    hasZ: false,
    scratch: () => [],
    forward,
    backward(pass) {
      if (pass.dAprev) backward(pass, pass.dAprev);
    },
  };
}
