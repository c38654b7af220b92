// Every activation g[l] (spec §3), one record each, as TensorFlow Playground's nn.ts keeps them:
// g and g′ on the engine's matrices, the course's formulas and hover text, and how the PyTorch and
// ONNX exporters write it. The checker, hover, completion, the kernels, initialisation, gradient
// checking and both exporters read these records; none of them switches on an activation's name.

import { DEFAULT_LEAKY_SLOPE, type Activation, type ActivationName, type LossName } from '../foundation/model';
import type { Matrix } from '../foundation/matrix';
import { scalar, type LayerGraph, type OnnxAttribute } from './onnxGraph';

declare module '../foundation/model' {
  /** The activations of this module (model.ts's ActivationName). */
  interface ActivationNames {
    sigmoid: true;
    tanh: true;
    relu: true;
    leaky_relu: true;
    linear: true;
    softmax: true;
  }
}

export interface ActivationKind {
  name: ActivationName;
  /** g(z) */
  formula: string;
  /** g′(z), as the backward pass uses it */
  derivative: string;
  doc: string;
  /** `leaky_relu(SLOPE)` takes one optional number */
  takesSlope: boolean;
  /** allowed on the output layer only (softmax) */
  outputOnly: boolean;
  /** relu-like: he initialisation by default (spec §4), and a kink at 0 that gradient checking skips */
  reluFamily: boolean;
  /** sigmoid-like: flat for large |z|, so the checker warns when random init makes Z large (NN603) */
  saturates: boolean;
  /**
   * The loss this output goes with (spec §2, §5): the one inferred when `loss` is not written, and
   * the pair for which dZ[L] = A[L] − Y. Absent: the loss of any output (mse) is inferred.
   */
  pairs?: LossName;
  /** What a label for this output is (spec §6, §8): a class index made one-hot, a value in [0, 1], or any number. */
  labels: 'class' | 'probability' | 'value';
  /** Useless over one unit (softmax always outputs 1): the checker proposes this activation instead (NN217). */
  oneUnit?: ActivationName;
  /** Why it is a poor hidden activation and which to use there instead (NN602). */
  hidden?: { instead: ActivationName; why: string };
  /**
   * How the WebAssembly kernels run g, when they do: their exports `kernel` and `kernel`_backward
   * (named after the function they compute), entry by entry (the backward from Z or from A = g(Z))
   * or per column; absent: the TypeScript loops run it.
   */
  wasm?: { kernel: string; per: 'entry'; backwardFrom: 'z' | 'a' } | { kernel: string; per: 'column' };
  /** A = g(Z), entry by entry (or per column for softmax); `slope` is leaky_relu's */
  forward(Z: Matrix, A: Matrix, slope: number): void;
  /** dZ = dA ⊙ g′(Z), from Z or from A = g(Z), whichever is cheaper */
  backward(Z: Matrix, A: Matrix, dA: Matrix, dZ: Matrix, slope: number): void;
  /** g(Z) as a PyTorch expression */
  torch(Z: string, slope: number): string;
  /**
   * A[l] = g(Z) as ONNX nodes whose last output is `A${l}` (none for linear: Z is A[l]); `l` names
   * the nodes, a group's name (`residual2`) for a residual's g
   */
  onnx(Z: string, l: number | string, slope: number, float64: boolean): LayerGraph;
}

/** An entry-by-entry g, and dZ = dA ⊙ g′(Z) written on (z, a = g(z), da). */
function elementwise(g: (z: number, slope: number) => number, dz: (z: number, a: number, da: number, slope: number) => number) {
  return {
    forward(Z: Matrix, A: Matrix, slope: number) {
      const z = Z.data, a = A.data;
      for (let p = 0, n = Z.rows * Z.cols; p < n; p++) a[p] = g(z[p], slope);
    },
    backward(Z: Matrix, A: Matrix, dA: Matrix, dZ: Matrix, slope: number) {
      const z = Z.data, a = A.data, da = dA.data, out = dZ.data;
      for (let p = 0, n = Z.rows * Z.cols; p < n; p++) out[p] = dz(z[p], a[p], da[p], slope);
    },
  };
}

/** One ONNX node `op` from Z to A[l]. */
const node = (op: string, attributes?: OnnxAttribute[]) => (Z: string, l: number | string): LayerGraph =>
  ({ nodes: [{ op, inputs: [Z], output: `A${l}`, attributes }], initializers: [] });

// Softmax needs one number per column; grown once to the widest batch seen.
let scratch: Float64Array | undefined;
function columnScratch(m: number): Float64Array {
  if (!scratch || scratch.length < m) scratch = new Float64Array(m);
  return scratch;
}

/** Column-wise softmax, stable: each column's maximum is subtracted before exp. */
function softmax(Z: Matrix, A: Matrix): void {
  const { rows: n, cols: m } = Z;
  const z = Z.data, a = A.data;
  const s = columnScratch(m);
  s.fill(-Infinity, 0, m);
  for (let i = 0; i < n; i++) for (let j = 0, p = i * m; j < m; j++, p++) if (z[p] > s[j]) s[j] = z[p];
  for (let i = 0; i < n; i++) for (let j = 0, p = i * m; j < m; j++, p++) a[p] = Math.exp(z[p] - s[j]);
  s.fill(0, 0, m);
  for (let i = 0; i < n; i++) for (let j = 0, p = i * m; j < m; j++, p++) s[j] += a[p];
  for (let i = 0; i < n; i++) for (let j = 0, p = i * m; j < m; j++, p++) a[p] /= s[j];
}

/** dZ = J_softmaxᵀ·dA per column: dZ_k = a_k·(dA_k − Σ_i a_i·dA_i). */
function softmaxBackward(A: Matrix, dA: Matrix, dZ: Matrix): void {
  const { rows: n, cols: m } = A;
  const a = A.data, da = dA.data, dz = dZ.data;
  const s = columnScratch(m);
  s.fill(0, 0, m);
  for (let i = 0; i < n; i++) for (let j = 0, p = i * m; j < m; j++, p++) s[j] += a[p] * da[p];
  for (let i = 0; i < n; i++) for (let j = 0, p = i * m; j < m; j++, p++) dz[p] = a[p] * (da[p] - s[j]);
}

const plain = { takesSlope: false, outputOnly: false, reluFamily: false, saturates: false, labels: 'value' } as const;

export const ACTIVATION_KINDS: { readonly [K in ActivationName]: ActivationKind & { name: K } } = {
  sigmoid: {
    name: 'sigmoid', ...plain, saturates: true, pairs: 'cross_entropy', labels: 'probability', formula: 'g(z) = 1 / (1 + e^(−z))', derivative: 'g′(z) = a(1 − a)',
    doc: 'Squashes z into (0, 1): the output of a binary classifier. In hidden layers tanh usually learns faster.',
    hidden: { instead: 'tanh', why: 'its outputs are not centred on 0 and it saturates, so tanh (or relu) usually learns faster' },
    ...elementwise((z) => 1 / (1 + Math.exp(-z)), (_z, a, da) => da * a * (1 - a)),
    wasm: { kernel: 'logistic', per: 'entry', backwardFrom: 'a' },
    torch: (Z) => `torch.sigmoid(${Z})`,
    onnx: node('Sigmoid'),
  },
  tanh: {
    name: 'tanh', ...plain, saturates: true, formula: 'g(z) = (e^z − e^(−z)) / (e^z + e^(−z))', derivative: 'g′(z) = 1 − a²',
    doc: 'Zero-centred squashing into (−1, 1): a good default for small hidden layers.',
    ...elementwise((z) => Math.tanh(z), (_z, a, da) => da * (1 - a * a)),
    wasm: { kernel: 'hyperbolic_tangent', per: 'entry', backwardFrom: 'a' },
    torch: (Z) => `torch.tanh(${Z})`,
    onnx: node('Tanh'),
  },
  relu: {
    name: 'relu', ...plain, reluFamily: true, formula: 'g(z) = max(0, z)', derivative: 'g′(z) = 1 if z > 0 else 0',
    doc: 'Rectified linear unit: the default for deep hidden layers (use he initialisation).',
    ...elementwise((z) => (z > 0 ? z : 0), (z, _a, da) => (z > 0 ? da : 0)),
    wasm: { kernel: 'rectifier', per: 'entry', backwardFrom: 'z' },
    torch: (Z) => `torch.relu(${Z})`,
    onnx: node('Relu'),
  },
  leaky_relu: {
    name: 'leaky_relu', ...plain, takesSlope: true, reluFamily: true, formula: 'g(z) = max(SLOPE·z, z)', derivative: 'g′(z) = 1 if z > 0 else SLOPE',
    doc: `ReLU with a small slope for z < 0 so units never die. \`leaky_relu(SLOPE)\`, SLOPE defaults to ${DEFAULT_LEAKY_SLOPE}.`,
    ...elementwise((z, slope) => (z > 0 ? z : slope * z), (z, _a, da, slope) => (z > 0 ? da : slope * da)),
    wasm: { kernel: 'leaky_rectifier', per: 'entry', backwardFrom: 'z' },
    torch: (Z, slope) => `F.leaky_relu(${Z}, ${slope})`,
    // float64: onnxruntime's CPU LeakyRelu has no double kernel, so Where(Z > 0, Z, slope·Z) instead
    onnx: (Z, l, slope, float64) => float64
      ? {
        nodes: [
          { op: 'Greater', inputs: [Z, `zero${l}`], output: `positive${l}` },
          { op: 'Mul', inputs: [Z, `slope${l}`], output: `leak${l}` },
          { op: 'Where', inputs: [`positive${l}`, Z, `leak${l}`], output: `A${l}` },
        ],
        initializers: [scalar(`zero${l}`, 0), scalar(`slope${l}`, slope)],
      }
      : node('LeakyRelu', [{ name: 'alpha', f: slope }])(Z, l),
  },
  linear: {
    name: 'linear', ...plain, pairs: 'mse', formula: 'g(z) = z', derivative: 'g′(z) = 1',
    doc: 'No non-linearity: the output of a regression network (with mse).',
    forward: (Z, A) => A.data.set(Z.data.subarray(0, Z.rows * Z.cols)),
    backward: (Z, _A, dA, dZ) => dZ.data.set(dA.data.subarray(0, Z.rows * Z.cols)),
    torch: (Z) => Z,
    onnx: () => ({ nodes: [], initializers: [] }),
  },
  softmax: {
    name: 'softmax', ...plain, outputOnly: true, pairs: 'softmax_cross_entropy', labels: 'class', oneUnit: 'sigmoid', formula: 'g(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)', derivative: 'with softmax_cross_entropy, dZ[L] = A[L] − Y',
    doc: 'Turns the output layer into a probability distribution over n[L] ≥ 2 classes. Output layer only.',
    wasm: { kernel: 'normalized_exponential', per: 'column' },
    forward: (Z, A) => softmax(Z, A),
    backward: (_Z, A, dA, dZ) => softmaxBackward(A, dA, dZ),
    torch: (Z) => `torch.softmax(${Z}, dim=1)`,
    // the last axis: the units of (batch, n), or of each step of batch-first (batch, T, n)
    onnx: node('Softmax', [{ name: 'axis', i: -1 }]),
  },
};

/** g of a layer without an activation (pools, flatten, the input): A[l] = Z[l]. */
export const LINEAR: Activation = { name: 'linear' };
/** The gates' functions of the recurrent cells (spec §14): σ for Γ, tanh for c̃ and a⟨t⟩. */
export const SIGMOID: Activation = { name: 'sigmoid' };
export const TANH: Activation = { name: 'tanh' };

/** Every activation, in the order hover and completion list them. */
export const ACTIVATION_LIST: readonly ActivationKind[] = Object.values(ACTIVATION_KINDS);

/** The record of `g`. */
export function activationKind(g: Activation | ActivationName): ActivationKind {
  return ACTIVATION_KINDS[typeof g === 'string' ? g : g.name];
}

/** g's slope as the kernels use it: leaky_relu's, DEFAULT_LEAKY_SLOPE when not written (the others ignore it). */
export function slopeOf(g: Activation): number {
  return g.slope ?? DEFAULT_LEAKY_SLOPE;
}

/** A = g(Z) on the engine's matrices. */
export function activate(g: Activation, Z: Matrix, A: Matrix): void {
  activationKind(g).forward(Z, A, slopeOf(g));
}

/** dZ = dA ⊙ g′(Z). */
export function activateBackward(g: Activation, Z: Matrix, A: Matrix, dA: Matrix, dZ: Matrix): void {
  activationKind(g).backward(Z, A, dA, dZ, slopeOf(g));
}

/** g(Z) as a PyTorch expression. */
export function torchActivation(g: Activation, Z: string): string {
  return activationKind(g).torch(Z, slopeOf(g));
}

/** A[l] = g(Z) as ONNX nodes (named by l, or by a residual's name). */
export function onnxActivation(g: Activation, Z: string, l: number | string, float64: boolean): LayerGraph {
  return activationKind(g).onnx(Z, l, slopeOf(g), float64);
}
