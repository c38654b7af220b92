// `dense N ACT` (spec §3): Z[l] = W[l]·A[l−1] + b[l] on column vectors.

import type { Activation, NetworkSpec } from '../foundation/model';
import { onnxActivation, torchActivation } from './activations';
import { outputRows } from './describe';
import { trainedParameters, untrainedState, weight, type Dims, type LayerEngine, type ParameterSpec } from './engine';
import { type NormName, batchNormEquations, batchNormRows, normOf, onnxBatchNorm, torchBatchNorm } from './batchNorm';
import { unitShift, unitShiftParameters } from './shift';
import { activationText, type LayerKind } from './kind';
import { join, transposed } from './onnxGraph';
import { stepsOf } from '../foundation/matrix';
import { sequence, stepCount, vector, type Shape } from './shape';

/** n[l−1]: the features of one example, or of one step of a sequence; 0 for what dense does not take. */
function unitsIn(input: Shape): number {
  return input.kind === 'vector' || input.kind === 'sequence' ? input.n : 0;
}

/** W[l] (n[l], n[l−1]), then b[l] or γ[l], β[l] and the running statistics: the engine's list and the record's. */
function denseParameters(spec: DenseSpec, fanIn: number): ParameterSpec[] {
  const W = [spec.units, fanIn] as Dims;
  return [weight(W, W), ...unitShiftParameters(spec.norm, spec.units)];
}

/** `dense N ACT`: n[l] = units. */
export interface DenseSpec {
  kind: 'dense';
  units: number;
  activation: Activation;
  /** `keep_prob: P` (spec §9): inverted dropout on A[l] while training; absent means 1 (none). */
  keepProb?: number;
  /** `norm: batch` (spec §13): batch norm between Z[l] and g; absent means none (and b[l] is kept). */
  norm?: NormName;
}

declare module '../foundation/model' {
  interface LayerSpecs {
    dense: DenseSpec;
  }
}

/** A network of dense layers only (spec §1–7, §9). */
export type DenseNetworkSpec = Omit<NetworkSpec, 'layers'> & { layers: DenseSpec[] };

/** `spec` when all its layers are dense: for code (tests) that builds or edits course-1 networks. */
export function denseOnly(spec: NetworkSpec): DenseNetworkSpec {
  const other = spec.layers.find((layer) => layer.kind !== dense.kind);
  if (other) throw new Error(`${other.kind} layers are not supported here yet`);
  return spec as DenseNetworkSpec;
}

export const dense: LayerKind<DenseSpec> = {
  kind: 'dense',
  // per step after a sequence (§14), with one W[l], b[l]; batch norm's statistics are per unit over
  // the batch, which has no meaning yet across steps, so a normalized dense layer wants vectors
  output: (spec, input) => (input.kind === 'vector' ? { output: vector(spec.units), issues: [] }
    : input.kind === 'sequence' && !spec.norm ? { output: sequence(spec.units, input.T), issues: [] }
      : { issues: [{ kind: 'needs-vector', input }] }),
  parameters: (spec, input) => (unitsIn(input) === 0 ? [] : trainedParameters(denseParameters(spec, unitsIn(input)))),
  state: (spec, input) => (unitsIn(input) === 0 ? [] : untrainedState(denseParameters(spec, unitsIn(input)))),
  alone: (spec) => vector(spec.units),
  asOutput: ({ units, activation }) => ({ units, activation }),
  fanIn: (_spec, input) => unitsIn(input),
  engine: (spec, input) => denseEngine(spec, unitsIn(input), stepCount(input)),
  hasZ: true,
  form: {
    count: { field: 'units', missing: 'the number of units after `dense`, e.g. `dense 4 tanh`', what: (l) => `the number of units n[${l}]` },
    activation: { missing: (units) => `an activation after \`dense ${units}\`, e.g. relu, tanh or sigmoid` },
    options: ['keep_prob', 'norm'],
  },
  // keepProb and norm only when written, so a course-1 layer's spec is what it always was
  spec: ({ count, activation, options }) => {
    const spec: DenseSpec = { kind: 'dense', units: count!, activation };
    if (options.keep_prob !== undefined) spec.keepProb = options.keep_prob;
    return { ...spec, ...normOf(options) };
  },
  insert: 'dense ${1:4} ${2|relu,tanh,leaky_relu,sigmoid,linear,softmax|}',
  syntax: 'dense N ACT [NAME: (ROWS, COLS) …] [keep_prob: P] [norm: batch]',
  doc: 'The next layer l: n[l] = N units with activation ACT. W[l] is (n[l], n[l−1]), b[l] is (n[l], 1).',
  describe: (spec, shapes) => {
    const { l, input } = shapes;
    const n = unitsIn(input);
    const u = spec.units;
    // a normalized layer has no b[l]: β[l] replaces it (spec §13)
    const shift = spec.norm ? batchNormRows(shapes.output, l) : [{ names: ['b', 'db'], rule: `(n[${l}], 1)`, dims: [u, 1] }];
    return {
      kind: spec.kind, summary: `${u} units · ${activationText(spec.activation)}${spec.norm ? ' · batch norm' : ''}`,
      rows: [{ names: ['W', 'dW'], rule: `(n[${l}], n[${l - 1}])`, dims: [u, n] }, ...shift, outputRows(shapes, true)],
      derivation: spec.norm ? batchNormEquations(shapes.output, l)
        : input.kind === 'sequence' ? [`Z[${l}]⟨t⟩ = W[${l}]·A[${l - 1}]⟨t⟩ + b[${l}], A[${l}]⟨t⟩ = ${activationText(spec.activation)}(Z[${l}]⟨t⟩) at each step t = 1…T_x = ${input.T}, with one W[${l}] and b[${l}]`] : [],
      count: spec.norm ? `n[${l}]·n[${l - 1}] + 2·n[${l}] = ${u}·${n} + 2·${u}` : `n[${l}]·n[${l - 1}] + n[${l}] = ${u}·${n} + ${u}`,
      params: shapes.params,
      fields: { units: u, activation: spec.activation.name, ...(spec.norm ? { norm: spec.norm } : {}) },
    };
  },
  // Gemm: A[l−1] (batch, n[l−1]) · W[l]ᵀ + b[l]; W keeps the course's (n[l], n[l−1]); with batch
  // norm, no b[l] and BatchNormalization on the running statistics before g (spec §13). After a
  // sequence, MatMul by W[l]ᵀ and Add b[l] on batch-first (batch, T, n[l−1]): every step at once
  onnx: (spec, { layer, input, float64, W, b, values }) => {
    const l = layer.l, n = unitsIn(layer.input);
    const weights = W ?? values.W, bias = b ?? values.b;
    const product = layer.input.kind === 'sequence'
      ? {
        nodes: [{ op: 'MatMul', inputs: [input, `Wt${l}`], output: `WA${l}` }, { op: 'Add', inputs: [`WA${l}`, `b${l}`], output: `Z${l}` }],
        initializers: [{ name: `Wt${l}`, dims: [n, spec.units], values: transposed(weights, spec.units, n) }, { name: `b${l}`, dims: [spec.units], values: bias }],
      }
      : {
        nodes: [{ op: 'Gemm', inputs: [input, `W${l}`, ...(spec.norm ? [] : [`b${l}`])], output: `Z${l}`, attributes: [{ name: 'transB', i: 1 }] }],
        initializers: [{ name: `W${l}`, dims: [spec.units, n], values: weights }, ...(spec.norm ? [] : [{ name: `b${l}`, dims: [spec.units], values: bias }])],
      };
    const Z = spec.norm ? join(product, onnxBatchNorm(l, `Z${l}`, `Ztilde${l}`, spec.units, values)) : product;
    return join(Z, onnxActivation(spec.activation, spec.norm ? `Ztilde${l}` : `Z${l}`, l, float64));
  },
  torch: (spec, { layer, name, last }) => ({
    // on batch-first (m, T, n) a Linear applies at every step, as §14's dense does
    module: `nn.Linear(${unitsIn(layer.input)}, ${spec.units})`,
    ...(spec.norm ? torchBatchNorm(`nn.Linear(${unitsIn(layer.input)}, ${spec.units}, bias=False)`, layer.output) : {}),
    // the output layer returns Z[L]: the loss applies g[L] from Z, stably (spec §5)
    forward: last ? [`return self.${name}(A)`] : [`A = ${torchActivation(spec.activation, `self.${name}(A)`)}`],
  }),
};

/**
 * Spec §5 and §9: the products of course 1, inverted dropout on A[l]; with `norm: batch` (§13) no
 * b[l], and batch norm turns Z[l] into Z̃[l] before g (and dZ̃[l] back into dZ[l]). After a sequence
 * of T steps (§14) the same W[l], b[l] apply to each step's (n[l−1], m) block, g (softmax per step)
 * to each step's Z⟨t⟩, and dW[l], db[l] sum over the steps; T = 1 is course 1's layer, call for call.
 */
function denseEngine(spec: DenseSpec, fanIn: number, T: number): LayerEngine {
  const g = spec.activation;
  const keepProb = spec.keepProb ?? 1;
  const n = spec.units;
  const W = [n, fanIn] as Dims;
  // batch norm is refused after a sequence (the shape rule), so the shift sees T blocks only for b[l]
  const shift = unitShift(spec.norm, n, T);
  return {
    byRows: false,
    features: n * T,
    activation: g,
    keepProb,
    parameters: denseParameters(spec, fanIn),
    hasZ: true,
    product: true,
    // steps after the first sum their dW⟨t⟩ here
    scratch: (withGradients) => [...(withGradients && T > 1 ? [W] : []), ...shift.scratch(withGradients)],
    perBatch: shift.perBatch,
    forward(pass, drop) {
      const { k, W, Aprev, Z, A, D, G } = pass;
      const [Zs, Xs, out] = [Z, Aprev, drop ? G : A].map((M) => stepsOf(M, T));
      for (let t = 0; t < T; t++) k.mul(Zs[t], W, Xs[t]);
      shift.forward(pass, Z);
      for (let t = 0; t < T; t++) k.activate(g, Zs[t], out[t]);
      if (drop) {
        drop(D, keepProb);
        k.mask(A, G, D, keepProb);
      }
    },
    backward(pass, output, masked) {
      const { k, m, W, dW, Aprev, Z, A, dZ, dA, dAprev, D, G, scratch: [dWt] } = pass;
      const [Zs, As, dAs, dZs, Xs] = [Z, masked ? G : A, dA, dZ, Aprev].map((M) => stepsOf(M, T));
      if (!output) {
        if (masked) k.mask(dA, dA, D, keepProb);
        for (let t = 0; t < T; t++) k.backward(g, Zs[t], As[t], dAs[t], dZs[t]);
      }
      shift.backward(pass, dZ);
      // dW[l] = (1/m)·Σ_t dZ⟨t⟩·A⟨t⟩ᵀ: step 1 writes it, the others add
      for (let t = 0; t < T; t++) {
        k.mulBT(t === 0 ? dW : dWt, dZs[t], Xs[t], 1 / m);
        if (t > 0) k.axpy(dW, 1, dWt);
      }
      if (dAprev) {
        const dXs = stepsOf(dAprev, T);
        for (let t = 0; t < T; t++) k.mulAT(dXs[t], W, dZs[t]);
      }
    },
  };
}
