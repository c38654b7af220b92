// `dense N ACT` (spec §3): Z[l] = W[l]·A[l−1] + b[l] on column vectors.

import type { DenseSpec } from '../model';
import type { LayerKind } from './kind';
import { vector } from './shape';

export const dense: LayerKind<DenseSpec> = {
  kind: 'dense',
  output: (spec, input) => (input.kind === 'vector' ? { output: vector(spec.units), issues: [] } : { issues: [{ kind: 'needs-vector', input }] }),
  parameters: (spec, input) => (input.kind === 'vector' ? { W: [spec.units, input.n], b: [spec.units, 1] } : undefined),
  fanIn: (_spec, input) => (input.kind === 'vector' ? input.n : 0),
};
