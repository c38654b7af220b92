// `embedding N_e` (spec §14, course 5 week 2): right after a tokens input, each token id x⟨t⟩ becomes
// e⟨t⟩ = E[l]·o⟨t⟩, the column of E[l] (N_e, V) at the token (o⟨t⟩ its one-hot vector, never built).
// A[l−1] holds the ids (T, m), one row per step; A[l] is the sequence (N_e, m, T) as (T·N_e, m).

import { noActivation } from './parameterFree';
import { formatDims, outputRows } from './describe';
import { trainedParameters, type LayerEngine, type ParameterSpec } from './engine';
import type { LayerKind } from './kind';
import { transposed } from './onnxGraph';
import { sequence, type Shape } from './shape';

/** `embedding N_e`: N_e = units, the size of each token's vector. */
export interface EmbeddingSpec {
  kind: 'embedding';
  units: number;
}

declare module '../foundation/model' {
  interface LayerSpecs {
    embedding: EmbeddingSpec;
  }
}

/** V of a tokens input, 0 otherwise (which the shape rule refuses). */
const vocabOf = (input: Shape): number => (input.kind === 'tokens' ? input.V : 0);

export const embedding: LayerKind<EmbeddingSpec> = {
  kind: 'embedding',
  output: (spec, input) => (input.kind === 'tokens' ? { output: sequence(spec.units, input.T), issues: [] } : { issues: [{ kind: 'needs-tokens', input }] }),
  parameters: (spec, input) => (input.kind === 'tokens' ? trainedParameters(embeddingParameters(spec.units, input.V)) : []),
  fanIn: (_spec, input) => vocabOf(input),
  engine: (spec, input) => embeddingEngine(spec.units, input),
  hasZ: false,
  form: {
    count: { field: 'units', missing: 'the size N_e of each token\'s vector after `embedding`, e.g. `embedding 16`', what: (l) => `the embedding size n[${l}]` },
    options: [],
  },
  spec: ({ count }) => ({ kind: 'embedding', units: count! }),
  insert: 'embedding ${1:16}',
  syntax: 'embedding N_e',
  doc: 'Word embeddings (course 5, week 2), right after `input tokens(…)`: each token x⟨t⟩ becomes e⟨t⟩ = E[l]·o⟨t⟩, the column of E[l] (N_e, V) at the token, so A[l] is the sequence (N_e, m, T_x). E[l] is trained like W; it starts from N(0, 1)·0.01 unless `init` says otherwise.',
  describe: (spec, shapes) => {
    const { l, input } = shapes;
    const V = vocabOf(input), T = input.kind === 'tokens' ? input.T : 0, N = spec.units;
    return {
      kind: spec.kind,
      summary: `${N} features per token`,
      rows: [{ names: ['E', 'dE'], rule: '(N_e, V)', dims: [N, V] }, outputRows(shapes, false)],
      derivation: [
        `e⟨t⟩ = E[${l}]·o⟨t⟩ = E[${l}][:, x⟨t⟩], the column of the token: ${formatDims([N, V])}·${formatDims([V, 'm'])} → ${formatDims([N, 'm'])} at each step t = 1…T_x = ${T}`,
        `dE[${l}] = (1/m)·Σ_i Σ_t dA[${l}]⟨t⟩(i) added to the column of x⟨t⟩(i) (a token seen twice gets both)`,
        // PyTorch's nn.Embedding keeps Eᵀ, one row per token
        `PyTorch: nn.Embedding(${V}, ${N}), weight (V, N_e) = E[${l}]ᵀ, on X (m, T_x) → (m, ${T}, ${N})`,
      ],
      count: `N_e·V = ${N}·${V}`,
      params: shapes.params,
      fields: { units: N },
    };
  },
  // Gather of Eᵀ's rows by the ids (batch, T) gives batch-first (batch, T, N_e)
  onnx: (spec, { layer, input, values }) => ({
    nodes: [
      { op: 'Cast', inputs: [input], output: `ids${layer.l}`, attributes: [{ name: 'to', i: INT64 }] },
      { op: 'Gather', inputs: [`Et${layer.l}`, `ids${layer.l}`], output: `A${layer.l}`, attributes: [{ name: 'axis', i: 0 }] },
    ],
    initializers: [{ name: `Et${layer.l}`, dims: [vocabOf(layer.input), spec.units], values: transposed(values.E, spec.units, vocabOf(layer.input)) }],
  }),
  torch: (spec, { layer, name }) => ({
    module: `nn.Embedding(${vocabOf(layer.input)}, ${spec.units})`,
    parameters: { E: 'weight.T' }, // E (N_e, V) is nn.Embedding's weight (V, N_e) transposed
    forward: [`A = self.${name}(A.long())  # ids (m, T_x) → (m, T_x, N_e)`],
  }),
};

/** ONNX's TensorProto.INT64. */
const INT64 = 7;

/** E[l] (N_e, V), one column per token: the engine's list and the record's. */
function embeddingParameters(N: number, V: number): ParameterSpec[] {
  return [{ name: 'E', dims: [N, V], shape: [N, V], init: 'small', fanIn: V, trained: true, regularized: true }];
}

/** A[l] (T·N_e, m) from the ids A[l−1] (T, m) and E[l] (N_e, V); dE[l] scattered back. Z[l] is A[l]. */
function embeddingEngine(N: number, input: Shape): LayerEngine {
  const V = vocabOf(input), T = input.kind === 'tokens' ? input.T : 0;
  /** the id at step t of example j, checked: anything else would read outside E[l] */
  const id = (ids: Float64Array, p: number): number => {
    const x = ids[p];
    if (!(Number.isInteger(x) && x >= 0 && x < V)) throw new Error(`a token id must be a whole number from 0 to ${V - 1}, not ${x}`);
    return x;
  };
  return {
    ...noActivation(N * T),
    parameters: embeddingParameters(N, V),
    hasZ: false,
    scratch: () => [],
    forward({ m, theta, Aprev, A }) {
      const E = theta.E.data, ids = Aprev.data, out = A.data;
      for (let t = 0; t < T; t++) {
        for (let j = 0; j < m; j++) {
          const x = id(ids, t * m + j);
          for (let i = 0; i < N; i++) out[(t * N + i) * m + j] = E[i * V + x];
        }
      }
    },
    // no dA[l−1]: token ids have no gradient
    backward({ m, dTheta, Aprev, dA }) {
      const dE = dTheta.E.data, ids = Aprev.data, d = dA.data;
      dE.fill(0, 0, N * V);
      for (let t = 0; t < T; t++) {
        for (let j = 0; j < m; j++) {
          const x = ids[t * m + j];
          for (let i = 0; i < N; i++) dE[i * V + x] += d[(t * N + i) * m + j] / m;
        }
      }
    },
  };
}
