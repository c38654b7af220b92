// `norm: batch` (spec §13): batch normalization between Z[l] and the activation, as one piece any
// kind with a Z[l] attaches (dense per unit, conv2d and depthwise_conv2d per channel): the option's
// reading, its parameters γ[l], β[l] and running statistics, its forward and backward passes on the
// kernels, and its lines in hover, `.nn` text and both exports. The engine reaches it through
// shift.ts (b[l] or batch norm, by the spec's `norm`), with Z[l]'s layout (`perRow`: a dense layer's
// (n[l], m), one unit per row; a conv layer's (m·n_H·n_W, n_C), one channel per column).

import type { Matrix } from '../foundation/matrix';
import type { MatrixRow } from './describe';
import type { Dims, LayerPass, ParameterSpec } from './engine';
import type { LayerParts } from './kind';
import type { LayerGraph } from './onnxGraph';
import type { Shape } from './shape';
import type { TorchLayer } from './torchCode';

/** The values `norm:` takes; the option's number (LayerParts) is the index here. */
/** The normalizations a layer's `norm:` option names (spec §13). */
export type NormName = 'batch';
export const NORMS: readonly NormName[] = ['batch'];

/** ε and the running statistics' momentum (spec §13, PyTorch's defaults). */
export const BATCH_NORM_EPSILON = 1e-5;
export const BATCH_NORM_MOMENTUM = 0.1;

/**
 * The `norm` field of a layer's spec from its statement's options: `{ norm }` when written, else
 * nothing, so a layer without it has the spec it always had.
 */
export function normOf(options: LayerParts['options']): { norm?: NormName } {
  return options.norm === undefined ? {} : { norm: NORMS[options.norm] };
}

/** m_b: the values each unit (vectors) or channel (volumes) is normalized over, for m examples. */
export function normalizedValues(output: Shape, m: number): number {
  return output.kind === 'volume' ? m * output.n_H * output.n_W : m;
}

/** γ[l], β[l] and the running statistics as the course writes them: b[l]'s shape (spec §13). */
export function batchNormRows(output: Shape, l: number): MatrixRow[] {
  const [rule, dims]: [string, number[]] = output.kind === 'volume'
    ? [`(1, 1, 1, n_C[${l}])`, [1, 1, 1, output.n_C]]
    : [`(n[${l}], 1)`, [output.kind === 'vector' ? output.n : 0, 1]];
  const torch = output.kind === 'volume' ? [output.n_C] : undefined;
  return [
    { names: ['γ', 'dγ'], rule, dims, torch },
    { names: ['β', 'dβ'], rule, dims, torch },
    { names: ['running_mean', 'running_var'], rule, dims, torch },
  ];
}

/** §13's equations for layer l, as the hover shows them. */
export function batchNormEquations(output: Shape, l: number): string[] {
  const over = output.kind === 'volume' ? `per channel over the m·n_H[${l}]·n_W[${l}] values` : 'per unit over the m examples';
  return [
    `μ, σ² of Z[${l}] ${over} (σ² biased)`,
    `Z_norm = (Z[${l}] − μ) / √(σ² + ε), ε = 1e-5`,
    `Z̃[${l}] = γ[${l}]·Z_norm + β[${l}], A[${l}] = g(Z̃[${l}])`,
    'running_mean = 0.9·running_mean + 0.1·μ',
    'running_var = 0.9·running_var + 0.1·σ²·m_b/(m_b − 1)',
  ];
}

/**
 * γ[l], β[l] (trained, not regularized; 1 and 0) and the running statistics (state the training
 * forward pass updates; 0 and 1), each with b[l]'s dims and file shape (spec §13), after the kind's W.
 */
export function batchNormParameters(dims: Dims, shape: readonly number[]): ParameterSpec[] {
  const state = (name: string, init: 'zeros' | 'ones', trained: boolean): ParameterSpec => ({ name, dims, shape, init, trained, regularized: false });
  return [state('gamma', 'ones', true), state('beta', 'zeros', true), state('running_mean', 'zeros', false), state('running_var', 'ones', false)];
}

/**
 * Z[l] becomes Z̃[l] = γ·Z_norm + β in place (spec §13). Training (a training step, gradient
 * checking): μ and σ² of this batch, the running statistics updated; evaluation (predictions,
 * accuracy, the test set): the running statistics. `Z` is Z[l] with one unit per row (`perRow`,
 * dense) or one channel per column (conv, as (m·n_H·n_W, n_C)).
 */
export function batchNormForward({ k, theta, training, scratch, batch: [Znorm] }: LayerPass, Z: Matrix, perRow: boolean): void {
  const { gamma, beta, running_mean, running_var } = theta;
  if (!training) {
    k.standardize(Z, Z, running_mean, running_var, BATCH_NORM_EPSILON, perRow);
    k.scaleShift(Z, Z, gamma, beta, perRow);
    return;
  }
  // μ and σ² of the batch: the last two of the layer's scratch matrices (shift.ts)
  const [mean, variance] = scratch.slice(-2);
  const into = perRow ? Znorm : { rows: Z.rows, cols: Z.cols, data: Znorm.data };
  k.moments(mean, variance, Z, perRow);
  k.standardize(into, Z, mean, variance, BATCH_NORM_EPSILON, perRow);
  k.scaleShift(Z, into, gamma, beta, perRow);
  updateRunning(theta, mean, variance, perRow ? Z.cols : Z.rows);
}

/**
 * running_mean = 0.9·running_mean + 0.1·μ, running_var = 0.9·running_var + 0.1·σ²·m_b/(m_b − 1):
 * the unbiased variance, as PyTorch keeps it, while σ² itself stays biased for backward. Parameter
 * sized (n[l] or n_C[l] entries), so a plain loop.
 */
function updateRunning(theta: LayerPass['theta'], mean: Matrix, variance: Matrix, values: number): void {
  const unbiased = values / (values - 1), keep = 1 - BATCH_NORM_MOMENTUM;
  const rm = theta.running_mean.data, rv = theta.running_var.data, mu = mean.data, v = variance.data;
  for (let g = 0, n = mean.rows * mean.cols; g < n; g++) {
    rm[g] = keep * rm[g] + BATCH_NORM_MOMENTUM * mu[g];
    rv[g] = keep * rv[g] + BATCH_NORM_MOMENTUM * (v[g] * unbiased);
  }
}

/**
 * From dZ̃[l] (in dZ) to dZ[l] in place, with dγ = (1/m)·Σ dZ̃ ⊙ Z_norm and dβ = (1/m)·Σ dZ̃ (the
 * course's 1/m on parameter gradients, as db[l] has it), through the batch's own μ and σ².
 */
export function batchNormBackward({ k, m, theta, dTheta, scratch, batch: [Znorm] }: LayerPass, dZ: Matrix, perRow: boolean): void {
  const variance = scratch[scratch.length - 1];
  const xhat = { rows: dZ.rows, cols: dZ.cols, data: Znorm.data };
  k.scaleShiftBackward(dZ, dTheta.gamma, dTheta.beta, dZ, xhat, theta.gamma, 1 / m, perRow);
  k.standardizeBackward(dZ, dZ, xhat, variance, BATCH_NORM_EPSILON, perRow);
}

/**
 * Z̃[l] for inference in ONNX: BatchNormalization with the running statistics (inference mode;
 * ONNX's momentum is the running statistics' keep, 0.9), from the node `Z` into `out`.
 */
export function onnxBatchNorm(l: number, Z: string, out: string, channels: number, values: Readonly<Record<string, Float64Array>>): LayerGraph {
  const names = ['gamma', 'beta', 'running_mean', 'running_var'];
  return {
    nodes: [{ op: 'BatchNormalization', inputs: [Z, ...names.map((name) => `${name}${l}`)], output: out,
      attributes: [{ name: 'epsilon', f: BATCH_NORM_EPSILON }, { name: 'momentum', f: 1 - BATCH_NORM_MOMENTUM }] }],
    initializers: names.map((name) => ({ name: `${name}${l}`, dims: [channels], values: values[name] })),
  };
}

/**
 * A normalized layer's PyTorch module: its product (`nn.Linear(…, bias=False)`, `nn.Conv2d(…,
 * bias=False)`: β replaces b) then BatchNorm1d (vectors) or BatchNorm2d (volumes, NCHW), and where
 * each named parameter lives in it.
 */
export function torchBatchNorm(product: string, output: Shape): Pick<TorchLayer, 'module' | 'parameters'> {
  const channels = output.kind === 'volume' ? output.n_C : 'n' in output ? output.n : output.V;
  const bn = `nn.BatchNorm${output.kind === 'volume' ? 2 : 1}d(${channels}, eps=${BATCH_NORM_EPSILON}, momentum=${BATCH_NORM_MOMENTUM})`;
  return {
    module: `nn.Sequential(${product}, ${bn})`,
    parameters: { W: '0.weight', gamma: '1.weight', beta: '1.bias', running_mean: '1.running_mean', running_var: '1.running_var' },
  };
}
