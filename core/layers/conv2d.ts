// `conv2d N_C ACT f: F stride: S pad: P` (spec §8): N_C filters of f × f × n_C[l−1].

import type { Conv2dSpec } from '../model';
import type { LayerKind } from './kind';
import { windowed } from './shape';

export const conv2d: LayerKind<Conv2dSpec> = {
  kind: 'conv2d',
  output: (spec, input) => windowed(input, spec.f, spec.pad, spec.stride, spec.filters),
  parameters: (spec, input) =>
    input.kind === 'volume' ? { W: [spec.f, spec.f, input.n_C, spec.filters], b: [1, 1, 1, spec.filters] } : undefined,
  /** f·f·n_C[l−1]: the inputs one filter sums over */
  fanIn: (spec, input) => (input.kind === 'volume' ? spec.f * spec.f * input.n_C : 0),
};
