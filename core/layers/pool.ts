// `max_pool f: F stride: S` and `avg_pool …` (spec §8): per channel, no padding, no parameters.

import type { PoolSpec } from '../foundation/model';
import type { LayerEngine } from './engine';
import { grid } from './grid';
import type { LayerKind } from './kind';
import { features, windowed, type Shape } from './shape';

function pool(kind: PoolSpec['kind']): LayerKind<PoolSpec> {
  return {
    kind,
    output: (spec, input) => windowed(input, spec.f, 0, spec.stride, input.kind === 'volume' ? input.n_C : 0),
    parameters: () => undefined,
    fanIn: () => 0,
    statement: (spec) => `${kind} f: ${spec.f} stride: ${spec.stride}`,
    engine: (spec, input, output) => poolEngine(kind === 'max_pool', spec, input, output),
  };
}

/**
 * A[l] = max (or mean) of each window, per channel; backward hands each window's dA[l] to its first
 * maximum in row-major order (max) or ÷ f² to every entry (avg); overlapping windows add up. No
 * activation: Z[l] is A[l] and dZ[l] is dA[l].
 */
function poolEngine(max: boolean, spec: PoolSpec, input: Shape, output: Shape): LayerEngine {
  const at = grid(input, output, spec.f, spec.stride, 0);
  return {
    byRows: true,
    features: features(output),
    activation: { name: 'linear' },
    keepProb: 1,
    hasZ: false,
    scratch: () => [],
    forward: ({ k, m, Aprev, A }) => k.pool(max, A, Aprev, at(m)),
    backward({ k, m, Aprev, dA, dAprev }) {
      if (dAprev) k.poolBackward(max, dAprev, dA, Aprev, at(m));
    },
  };
}

export const maxPool = pool('max_pool');
export const avgPool = pool('avg_pool');
