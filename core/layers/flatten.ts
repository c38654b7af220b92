// `flatten` (spec §8): the volume (m, n_H, n_W, n_C) becomes columns (n_H·n_W·n_C, m), row-major
// over (h, w, c), so dense layers can follow.

import { outputRows } from './describe';
import type { LayerKind } from './kind';
import { ints } from './onnxGraph';
import { parameterFree, withoutParameters } from './parameterFree';
import { features, vector } from './shape';

/** `flatten`: (m, n_H, n_W, n_C) → (n_H·n_W·n_C, m), row-major over (h, w, c). */
export interface FlattenSpec {
  kind: 'flatten';
}

declare module '../foundation/model' {
  interface LayerSpecs {
    flatten: FlattenSpec;
  }
}

export const flatten: LayerKind<FlattenSpec> = {
  kind: 'flatten',
  output: (_spec, input) => (input.kind === 'volume' ? { output: vector(features(input)), issues: [] } : { issues: [{ kind: 'already-vector', input }] }),
  ...withoutParameters,
  // a transpose each way: A[l] (n, m) = A[l−1]ᵀ, dA[l−1] (m, n) = dA[l]ᵀ
  engine: (_spec, input) => parameterFree(features(input), {
    forward: ({ k, Aprev, A }) => k.transpose(A, Aprev),
    backward: ({ k, dA }, dAprev) => k.transpose(dAprev, dA),
  }),
  form: { options: [] },
  spec: () => ({ kind: 'flatten' }),
  insert: 'flatten',
  syntax: 'flatten',
  doc: 'Turns the volume (m, n_H, n_W, n_C) into the column vectors (n[l], m) of course 1, with n[l] = n_H·n_W·n_C in (h, w, c) row-major order, so `dense` layers can follow.',
  describe: (spec, shapes) => {
    const { l, input } = shapes;
    const k = l - 1;
    const product = input.kind === 'volume' ? `${input.n_H}·${input.n_W}·${input.n_C}` : String(features(input));
    return {
      kind: spec.kind,
      summary: 'volume → columns in (h, w, c) order',
      rows: [outputRows(shapes, false)],
      derivation: [
        `n[${l}] = n_H[${k}]·n_W[${k}]·n_C[${k}] = ${product} = ${features(shapes.output)}`,
        // Spec §8's row order, in this layer's numbers.
        ...(input.kind === 'volume' ? [`A[${l}][(h·${input.n_W} + w)·${input.n_C} + c, i] = A[${k}][i, h, w, c]`] : []),
      ],
      params: 0,
      fields: {},
    };
  },
  // back to NHWC first, so the features keep the editor's (h, w, c) order
  onnx: (_spec, { layer, input }) => ({
    nodes: [
      { op: 'Transpose', inputs: [input], output: `nhwc${layer.l}`, attributes: [ints('perm', [0, 2, 3, 1])] },
      { op: 'Flatten', inputs: [`nhwc${layer.l}`], output: `A${layer.l}`, attributes: [{ name: 'axis', i: 1 }] },
    ],
    initializers: [],
  }),
  torch: () => ({ forward: ['A = A.permute(0, 2, 3, 1).flatten(1)  # NHWC, then (h, w, c) order as the editor'] }),
};
