// `max_pool f: F stride: S` and `avg_pool …` (spec §8): per channel, no padding, no parameters.

import type { PoolSpec } from '../model';
import type { LayerKind } from './kind';
import { windowed } from './shape';

function pool(kind: PoolSpec['kind']): LayerKind<PoolSpec> {
  return {
    kind,
    output: (spec, input) => windowed(input, spec.f, 0, spec.stride, input.kind === 'volume' ? input.n_C : 0),
    parameters: () => undefined,
    fanIn: () => 0,
  };
}

export const maxPool = pool('max_pool');
export const avgPool = pool('avg_pool');
