// `dense N ACT` (spec §3): Z[l] = W[l]·A[l−1] + b[l] on column vectors.

import type { DenseSpec } from '../foundation/model';
import type { LayerEngine } from './engine';
import { activationText, type LayerKind } from './kind';
import { features, vector } from './shape';

export const dense: LayerKind<DenseSpec> = {
  kind: 'dense',
  output: (spec, input) => (input.kind === 'vector' ? { output: vector(spec.units), issues: [] } : { issues: [{ kind: 'needs-vector', input }] }),
  parameters: (spec, input) => (input.kind === 'vector' ? { W: [spec.units, input.n], b: [spec.units, 1] } : undefined),
  fanIn: (_spec, input) => (input.kind === 'vector' ? input.n : 0),
  statement: (spec) => `dense ${spec.units} ${activationText(spec.activation)}${spec.keepProb === undefined ? '' : `  keep_prob: ${spec.keepProb}`}`,
  engine: (spec, input) => denseEngine(spec, features(input)),
};

/** Spec §5 and §9: the products of course 1, inverted dropout on A[l], L2 on dW[l]. */
function denseEngine(spec: DenseSpec, fanIn: number): LayerEngine {
  const g = spec.activation;
  const keepProb = spec.keepProb ?? 1;
  return {
    byRows: false,
    features: spec.units,
    activation: g,
    keepProb,
    parameters: { W: [spec.units, fanIn], b: [spec.units, 1] },
    hasZ: true,
    scratch: () => [],
    forward({ k, W, b, Aprev, Z, A, D, G }, drop) {
      k.mul(Z, W, Aprev);
      k.addColumn(Z, b);
      if (drop) {
        k.activate(g, Z, G);
        drop(D, keepProb);
        k.mask(A, G, D, keepProb);
      } else {
        k.activate(g, Z, A);
      }
    },
    backward({ k, m, W, dW, db, Aprev, Z, A, dZ, dA, dAprev, D, G }, output, masked, lambda) {
      if (!output) {
        if (masked) k.mask(dA, dA, D, keepProb);
        k.backward(g, Z, masked ? G : A, dA, dZ);
      }
      k.mulBT(dW, dZ, Aprev, 1 / m);
      if (lambda !== 0) k.axpy(dW, lambda / m, W);
      k.sumColumns(db, dZ, 1 / m);
      if (dAprev) k.mulAT(dAprev, W, dZ);
    },
  };
}
