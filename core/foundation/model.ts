// The resolved network: what the checker hands to the engine, the CLI, the worker and the
// extension once a `network { … }` block has been parsed and checked. Plain data (structured-clone
// safe) so it crosses worker and webview boundaries unchanged.

export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'linear' | 'softmax';
export const ACTIVATIONS: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'linear', 'softmax'];

/** `leaky_relu(SLOPE)`: slope is set for leaky_relu only (default DEFAULT_LEAKY_SLOPE). */
export interface Activation {
  name: ActivationName;
  slope?: number;
}

/** g(z) = z: what a layer or group without an activation (pools, flatten, concat, `residual linear`) applies. */
export const IDENTITY: Activation = { name: 'linear' };

export type LossName = 'cross_entropy' | 'softmax_cross_entropy' | 'mse';
export const LOSSES: readonly LossName[] = ['cross_entropy', 'softmax_cross_entropy', 'mse'];

/** The slope of `leaky_relu` without one: the only definition (both kernel sets read it). */
export const DEFAULT_LEAKY_SLOPE = 0.01;
export const DEFAULT_RANDOM_SCALE = 0.01;

/**
 * Layer l (1-based in the course; `layers[l - 1]` here). l counts every layer, parameters or not
 * (spec §8). What each kind does with its spec — shape rule, parameters, forward, backward — lives
 * in its module under core/layers/.
 */
export type LayerSpec = DenseSpec | Conv2dSpec | PoolSpec | FlattenSpec | LayerNormSpec | GlobalAvgPoolSpec | DepthwiseConv2dSpec;
export type LayerKindName = LayerSpec['kind'];

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

/** The normalizations a layer's `norm:` option names (spec §13). */
export type NormName = 'batch';

/** `conv2d N_C ACT f: F stride: S pad: P` with `same`/`valid` already resolved to p (spec §8). */
export interface Conv2dSpec {
  kind: 'conv2d';
  /** n_C[l] */
  filters: number;
  activation: Activation;
  f: number;
  stride: number;
  pad: number;
  /** `norm: batch` (spec §13): batch norm per channel between Z[l] and g */
  norm?: NormName;
}

/** `max_pool f: F stride: S` / `avg_pool …`: per channel, no padding, stride default f. */
export interface PoolSpec {
  kind: 'max_pool' | 'avg_pool';
  f: number;
  stride: number;
}

/** `flatten`: (m, n_H, n_W, n_C) → (n_H·n_W·n_C, m), row-major over (h, w, c). */
export interface FlattenSpec {
  kind: 'flatten';
}

/** `global_avg_pool` (spec §12): (m, n_H, n_W, n_C) → (n_C, m), the mean of each channel. */
export interface GlobalAvgPoolSpec {
  kind: 'global_avg_pool';
}

/** `depthwise_conv2d ACT f: F stride: S pad: P` (spec §12): one f × f filter per channel, n_C[l] = n_C[l−1]. */
export interface DepthwiseConv2dSpec {
  kind: 'depthwise_conv2d';
  activation: Activation;
  f: number;
  stride: number;
  pad: number;
  /** `norm: batch` (spec §13): batch norm per channel between Z[l] and g */
  norm?: NormName;
}

/** `layer_norm` (spec §13): per example over its n features, with γ[l], β[l] (n[l], 1); no activation. */
export interface LayerNormSpec {
  kind: 'layer_norm';
}

/** An image volume's size: height, width, channels. */
export interface Volume {
  n_H: number;
  n_W: number;
  n_C: number;
}

export type InitSpec =
  | { kind: 'zeros' }
  | { kind: 'random'; scale: number }
  | { kind: 'xavier' }
  | { kind: 'he' };

/** Numbers are named arguments of a generator call, e.g. flower(m: 400, noise: 0.2). */
export type DataSource =
  | { kind: 'csv'; path: string } // absolute path, resolved against the .nn file
  | { kind: 'images'; path: string } // absolute folder path: one subfolder per class (spec §8)
  | { kind: 'generator'; name: string; args: Record<string, number> };

export type TestSource = DataSource | { kind: 'fraction'; value: number };

/** `optimizer …` (spec §9): the update rule of every W[l], b[l]. */
export type OptimizerSpec =
  | { kind: 'gd' }
  | { kind: 'momentum'; beta: number }
  | { kind: 'rmsprop'; beta: number; epsilon: number }
  | { kind: 'adam'; beta1: number; beta2: number; epsilon: number };
export type OptimizerName = OptimizerSpec['kind'];

/** The arguments each optimizer takes, with the spec's defaults. */
export const OPTIMIZER_DEFAULTS = {
  gd: {},
  momentum: { beta: 0.9 },
  rmsprop: { beta: 0.999, epsilon: 1e-8 },
  adam: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
} as const satisfies { [K in OptimizerName]: Omit<Extract<OptimizerSpec, { kind: K }>, 'kind'> };

/** `decay inverse(rate: R, every: K)` or `exponential(rate: R, every: K)` (spec §9). */
export interface DecaySpec {
  kind: 'inverse' | 'exponential';
  rate: number;
  every: number;
}

export interface TrainSpec {
  data?: DataSource;
  test?: TestSource;
  /** undefined: per layer, he for relu-family, xavier for the others (spec §4). */
  init?: InitSpec;
  /** absolute path of a weights JSON (spec §6); overrides init. */
  weights?: string;
  learningRate: number; // default 0.01
  iterations: number; // default 1000
  batch: number | 'full'; // default 'full'
  seed: number; // default 1
  logEvery: number; // default 100
  /** spec §9; absent means gd */
  optimizer?: OptimizerSpec;
  /** λ of L2 regularization (spec §9); absent means 0 */
  l2?: number;
  /** learning-rate schedule (spec §9); absent means a constant α */
  decay?: DecaySpec;
}

export const TRAIN_DEFAULTS: Readonly<Omit<TrainSpec, 'data' | 'test' | 'init' | 'weights'>> = {
  learningRate: 0.01,
  iterations: 1000,
  batch: 'full',
  seed: 1,
  logEvery: 100,
};

/**
 * The network as the file nests it (spec §12): layers and the groups that join sub-sequences of
 * them. A layer is named by its l (`layers[l - 1]`), so the tree and the flat list can never
 * disagree and both cross worker and webview boundaries as plain data. `repeat` and `block` uses
 * are expanded by the checker before this tree is built: their copies are layers like any other.
 * l is the depth-first order of the layer statements, a shortcut's after its body's (§12).
 */
export type NetworkNode = LayerRef | ResidualSpec | ConcatSpec;

/** Layer l of the network, a leaf of the tree. */
export interface LayerRef {
  kind: 'layer';
  l: number;
}

/**
 * `residual ACT { BODY [shortcut { SHORTCUT }] }`: out = g(BODY(x) + SHORTCUT(x)); an empty
 * shortcut is the identity (ResNet's identity block). The sum's Z and out's A have no l.
 */
export interface ResidualSpec {
  kind: 'residual';
  activation: Activation;
  body: NetworkNode[];
  shortcut: NetworkNode[];
}

/**
 * `concat { branch { … } … }`: every branch gets the same input; their outputs are joined along
 * channels (volumes) or units (vectors) in branch order. An empty branch is the identity.
 */
export interface ConcatSpec {
  kind: 'concat';
  branches: NetworkNode[][];
}

/** The tree of `spec`: its `body`, or for a straight network (every network of Parts I–II) layers 1…L in order. */
export function networkBody(spec: NetworkSpec): NetworkNode[] {
  return spec.body ?? spec.layers.map((_, i) => ({ kind: 'layer', l: i + 1 }));
}

export interface NetworkSpec {
  name: string;
  /** n[0]: the number of features of one example (n_H·n_W·n_C for an image input) */
  inputSize: number;
  /** `input (N_H, N_W, N_C)`: the image input's volume; absent for a vector input */
  image?: Volume;
  /** every layer, in the order of l (spec §8, §12) */
  layers: LayerSpec[];
  /** how the layers nest (spec §12); absent when they run one after the other (networkBody) */
  body?: NetworkNode[];
  /** explicit, or inferred from the output activation (spec §2). */
  loss: LossName;
  train: TrainSpec;
}

/** The loss the spec infers when `loss` is absent. */
export function inferLoss(output: ActivationName): LossName {
  if (output === 'sigmoid') return 'cross_entropy';
  if (output === 'softmax') return 'softmax_cross_entropy';
  return 'mse';
}

/** The output layer: always `dense` (spec §8), so the output activation and Y's shape come from it. */
export function outputLayer(spec: NetworkSpec): DenseSpec {
  const last = spec.layers[spec.layers.length - 1];
  if (last?.kind !== 'dense') throw new Error(`the last layer of network ${spec.name} must be dense`);
  return last;
}

/** A network of dense layers only (spec §1–7, §9). */
export type DenseNetworkSpec = Omit<NetworkSpec, 'layers'> & { layers: DenseSpec[] };

/** `spec` when all its layers are dense; engine parts that know no other kind yet ask this. */
export function denseOnly(spec: NetworkSpec): DenseNetworkSpec {
  const other = spec.layers.find((layer) => layer.kind !== 'dense');
  if (other) throw new Error(`${other.kind} layers are not supported here yet`);
  return spec as DenseNetworkSpec;
}
