// `layer_norm` (spec §13): a layer l with no activation that normalizes each example over its n
// features, A[l] = γ[l]·(A[l−1] − μ)/√(σ² + ε) + β[l] with μ and the biased σ² of that example's
// column, γ[l], β[l] (n[l], 1); as PyTorch's LayerNorm(n). The same in training and evaluation: it
// keeps no running statistics. On a sequence (n, m, T) it normalizes each step of each example over
// its n features with one γ[l], β[l] for all steps: PyTorch's LayerNorm(n) on batch-first (m, T, n),
// as §15's encoder block needs.

import { noActivation } from './parameterFree';
import { BATCH_NORM_EPSILON } from './batchNorm';
import { outputRows } from './describe';
import { trainedParameters, type LayerEngine, type ParameterSpec } from './engine';
import type { LayerKind } from './kind';
import type { Shape } from './shape';
import { rowBlock, type Matrix } from '../foundation/matrix';

/** ε of layer norm: PyTorch's default, as batch norm's. */
const EPSILON = BATCH_NORM_EPSILON;

const n = (input: Shape): number => (input.kind === 'vector' || input.kind === 'sequence' ? input.n : 0);
/** The steps normalized one by one: T of a sequence, 1 for vectors. */
const steps = (input: Shape): number => (input.kind === 'sequence' ? input.T : 1);

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
  output: (_spec, input) => (input.kind === 'vector' || input.kind === 'sequence' ? { output: input, issues: [] } : { issues: [{ kind: 'needs-vector', input }] }),
  parameters: (_spec, input) => (n(input) ? trainedParameters(layerNormParameters(n(input))) : []),
  fanIn: () => 0,
  engine: (_spec, input) => layerNormEngine(n(input), steps(input)),
  hasZ: false,
  form: { options: [] },
  spec: () => ({ kind: 'layer_norm' }),
  insert: 'layer_norm',
  syntax: 'layer_norm',
  doc: 'Layer normalization: each example (column) of A[l−1] normalized over its n features, A[l] = γ[l]·(A[l−1] − μ)/√(σ² + ε) + β[l], with γ[l], β[l] (n[l], 1) learned; no activation. On a sequence, each step of each example, with one γ[l], β[l] for all steps.',
  describe: (spec, shapes) => {
    const { l } = shapes;
    const size = n(shapes.input);
    const rule = `(n[${l}], 1)`;
    const each = shapes.input.kind === 'sequence' ? 'each step of each example' : 'each column';
    return {
      kind: spec.kind,
      summary: `${size} features per ${shapes.input.kind === 'sequence' ? 'step' : 'example'}`,
      rows: [
        { names: ['γ', 'dγ'], rule, dims: [size, 1] },
        { names: ['β', 'dβ'], rule, dims: [size, 1] },
        outputRows(shapes, false),
      ],
      derivation: [
        `μ, σ² of ${each} of A[${l - 1}] over its n[${l - 1}] = ${size} features (σ² biased)`,
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
 * A[l−1] (T·n, m), one example per column and T = 1 for vectors: each step's (n, m) block is
 * normalized per column. Z[l] keeps x̂ = (A[l−1] − μ)/√(σ² + ε) for backward (the language names no
 * Z[l]: the kind's hasZ is false); μ and σ² of every step of every example are kept per batch, (T, m).
 * dγ and dβ add up over the steps, through two (n, 1) scratch matrices.
 */
function layerNormEngine(size: number, T: number): LayerEngine {
  const block = (M: Matrix, t: number): Matrix => rowBlock(M, t * size, size);
  const row = (M: Matrix, t: number): Matrix => rowBlock(M, t, 1);
  return {
    ...noActivation(T * size),
    parameters: layerNormParameters(size),
    hasZ: true,
    scratch: () => [[size, 1], [size, 1]],
    perBatch: [{ features: T, byRows: false }, { features: T, byRows: false }],
    forward({ k, theta, Aprev, Z, A, batch: [mean, variance] }) {
      for (let t = 0; t < T; t++) {
        k.moments(row(mean, t), row(variance, t), block(Aprev, t), false);
        k.standardize(block(Z, t), block(Aprev, t), row(mean, t), row(variance, t), EPSILON, false);
        k.scaleShift(block(A, t), block(Z, t), theta.gamma, theta.beta, true);
      }
    },
    backward({ k, m, theta, dTheta, Z, dZ, dA, dAprev, scratch: [dgamma, dbeta], batch: [, variance] }) {
      for (let t = 0; t < T; t++) {
        // the first step writes dγ[l], dβ[l]; each later one writes the scratch, then adds it
        const first = t === 0;
        k.scaleShiftBackward(block(dZ, t), first ? dTheta.gamma : dgamma, first ? dTheta.beta : dbeta, block(dA, t), block(Z, t), theta.gamma, 1 / m, true);
        if (!first) {
          k.axpy(dTheta.gamma, 1, dgamma);
          k.axpy(dTheta.beta, 1, dbeta);
        }
      }
      if (dAprev) for (let t = 0; t < T; t++) k.standardizeBackward(block(dAprev, t), block(dZ, t), block(Z, t), row(variance, t), EPSILON, false);
    },
  };
}

