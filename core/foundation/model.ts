// The resolved network: what the checker hands to the engine, the CLI, the worker and the
// extension once a `network { … }` block has been parsed and checked. Plain data (structured-clone
// safe) so it crosses worker and webview boundaries unchanged.

// The names of the open sets (activations, layer kinds, losses, optimizers) are not written here:
// each record's module adds its entry to the registry interface below by declaration merging
// (`declare module '../foundation/model'`), so the foundation names no keyword and a new kind,
// activation, loss or optimizer is one module (docs/architecture.md).

/** Every activation by name, entered by core/layers/activations.ts. */
export interface ActivationNames {}
export type ActivationName = keyof ActivationNames & string;

/** `leaky_relu(SLOPE)`: slope is set for leaky_relu only (default DEFAULT_LEAKY_SLOPE). */
export interface Activation {
  name: ActivationName;
  slope?: number;
}

/** Every loss by name, entered by its module under core/layers/losses/. */
export interface LossNames {}
export type LossName = keyof LossNames & string;

/** The slope of `leaky_relu` without one: the only definition (both kernel sets read it). */
export const DEFAULT_LEAKY_SLOPE = 0.01;
export const DEFAULT_RANDOM_SCALE = 0.01;

/**
 * Layer l (1-based in the course; `layers[l - 1]` here). l counts every layer, parameters or not
 * (spec §8). Each kind's module under core/layers/ enters its spec type here by its keyword
 * (`interface LayerSpecs { KEYWORD: ItsSpec }`) and owns what the kind does with it — shape rule,
 * parameters, forward, backward.
 */
export interface LayerSpecs {}
export type LayerSpec = LayerSpecs[keyof LayerSpecs];
export type LayerKindName = LayerSpec['kind'];

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
  | { kind: 'generator'; name: string; args: Record<string, number> }
  /** `text("FILE", steps: T)` (spec §14): characters as tokens, next-character labels; absolute path */
  | { kind: 'text'; path: string; steps: number };

export type TestSource = DataSource | { kind: 'fraction'; value: number };

/**
 * `optimizer …` (spec §9): the update rule of every W[l], b[l]. Each optimizer's module under
 * core/layers/optimizers/ enters its spec (`{ kind, …its arguments }`) here by its name.
 */
export interface OptimizerSpecs {}
export type OptimizerSpec = OptimizerSpecs[keyof OptimizerSpecs];
export type OptimizerName = OptimizerSpec['kind'];

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
  /** `clip C` (spec §14): every gradient entry clipped to [−C, C] before the update; absent means none */
  clip?: number;
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
  /**
   * `input sequence(steps: T, features: n)` (spec §14): x is (n, m, T), kept as (T·n, m) time-major
   * (docs/part3.md); inputSize is T·n. Absent for other inputs.
   */
  sequence?: { T: number; n: number };
  /** `input tokens(steps: T, vocab: V)` (spec §14): ids 0…V−1 kept as (T, m); inputSize is T. */
  tokens?: { T: number; V: number };
  /** every layer, in the order of l (spec §8, §12) */
  layers: LayerSpec[];
  /** how the layers nest (spec §12); absent when they run one after the other (networkBody) */
  body?: NetworkNode[];
  /** explicit, or inferred from the output activation (spec §2). */
  loss: LossName;
  train: TrainSpec;
}
