// The engine's side of a layer kind (spec §5, §8): which matrices a layer keeps, how its forward and
// backward passes run on the kernels. The Network (core/engine/network.ts) loops over layers and asks
// each kind's LayerEngine; it never looks at the kind itself.
//
// Layouts (docs/engine.md): a layer whose A[l] is a vector per example keeps Z[l], A[l], dZ[l], dA[l]
// as (n[l], m), examples as columns (course 1); an image-shaped layer keeps them as
// (m, n_H·n_W·n_C) row-major, i.e. (m, n_H, n_W, n_C), examples as rows.

import type { Activation } from '../foundation/model';
import type { Kernels } from '../foundation/kernels';
import type { Matrix } from '../foundation/matrix';
import type { LayerState, NamedParameter } from './shape';

/** A matrix's (rows, cols). */
export type Dims = [number, number];

/**
 * How a parameter starts (spec §4, §13, §14): `weights` from N(0, 1) times the scale of the
 * network's `init` (he or xavier by the layer's activation when none is written) with the
 * parameter's fan-in; `small` (an embedding's E[l]) likewise but N(0, 1)·0.01 when no `init` is written
 * (a keyword's name would break the keyword bar, test/unit/layers/keywords.test.ts); `zeros`
 * and `ones` draw nothing.
 */
export type ParameterInit = 'weights' | 'small' | 'zeros' | 'ones';

/**
 * One named parameter of a layer (docs/part3.md): W, b, gamma, beta, running_mean, … Its weights-file
 * key is `name` followed by l. A trained parameter has a gradient d`name` that the optimizer
 * applies; one that is not (batch norm's running statistics) is state the forward pass updates
 * while training. Only a regularized one enters L2's Σ‖θ‖² and gets (λ/m)·θ added to its gradient.
 */
export interface ParameterSpec {
  name: string;
  /** the matrix as the engine keeps it */
  dims: Dims;
  /** as the course and the weights file write it: (n[l], n[l−1]), conv2d's (f, f, n_C[l−1], n_C[l]), … */
  shape: readonly number[];
  init: ParameterInit;
  /** n[l−1] of `weights` and `embedding` initialisation; default the layer's (LayerKind.fanIn) */
  fanIn?: number;
  trained: boolean;
  regularized: boolean;
}

/** W[l]: initialised by fan-in, trained, regularized. */
export function weight(dims: Dims, shape: readonly number[]): ParameterSpec {
  return { name: 'W', dims, shape, init: 'weights', trained: true, regularized: true };
}

/** b[l]: zeros, trained, not regularized. */
export function bias(dims: Dims, shape: readonly number[]): ParameterSpec {
  return { name: 'b', dims, shape, init: 'zeros', trained: true, regularized: false };
}

/** W[l] and b[l]: every kind of Parts I–II. */
export function weightAndBias(W: Dims, b: Dims, shapes: { W: readonly number[]; b: readonly number[] }): ParameterSpec[] {
  return [weight(W, shapes.W), bias(b, shapes.b)];
}

/**
 * What a kind declares of a parameter list its engine also runs on (LayerKind.parameters): the
 * trained parameters by name and shape, in order. The kind and its engine build the list with the
 * same function, so the two cannot drift apart.
 */
export function trainedParameters(list: readonly ParameterSpec[]): NamedParameter[] {
  return list.filter((p) => p.trained).map(({ name, shape }) => ({ name, shape: [...shape] }));
}

/** The untrained state of a parameter list (LayerKind.state), with the value each starts at. */
export function untrainedState(list: readonly ParameterSpec[]): LayerState[] {
  return list.filter((p) => !p.trained).map(({ name, shape, init }) => ({ name, shape: [...shape], fill: init === 'ones' ? 1 : 0 }));
}

/** Everything one layer's passes read and write, for one batch of m examples. */
export interface LayerPass {
  k: Kernels;
  m: number;
  /** the layer's parameters by name (`theta.gamma`), and the gradients of the trained ones (`dTheta.gamma`) */
  theta: Readonly<Record<string, Matrix>>;
  dTheta: Readonly<Record<string, Matrix>>;
  /**
   * true in a training step and in gradient checking: batch statistics, and state (running
   * statistics) updated; false in evaluation (predicting, accuracy, the test set): the state is used
   */
  training: boolean;
  /** theta.W, theta.b, dTheta.W, dTheta.b: 0×0 for a layer without them */
  W: Matrix;
  b: Matrix;
  dW: Matrix;
  db: Matrix;
  /** A[l−1]: the input */
  Aprev: Matrix;
  Z: Matrix;
  A: Matrix;
  dZ: Matrix;
  dA: Matrix;
  /** dA[l−1], undefined for l = 1 (nobody needs the gradient of X) */
  dAprev?: Matrix;
  /** dropout's D[l] and G[l] = g(Z[l]) before dropout (dense layers with keep_prob < 1 while training) */
  D: Matrix;
  G: Matrix;
  /** the layer's own per-batch matrices, as `scratch` asked for them (e.g. conv's im2col columns) */
  scratch: Matrix[];
  /** the matrices `perBatch` asked for, for these m examples (batch norm's Z_norm) */
  batch: Matrix[];
}

/** A matrix a layer keeps for each batch: `features` entries per example, one example per row (`byRows`) or per column. */
export interface PerBatch {
  features: number;
  byRows: boolean;
}

/**
 * One example's values through time, as the panel's maps show them (docs/training.md, "Sequences
 * in the panel"): a recurrent layer's a⟨t⟩, c⟨t⟩ or a gate as (units, T), columns t = 1…T; an
 * attention head's α as (T, T), rows the query steps t, columns the key steps t′.
 */
export interface TimeTrace {
  /** the course's symbol: `a⟨t⟩`, `c⟨t⟩`, `Γf`, `α` */
  name: string;
  /** what it is, in words: `forget gate` */
  title: string;
  /** what the rows are: the layer's units, or the query steps (then the columns are the key steps) */
  rows: 'units' | 'queries';
  /** the head (1…h) of an attention map */
  head?: number;
  /** a copy, safe to keep after the network's memory is given back */
  values: Matrix;
  /** [0, 1] for values that are probabilities by the math (a gate Γ, α), drawn on a fixed 0-to-1 scale; absent for signed ones (a⟨t⟩, c⟨t⟩) */
  bounds?: [0, 1];
}

export interface LayerEngine {
  /** whether Z[l], A[l], dZ[l], dA[l] hold one example per row (image-shaped) or per column */
  readonly byRows: boolean;
  /** entries of A[l] per example: n[l], or n_H·n_W·n_C */
  readonly features: number;
  /** g[l]; `linear` for layers without an activation (pools, flatten) */
  readonly activation: Activation;
  /** keep_prob of inverted dropout (1: none; only dense layers have it) */
  readonly keepProb: number;
  /** the layer's parameters in the order initialisation visits them; empty for pools and flatten */
  readonly parameters: readonly ParameterSpec[];
  /** whether Z[l] is a matrix of its own (false: Z[l] is A[l], a layer without an activation) */
  readonly hasZ: boolean;
  /**
   * whether Z[l] = W[l]·A[l−1] is one kernel `mul`, which gradient checking serves from memory
   * (core/engine/perturbed.ts): then a moved entry of W[l] costs one row, not the whole product
   */
  readonly product?: boolean;
  /**
   * The layer's scratch matrices, whatever the batch size: for training buffers (`withGradients`),
   * of layer 1 or a later one (`first`).
   */
  scratch(withGradients: boolean, first: boolean): Dims[];
  /**
   * Matrices sized by the batch that the forward pass fills for the backward one, besides Z[l] and
   * A[l]: batch norm's Z_norm, layer norm's μ and σ² of each example. In every buffer, with or without gradients.
   */
  readonly perBatch?: readonly PerBatch[];
  /** Z[l] and A[l] from A[l−1]; `drop` draws dropout's mask D[l] when this pass drops units */
  forward(pass: LayerPass, drop?: (D: Matrix, keepProb: number) => void): void;
  /**
   * The gradient of every trained parameter (dW[l], db[l], …; the network adds L2's (λ/m)·θ to the
   * regularized ones afterwards) and dA[l−1], from dA[l] — or from dZ[l] when `output` (the loss
   * set it). `masked`: the last forward pass dropped units of this layer.
   */
  backward(pass: LayerPass, output: boolean, masked: boolean): void;
  /**
   * What the last forward pass kept of example j of m in the layer's per-batch matrices `batch`,
   * for the panel's maps through time; absent for kinds with nothing to show over time. Reads what
   * forward already keeps for backward: no second forward pass.
   */
  traces?(batch: readonly Matrix[], m: number, j: number): TimeTrace[];
}

/** The reverse direction's parameters end with this (`Wax_rev`, spec §14). */
export const REVERSE_SUFFIX = '_rev';

/**
 * A parameter's weights-file key (spec §6, §13, §14): its name followed by l (`W3`, `gamma3`), and a
 * bidirectional layer's reverse parameters keep `_rev` after l (`Wax3_rev`).
 */
export function parameterKey(name: string, l: number): string {
  return name.endsWith(REVERSE_SUFFIX) ? `${name.slice(0, -REVERSE_SUFFIX.length)}${l}${REVERSE_SUFFIX}` : `${name}${l}`;
}

/** The parameter name and l of a weights-file key (`Wax3_rev` → `Wax_rev`, 3), or undefined. */
export function parseParameterKey(key: string): { name: string; l: number } | undefined {
  const match = /^([A-Za-z_]+?)(\d+)(_rev)?$/.exec(key);
  return match ? { name: match[1] + (match[3] ?? ''), l: Number(match[2]) } : undefined;
}
