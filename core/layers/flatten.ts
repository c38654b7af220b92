// `flatten` (spec §8): the volume (m, n_H, n_W, n_C) becomes columns (n_H·n_W·n_C, m), row-major
// over (h, w, c), so dense layers can follow.

import type { FlattenSpec } from '../foundation/model';
import type { LayerEngine } from './engine';
import type { LayerKind } from './kind';
import { features, vector, type Shape } from './shape';

export const flatten: LayerKind<FlattenSpec> = {
  kind: 'flatten',
  output: (_spec, input) => (input.kind === 'volume' ? { output: vector(features(input)), issues: [] } : { issues: [{ kind: 'needs-volume', input }] }),
  parameters: () => undefined,
  fanIn: () => 0,
  statement: () => 'flatten',
  engine: (_spec, input) => flattenEngine(input),
};

/** A transpose each way: A[l] (n, m) = A[l−1]ᵀ, dA[l−1] (m, n) = dA[l]ᵀ. Z[l] is A[l]. */
function flattenEngine(input: Shape): LayerEngine {
  return {
    byRows: false,
    features: features(input),
    activation: { name: 'linear' },
    keepProb: 1,
    hasZ: false,
    scratch: () => [],
    forward: ({ k, Aprev, A }) => k.transpose(A, Aprev),
    backward({ k, dA, dAprev }) {
      if (dAprev) k.transpose(dAprev, dA);
    },
  };
}
