// `flatten` (spec §8): the volume (m, n_H, n_W, n_C) becomes columns (n_H·n_W·n_C, m), row-major
// over (h, w, c), so dense layers can follow.

import type { FlattenSpec } from '../model';
import type { LayerKind } from './kind';
import { features, vector } from './shape';

export const flatten: LayerKind<FlattenSpec> = {
  kind: 'flatten',
  output: (_spec, input) => (input.kind === 'volume' ? { output: vector(features(input)), issues: [] } : { issues: [{ kind: 'needs-volume', input }] }),
  parameters: () => undefined,
  fanIn: () => 0,
};
