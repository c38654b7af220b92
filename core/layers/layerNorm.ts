// `layer_norm` (spec §13): a layer l with no activation that normalizes each example over its n
// features, A[l] = γ[l]·(A[l−1] − μ)/√(σ² + ε) + β[l] with μ and the biased σ² of that example's
// column, γ[l], β[l] (n[l], 1); as PyTorch's LayerNorm(n). The same in training and evaluation: it
// keeps no running statistics. (Per step of a sequence once sequences exist, §14.)

import { LINEAR } from './activations';
import { BATCH_NORM_EPSILON } from './batchNorm';
import { outputRows } from './describe';
import type { LayerEngine, ParameterSpec } from './engine';
import type { LayerKind } from './kind';
import type { Shape } from './shape';

/** ε of layer norm: PyTorch's default, as batch norm's. */
const EPSILON = BATCH_NORM_EPSILON;

const n = (input: Shape): number => (input.kind === 'vector' ? input.n : 0);

/** `layer_norm` (spec §13): per example over its n features, with γ[l], β[l] (n[l], 1); no activation. */
export interface LayerNormSpec {
  kind: 'layer_norm';
}

declare module '../foundation/model' {
  interface LayerSpecs {
    layer_norm: LayerNormSpec;
  }
}

export const layerNorm: LayerKind<LayerNormSpec> = {
  kind: 'layer_norm',
  output: (_spec, input) => (input.kind === 'vector' ? { output: input, issues: [] } : { issues: [{ kind: 'needs-vector', input }] }),
  parameters: (_spec, input) => (input.kind === 'vector' ? { gammaBeta: [input.n, 1] } : undefined),
  fanIn: () => 0,
  engine: (_spec, input) => layerNormEngine(n(input)),
  hasZ: false,
  form: { options: [] },
  spec: () => ({ kind: 'layer_norm' }),
  insert: 'layer_norm',
  syntax: 'layer_norm',
  doc: 'Layer normalization: each example (column) of A[l−1] normalized over its n features, A[l] = γ[l]·(A[l−1] − μ)/√(σ² + ε) + β[l], with γ[l], β[l] (n[l], 1) learned; no activation.',
  describe: (spec, shapes) => {
    const { l } = shapes;
    const size = n(shapes.input);
    const rule = `(n[${l}], 1)`;
    return {
      kind: spec.kind,
      summary: `${size} features per example`,
      rows: [
        { names: ['γ', 'dγ'], rule, dims: [size, 1] },
        { names: ['β', 'dβ'], rule, dims: [size, 1] },
        outputRows(shapes, false),
      ],
      derivation: [
        `μ, σ² of each column of A[${l - 1}] over its n[${l - 1}] = ${size} features (σ² biased)`,
        `A[${l}] = γ[${l}]·(A[${l - 1}] − μ) / √(σ² + ε) + β[${l}], ε = 1e-5`,
      ],
      count: `2·n[${l}] = 2·${size}`,
      params: shapes.params,
      fields: {},
    };
  },
  // ONNX's LayerNormalization (opset 17) over the last axis of (batch, n), in eval mode as in training
  onnx: (_spec, { layer, input, values }) => ({
    nodes: [{ op: 'LayerNormalization', inputs: [input, `gamma${layer.l}`, `beta${layer.l}`], output: `A${layer.l}`, attributes: [{ name: 'axis', i: -1 }, { name: 'epsilon', f: EPSILON }] }],
    initializers: [
      { name: `gamma${layer.l}`, dims: [n(layer.input)], values: values.gamma },
      { name: `beta${layer.l}`, dims: [n(layer.input)], values: values.beta },
    ],
    opset: 17,
  }),
  torch: (_spec, { layer, name }) => ({
    module: `nn.LayerNorm(${n(layer.input)}, eps=${EPSILON})`,
    forward: [`A = self.${name}(A)`],
    parameters: { gamma: 'weight', beta: 'bias' },
  }),
};

/** γ[l], β[l] (n[l], 1): trained, not regularized (spec §13); γ starts at 1, β at 0. */
function layerNormParameters(size: number): ParameterSpec[] {
  return [
    { name: 'gamma', dims: [size, 1], shape: [size, 1], init: 'ones', trained: true, regularized: false },
    { name: 'beta', dims: [size, 1], shape: [size, 1], init: 'zeros', trained: true, regularized: false },
  ];
}

/**
 * A[l−1] (n, m), one example per column: Z[l] keeps x̂ = (A[l−1] − μ)/√(σ² + ε) for backward (the
 * language names no Z[l]: the kind's hasZ is false), and each example's μ and σ² are kept per batch.
 */
function layerNormEngine(size: number): LayerEngine {
  return {
    byRows: false,
    features: size,
    activation: LINEAR,
    keepProb: 1,
    parameters: layerNormParameters(size),
    hasZ: true,
    scratch: () => [],
    perBatch: [{ features: 1, byRows: false }, { features: 1, byRows: false }],
    forward({ k, theta, Aprev, Z, A, batch: [mean, variance] }) {
      k.moments(mean, variance, Aprev, false);
      k.standardize(Z, Aprev, mean, variance, EPSILON, false);
      k.scaleShift(A, Z, theta.gamma, theta.beta, true);
    },
    backward({ k, m, theta, dTheta, Z, dZ, dA, dAprev, batch: [, variance] }) {
      k.scaleShiftBackward(dZ, dTheta.gamma, dTheta.beta, dA, Z, theta.gamma, 1 / m, true);
      if (dAprev) k.standardizeBackward(dAprev, dZ, Z, variance, EPSILON, false);
    },
  };
}

