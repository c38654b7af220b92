// `global_avg_pool` (spec §12): the mean of each channel over its n_H·n_W positions, so the volume
// (m, n_H, n_W, n_C) becomes the column vectors (n_C, m) a dense layer reads — how ResNet, Inception
// and MobileNet end, with no flatten and no parameters. Over a sequence (§12's table, §14) it is the
// mean over the T steps, (n, m, T) → (n, m): many-to-one without a recurrent layer.

import type { LayerDescription, MatrixRow } from './describe';
import type { LayerEngine } from './engine';
import { stepsOf } from '../foundation/matrix';
import type { LayerKind } from './kind';
import { ints, volumeOf } from './onnxGraph';
import { parameterFree, withoutParameters } from './parameterFree';
import { vector, type Shape } from './shape';

/** n_H·n_W: the positions one mean is taken over (0 for vectors, which the checker refuses). */
const positions = (input: Shape): number => (input.kind === 'volume' ? input.n_H * input.n_W : 0);

/** `global_avg_pool` (spec §12): (m, n_H, n_W, n_C) → (n_C, m), the mean of each channel. */
export interface GlobalAvgPoolSpec {
  kind: 'global_avg_pool';
}

declare module '../foundation/model' {
  interface LayerSpecs {
    global_avg_pool: GlobalAvgPoolSpec;
  }
}

export const globalAvgPool: LayerKind<GlobalAvgPoolSpec> = {
  kind: 'global_avg_pool',
  output: (_spec, input) => (input.kind === 'volume' ? { output: vector(input.n_C), issues: [] }
    : input.kind === 'sequence' ? { output: vector(input.n), issues: [] }
      : { issues: [{ kind: 'needs-volume', input, what: 'averages each channel over the positions of an image volume (or each feature over the steps of a sequence)' }] }),
  ...withoutParameters,
  engine: (_spec, input) => (input.kind === 'sequence' ? stepMeanEngine(input.n, input.T) : channelMeanEngine(input)),
  form: { options: [] },
  spec: () => ({ kind: 'global_avg_pool' }),
  insert: 'global_avg_pool',
  syntax: 'global_avg_pool',
  doc: 'Global average pooling: each of the n_C[l−1] channels becomes its mean over the n_H·n_W positions, so the volume (m, n_H, n_W, n_C) becomes the column vectors (n_C, m) that `dense` layers read. No parameters; ResNet, Inception and MobileNet end this way instead of with `flatten`.',
  describe: (spec, shapes) => {
    const { l, input } = shapes;
    const k = l - 1;
    if (input.kind === 'sequence') return stepMeanDescription(spec, l, input.n, input.T);
    const { C, H, W } = volumeOf(input);
    const A: MatrixRow = { names: ['A', 'dA'], rule: `(n_C[${k}], m)`, dims: [C, 'm'] };
    return {
      kind: spec.kind,
      summary: 'the mean of each channel',
      rows: [A],
      derivation: [
        `n[${l}] = n_C[${k}] = ${C}`,
        `A[${l}][c, i] = (1/(n_H[${k}]·n_W[${k}]))·Σ_h,w A[${k}][i, h, w, c], the mean of ${H}·${W} = ${H * W} positions`,
        // PyTorch's layout beside the course's: NCHW in, (m, n) out
        `PyTorch: A.mean(dim=(2, 3)), (m, ${C}, ${H}, ${W}) → (m, ${C})`,
      ],
      params: 0,
      fields: {},
    };
  },
  // ReduceMean over H and W of NCHW runs in float32 and float64 alike (GlobalAveragePool is float32
  // only in onnxruntime's CPU kernels) and leaves the (batch, n_C) a dense layer's MatMul reads
  // over a sequence, the steps of batch-first (batch, T, n)
  onnx: (_spec, { layer, input }) => ({
    nodes: [{ op: 'ReduceMean', inputs: [input], output: `A${layer.l}`, attributes: [ints('axes', layer.input.kind === 'sequence' ? [1] : [2, 3]), { name: 'keepdims', i: 0 }] }],
    initializers: [],
  }),
  torch: (_spec, { layer }) => ({ forward: [layer.input.kind === 'sequence' ? 'A = A.mean(dim=1)  # (m, T, n) → (m, n)' : 'A = A.mean(dim=(2, 3))  # NCHW → (m, n_C)'] }),
};

/** Over the steps: A[l] = (1/T)·Σ_t A[l−1]⟨t⟩ (n, m). */
function stepMeanDescription(spec: GlobalAvgPoolSpec, l: number, n: number, T: number): LayerDescription {
  const k = l - 1;
  return {
    kind: spec.kind,
    summary: 'the mean over the steps',
    rows: [{ names: ['A', 'dA'], rule: `(n[${l}], m)`, dims: [n, 'm'] }],
    derivation: [
      `n[${l}] = n[${k}] = ${n}`,
      `A[${l}] = (1/T_x)·Σ_t A[${k}]⟨t⟩, the mean of T_x = ${T} steps; dA[${k}]⟨t⟩ = dA[${l}]/T_x`,
      `PyTorch: A.mean(dim=1), (m, ${T}, ${n}) → (m, ${n})`,
    ],
    params: 0,
    fields: {},
  };
}

/** A[l] (n, m) from the T step blocks (n, m) of A[l−1]; each step gets dA[l]/T back. Z[l] is A[l]. */
function stepMeanEngine(n: number, T: number): LayerEngine {
  return parameterFree(n, {
    forward({ k, Aprev, A }) {
      A.data.fill(0, 0, A.rows * A.cols);
      for (const x of stepsOf(Aprev, T)) k.axpy(A, 1 / T, x);
    },
    backward({ k, dA }, dAprev) {
      dAprev.data.fill(0, 0, dAprev.rows * dAprev.cols);
      for (const dx of stepsOf(dAprev, T)) k.axpy(dx, 1 / T, dA);
    },
  });
}

/** A[l] (n_C, m), columns as for dense layers, from A[l−1] (m, n_H·n_W·n_C); Z[l] is A[l]. */
function channelMeanEngine(input: Shape): LayerEngine {
  const P = positions(input);
  return parameterFree(input.kind === 'volume' ? input.n_C : 0, {
    forward: ({ k, Aprev, A }) => k.channelMeans(A, Aprev, P),
    backward: ({ k, dA }, dAprev) => k.channelMeansBackward(dAprev, dA, P),
  });
}
