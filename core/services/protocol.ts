// The one message protocol between the extension host and its worker threads (docs/floors.md, "The
// workers' protocol"). Every job — train (and Compare Runs, one thread per network), gradcheck,
// export — is a `Command` the host posts to a `dist/worker.js` thread, carrying the network the
// checker resolved (the language server's `nn/networks` answer, or the CLI's own analysis) as
// plain data; the thread answers with `Report`s: progress, its result, or an `error` of one shape
// for every job. Cancel is the same for every job too: the host ends the thread. The extension
// forwards training reports to the webview as `Plain<Report>` (postMessage to a webview
// JSON-serialises, so typed arrays become plain arrays there) and turns the webview's `Intent`s into
// commands. Pure types and tiny helpers: no vscode, no DOM.

import type { GradCheckResult } from '../engine/gradcheck';
import type { WeightEntry, WeightsValues } from '../data/weights';
import type { LayerKindName, NetworkSpec } from '../foundation/model';
import type { DiagramData } from './format/shapesJson';

export type ExportTarget = 'pytorch' | 'onnx';

/** "NN: Export Network…" as a job: the files of core/services/export, written by the thread. */
export interface ExportJob {
  type: 'export';
  spec: NetworkSpec;
  target: ExportTarget;
  /** the absolute path the user chose (a save dialog has asked before replacing it) */
  out: string;
  /** the absolute path of the .nn file, which the script names and reads its data beside */
  source: string;
  /** an ONNX model in double precision */
  float64?: boolean;
  /** weights the panel trained, by key (`W1`, `gamma3`, …): the script starts from them (OUT.weights.json), the model holds them; without, an ONNX model is trained first */
  weights?: WeightsValues;
}

/** A row-major matrix crossing a thread boundary. */
export interface MatrixData<A = Float32Array> {
  rows: number;
  cols: number;
  data: A;
}

/**
 * A normalized layer l as it trains: γ[l] and β[l], and for `norm: batch` the running mean μ and
 * variance σ² that evaluation uses, one value per unit (column vectors) or channel (volumes);
 * `units` of them, pooled to at most NORM_UNITS by averaging neighbours (then `units` is larger
 * than the arrays).
 */
export interface NormSnapshot<A = Float32Array> {
  l: number;
  units: number;
  gamma: A;
  beta: A;
  mean?: A;
  variance?: A;
}

/** W[l] for its heat map: levels −127…127 standing for ±scale, the largest |value| drawn (its colour scale's ends). */
export interface HeatMap extends MatrixData {
  scale: number;
}

export interface StartOptions {
  /** overrides `learning_rate` of the file */
  learningRate?: number;
  /** overrides `iterations` of the file */
  iterations?: number;
  /** stay paused after loading (the panel's "step" and "reset" start from here) */
  paused?: boolean;
  /**
   * report the cost and accuracy curves and the final figures only (Compare Runs shows nothing
   * else): no W/b snapshots, maps through time, feature maps, boundary grids or sampled lines are
   * made, and `started` carries no points or images
   */
  curvesOnly?: boolean;
}

/** What the extension asks of the worker: a job (`start`, `gradcheck`, `export`), or a command to the training run. */
export type Command =
  /** train: the panel's run, and each run of Compare Runs */
  | { type: 'start'; spec: NetworkSpec; options?: StartOptions }
  /** check the gradient of the network's initial weights (spec §9); `entries` at most, else the default sample */
  | { type: 'gradcheck'; spec: NetworkSpec; entries?: number }
  | ExportJob
  /** "NN: Sample" (spec §14): `length` characters of the character model with the weights file at `weights` (absolute), drawn on `seed` */
  | { type: 'sample'; spec: NetworkSpec; weights: string; seed?: number; length?: number }
  | { type: 'pause' }
  | { type: 'resume' }
  /** run `count` iterations (default 1) then pause */
  | { type: 'step'; count?: number }
  | { type: 'stop' }
  /** back to iteration 0 with freshly initialised weights, paused */
  | { type: 'reset' }
  | { type: 'setLearningRate'; value: number }
  | { type: 'setIterations'; value: number }
  /** reply with a `weights` report holding the current W and b in full precision */
  | { type: 'exportWeights' }
  /** draw the feature maps (or the maps through time) of this example (0-based, of the test set, else the training set) */
  | { type: 'showExample'; index: number }
  /** Save Weights: write the current W and b as a weights file (spec §7) at this absolute path */
  | { type: 'writeWeights'; path: string };

/** The jobs: each starts a thread's work and ends with its result or an error. */
export type Job = Extract<Command, { type: 'start' | 'gradcheck' | 'export' | 'sample' }>;

export type RunState = 'running' | 'paused' | 'stopped' | 'done' | 'failed';

export interface Stat {
  mean: number;
  norm: number;
}

/** Per layer l: mean and Frobenius norm of W[l], b[l], dW[l], dZ[l] (the engine's LayerStats). */
export interface LayerStat {
  l: number;
  W: Stat;
  b: Stat;
  dW: Stat;
  dZ: Stat;
}

/** The training examples, for the decision-boundary plot (2-D inputs only, at most a few thousand). */
export interface Points {
  x: Float32Array;
  y: Float32Array;
  /** class index per point (0/1 for one sigmoid unit; regression: the target value) */
  label: Float32Array;
  /** the first `train` points are training examples, the rest test examples (absent: all train) */
  train?: number;
  /** names of the two features and of the label, from a CSV header (absent: none in the data) */
  names?: [string, string, string];
}

/** The network's outputs on a size×size grid over [x0, x1]×[y0, y1]; values are (outputs, size²) row-major, grid cell (i, j) = column j·size + i. */
export interface BoundaryGrid {
  size: number;
  x: [number, number];
  y: [number, number];
  outputs: number;
  values: Float32Array;
}

/**
 * A few examples of an image input, for the panel's grid (spec §8 "Data": features in (h, w, c)
 * row-major order). Sent once with `started`; the predictions come with each snapshot.
 */
export interface ImageGrid {
  /** which set the examples are from: the test set when there is one */
  set: 'test' | 'train';
  n_H: number;
  n_W: number;
  n_C: number;
  /** each image's example index in its set (evenly spaced over the set) */
  indices: number[];
  /** the images one after another, (n_H, n_W, n_C) row-major each, scaled from the set's least to its greatest value to 0…255 */
  pixels: Float32Array;
  /** each image's true class */
  labels: Float32Array;
  /** the classes' names (an image folder's subfolders), in label order */
  classNames?: string[];
}

/**
 * Values as the panel draws them, on a diverging scale of 255 colours: each an integer level from
 * −127 to 127, the value being level / 127 · scale (scale: the largest |value|, 0 when all are 0).
 * Small in JSON (`-93` against `-0.09312345087528229`): the webview's messages are JSON.
 */
export interface Levels {
  scale: number;
  levels: Float32Array;
}

/**
 * One conv layer's filters: W[l] (f, f, n_C[l−1], n_C[l]) regrouped so that each tile, one per
 * (filter k, input channel c), is f × f contiguous: tile value ((k·channels + c)·f + i)·f + j is
 * W[l][i][j][c][k]. Only the first `shown` filters when the layer has more than a panel can draw.
 */
export interface Filters {
  l: number;
  f: number;
  /** n_C[l−1] */
  channels: number;
  /** n_C[l] */
  filters: number;
  shown: number;
  data: Levels;
}

/**
 * A[l] of one example for a layer with an image-shaped output (l = 0: the input), regrouped so that
 * each channel's n_H × n_W map is contiguous: value (c·n_H + i)·n_W + j is A[l][i][j][c]. Only the
 * first `shown` channels of a volume too large to draw.
 */
export interface FeatureMaps {
  l: number;
  n_H: number;
  n_W: number;
  n_C: number;
  shown: number;
  data: Levels;
}

/** What a conv network's snapshot adds: the filters, one example's feature maps, the grid's predictions. */
export interface ConvSnapshot {
  filters: Filters[];
  /** the example the maps are of, as `showExample` chose it (0-based, in `set`) */
  example: number;
  set: 'test' | 'train';
  /** A[0] of that example, then A[l] of every conv and pool layer */
  maps: FeatureMaps[];
  /** the predicted class of each image of the `started` report's grid */
  predicted?: Float32Array;
}

/**
 * One map through time of one example (core/layers/engine.ts `TimeTrace`): a recurrent layer's a⟨t⟩,
 * c⟨t⟩ or a gate over the units and steps, or an attention head's α over the query and key steps;
 * pooled to at most TIME_CELLS cells a side (neighbouring units or steps averaged) and sent as levels.
 */
export interface TimeMap {
  l: number;
  /** `a⟨t⟩`, `c⟨t⟩`, `Γf`, `α` (`a⟨t⟩ ←` for a bidirectional layer's reverse direction) */
  name: string;
  /** in words: `forget gate`, `attention weights` */
  title: string;
  /** the rows are the layer's units (columns: steps t), or the query steps t (columns: key steps t′) */
  rows: 'units' | 'queries';
  /** 1…h for an attention map */
  head?: number;
  /** (rows, cols) before pooling: (n_a, T_x) or (T_x, T_x) */
  shape: [number, number];
  map: HeatMap;
  /**
   * [0, 1] when the values lie there whatever the weights, a gate Γ (σ) or attention weights α (a
   * softmax): the panel draws them on a sequential scale from 0 to 1; absent for a⟨t⟩, c⟨t⟩, drawn
   * on a diverging scale of their largest |value|
   */
  bounds?: [0, 1];
}

/** What a sequence network's snapshot adds: each recurrent and attention layer's maps through time for one example. */
export interface TimeSnapshot {
  /** the example the maps are of, as `showExample` chose it (0-based, in `set`) */
  example: number;
  set: 'test' | 'train';
  /** T_x */
  steps: number;
  /**
   * the example's input at each step, as the axes label it: the vocabulary's characters (a line
   * break as ⏎, a space as ␣) or token ids; absent for a sequence of numbers
   */
  tokens?: string[];
  maps: TimeMap[];
  /** maps left out beyond the snapshot's cap on values (the last layers' first) */
  omitted: number;
}

/** [iteration, cost, least cost, greatest cost] of the iterations a point stands for (core/engine/history.ts) */
export type CostPoint = [number, number, number, number];

/** A bounded series changed from index `from` on: the receiver keeps its first `from` points, then these. */
export interface SeriesUpdate<P> {
  from: number;
  points: P[];
}

/**
 * A character model's lines drawn at a logged iteration (core/services/session/samples.ts):
 * `nn sample FILE --weights W.json --seed <seed> --length <length>`, with the weights saved at
 * `iteration`, prints the same characters.
 */
export interface SampleLines {
  iteration: number;
  seed: number;
  /** characters drawn, line breaks included */
  length: number;
  lines: string[];
}

/** divergence: the cost is no longer finite; data: the network or its data cannot run; write: a file is refused; protocol: a malformed message; crash: a bug */
export type ErrorKind = 'divergence' | 'data' | 'write' | 'protocol' | 'crash';

/** What the worker tells the extension. */
export type Report =
  | {
      type: 'started';
      network: string;
      iterations: number;
      learningRate: number;
      /** training examples */
      m: number;
      points?: Points;
      /** for an image input: a grid of examples with their labels */
      images?: ImageGrid;
    }
  | {
      type: 'progress';
      state: RunState;
      iteration: number;
      iterations: number;
      learningRate: number;
      /** cost of the latest step (undefined before the first; NaN or ±∞ when it diverged) */
      cost?: number;
      /**
       * the recorded [iteration, cost] pairs (0, every log_every, the last) from index `costsFrom`
       * of the run's history on: usually just the new ones; after the history (bounded) merged its
       * old points, all but the first
       */
      costs: Array<[number, number]>;
      costsFrom: number;
      /**
       * what the cost chart draws: every iteration's cost while the run is short, then points each
       * standing for several iterations with their least and greatest cost; at most a few thousand
       */
      chart: SeriesUpdate<CostPoint>;
      /** the cost oscillates or rises (core/services/session/trend.ts): what, since when, and a hint */
      warning?: string;
      trainAccuracy?: number;
      testAccuracy?: number;
      /** with a per-step output, the shares of examples right at every step (core/engine/accuracy.ts) */
      trainExact?: number;
      testExact?: number;
      /**
       * the iteration both accuracies were measured at: a full pass over a big set is done less
       * often than progress is reported (core/services/session/gate.ts), and an old figure must say so
       */
      accuracyIteration?: number;
      layers: LayerStat[];
      /** seconds of training so far */
      seconds: number;
    }
  /**
   * W[l] and b[l] for the heat maps; W is pooled down when it has more cells than a canvas can show
   * and sent as levels −127…127 of its largest |w| (see `Levels`; 0 × 0 for a layer without
   * parameters); `norms` for a network with normalized layers (normSnapshot.ts); `conv` for a
   * network with an image input; `time` for a network with recurrent or attention layers (timeView.ts)
   */
  | { type: 'snapshot'; iteration: number; W: HeatMap[]; b: MatrixData[]; shapes: Array<[number, number]>; norms?: NormSnapshot[]; conv?: ConvSnapshot; time?: TimeSnapshot }
  | { type: 'boundary'; iteration: number; grid: BoundaryGrid }
  /** a character model's sampled lines at a logged iteration */
  | ({ type: 'samples' } & SampleLines)
  | {
      type: 'done';
      reason: 'completed' | 'stopped';
      iteration: number;
      cost?: number;
      trainAccuracy?: number;
      testAccuracy?: number;
      trainExact?: number;
      testExact?: number;
      seconds: number;
    }
  /** the answer to `exportWeights`: every parameter by key (`W1`, `gamma3`, …) row-major, and the keys with their shapes, as core/data/weights.ts formats them */
  | { type: 'weights'; iteration: number; weights: WeightsValues; entries: WeightEntry[] }
  /** the answer to `writeWeights`: the file holds the weights of this iteration */
  | { type: 'saved'; path: string; iteration: number }
  /** how far a gradcheck or export job is: entries compared, or iterations trained before an ONNX export */
  | { type: 'advanced'; done: number; total: number }
  /** the gradcheck job's result */
  | { type: 'checked'; result: GradCheckResult }
  /** the export job's result: the files written, the output first */
  | { type: 'exported'; files: string[] }
  /** the sample job's result: the characters drawn */
  | { type: 'sampled'; text: string }
  /** any job's failure: the thread has nothing more to say about it */
  | { type: 'error'; kind: ErrorKind; message: string; iteration?: number };

/** What the webview asks of the extension (it never talks to the worker itself). */
export type Intent =
  | { type: 'ready' }
  | { type: 'train' }
  | Exclude<Command, Job | { type: 'exportWeights' } | { type: 'writeWeights' }>
  | { type: 'saveWeights' }
  /** the Export button: "NN: Export Network…" with the weights trained so far (spec §10) */
  | { type: 'exportNetwork' }
  | { type: 'copyCosts' }
  /** slow motion: train at most `value` iterations a second (0: as fast as the worker goes; extension/train/pacer.ts) */
  | { type: 'setSpeed'; value: number }
  /** what the page drew of a conv network at a snapshot's iteration (canvases and images): the integration tests read it */
  | { type: 'drawn'; drawn: Drawn };

/** The conv sections as the page last drew them: canvases of filters and of feature maps, images in the grid. */
export interface Drawn {
  iteration: number;
  filters: number;
  maps: number;
  images: number;
}

/** A shape as the panel prints it: `m` stays literal (`(4, m)`, `(m, 24, 24, 6)`). */
export type Dims = Array<number | 'm'>;

/**
 * The shapes of layer l for the panel (core/services/session/convLayers.ts). A dense layer has all seven
 * matrices in 2-tuples; conv2d has W, b, dW, db in 4-tuples and Z, A, dZ as (m, n_H, n_W, n_C); a
 * pool has A only (and its window), flatten A only.
 */
export interface LayerShapes {
  l: number;
  kind: LayerKindName;
  /** n[l] of a dense layer, n_C[l] of a conv2d */
  units?: number;
  activation?: string;
  /** conv2d and pools: window f, stride and (resolved) padding */
  window?: { f: number; stride: number; pad: number };
  W?: number[];
  b?: number[];
  Z?: Dims;
  A: Dims;
  dZ?: Dims;
  dW?: number[];
  db?: number[];
  /**
   * A kind whose trained parameters are not W[l] and b[l] — rnn's Wax, Waa, ba; an LSTM's gates;
   * embedding's E; self_attention's WQ … bO; layer_norm's γ, β — each by its name, in place of W and b.
   */
  named?: { name: string; dims: number[] }[];
  /**
   * A layer through time (its input a sequence): a⟨t⟩ (n, m) at each of the T steps; `last` when
   * A[l] is a⟨T_x⟩ alone (`return: last`).
   */
  step?: { dims: Dims; T: number; last: boolean };
}

/** What the extension tells the webview besides the forwarded reports. */
export type ViewMessage =
  | Plain<Report>
  /** which network the panel trains: `uri` lets a reloaded panel find it again, `file` is for display; `diagram` its groups and shapes (nn/shapes) */
  | { type: 'network'; name: string; uri: string; file: string; m?: number; layers: LayerShapes[]; diagram?: DiagramData }
  | { type: 'notice'; text: string };

/**
 * `T` with every typed array replaced by a plain number array: what survives JSON. JSON has no NaN
 * or ±∞, so a non-finite number (a diverged cost) reaches the webview as null.
 */
export type Plain<T> = T extends Float32Array | Float64Array ? number[] : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;

/** A deep copy with typed arrays as plain arrays, for a webview's postMessage. */
export function toPlain<T>(value: T): Plain<T> {
  return walk(value, (view) => Array.from(view as Float32Array)) as Plain<T>;
}

/** The ArrayBuffers a worker can transfer instead of copying (each once). */
export function transferables(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  walk(value, (view) => {
    if (view.buffer instanceof ArrayBuffer) found.add(view.buffer);
    return view;
  });
  return [...found];
}

function walk(value: unknown, onView: (view: ArrayBufferView) => unknown): unknown {
  if (ArrayBuffer.isView(value)) return onView(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, onView));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, onView);
    return out;
  }
  return value;
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
/** A count of iterations: an integer ≥ 1 that float64 holds exactly (as the checker requires). */
const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

/**
 * Checks a message that claims to be a `Command` (or, with `intent`, an `Intent`) and returns it,
 * or a sentence saying what is wrong with it. Messages cross thread and process boundaries, so
 * nothing is trusted, and this never throws: not on a BigInt, a cycle, or (from a caller in the
 * same thread) a getter that throws. A job's spec is only looked at here (an object with layers and
 * train settings); the job resolves it once (core/services/session/resolve.ts).
 */
export function checkMessage(value: unknown, intent: true): Intent | string;
export function checkMessage(value: unknown, intent?: false): Command | string;
export function checkMessage(value: unknown, intent = false): Command | Intent | string {
  try {
    return check(value, intent);
  } catch {
    return 'the message could not be read';
  }
}

function check(value: unknown, intent: boolean): Command | Intent | string {
  if (value === null || typeof value !== 'object') return `expected a message object, got ${value === null ? 'null' : typeof value}`;
  const msg = value as Record<string, unknown>;
  switch (msg.type) {
    case 'pause':
    case 'resume':
    case 'stop':
    case 'reset':
      return msg as Command;
    case 'step':
      return msg.count === undefined || count(msg.count) ? (msg as Command) : 'step: count must be a positive integer (at most 2⁵³ − 1)';
    case 'setLearningRate':
      return positive(msg.value) ? (msg as Command) : 'setLearningRate: the learning rate must be a number > 0';
    case 'setIterations':
      return count(msg.value) ? (msg as Command) : 'setIterations: iterations must be an integer ≥ 1 (at most 2⁵³ − 1)';
    case 'showExample':
      return Number.isSafeInteger(msg.index) && (msg.index as number) >= 0 ? (msg as Command) : 'showExample: index must be an integer ≥ 0';
  }
  if (intent) {
    if (msg.type === 'ready' || msg.type === 'train' || msg.type === 'saveWeights' || msg.type === 'exportNetwork' || msg.type === 'copyCosts') return msg as Intent;
    if (msg.type === 'drawn') return checkDrawn(msg.drawn) ?? (msg as Intent);
    if (msg.type === 'setSpeed') return typeof msg.value === 'number' && Number.isFinite(msg.value) && msg.value >= 0 ? (msg as Intent) : 'setSpeed: the speed must be a number of iterations a second ≥ 0';
  } else {
    if (msg.type === 'exportWeights') return msg as Command;
    if (msg.type === 'writeWeights') return absolute(msg.path) ? (msg as Command) : 'writeWeights: path must be an absolute path';
    if (msg.type === 'start' || msg.type === 'gradcheck' || msg.type === 'export' || msg.type === 'sample') {
      const spec = msg.spec as NetworkSpec | undefined;
      if (!spec || typeof spec !== 'object' || !Array.isArray(spec.layers) || !spec.train || typeof spec.train !== 'object') return `${msg.type}: spec must be a checked NetworkSpec`;
      if (msg.type === 'start') return checkOptions(msg.options) ?? (msg as Command);
      if (msg.type === 'gradcheck') return msg.entries === undefined || count(msg.entries) ? (msg as Command) : `gradcheck: entries must be a whole number of at least 1, not ${describeValue(msg.entries)}`;
      if (msg.type === 'sample') return checkSample(msg) ?? (msg as Command);
      return checkExport(msg) ?? (msg as Command);
    }
  }
  return `unknown message type ${describeValue(msg.type)}`;
}

function checkDrawn(drawn: unknown): string | undefined {
  if (drawn === null || typeof drawn !== 'object') return 'drawn: expected an object of counts';
  const counts = drawn as Record<string, unknown>;
  const bad = ['iteration', 'filters', 'maps', 'images'].find((key) => !Number.isSafeInteger(counts[key]) || (counts[key] as number) < 0);
  return bad && `drawn: ${bad} must be an integer ≥ 0`;
}

/** A path a thread may write: absolute, one line, no NUL (the save dialog's, made absolute by the host). */
const absolute = (v: unknown): v is string => typeof v === 'string' && (v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v)) && !/[\0\r\n]/.test(v);

function checkExport(msg: Record<string, unknown>): string | undefined {
  if (msg.target !== 'pytorch' && msg.target !== 'onnx') return `export: target must be "pytorch" or "onnx", not ${describeValue(msg.target)}`;
  if (!absolute(msg.out) || !absolute(msg.source)) return 'export: out and source must be absolute paths';
  if (msg.float64 !== undefined && typeof msg.float64 !== 'boolean') return 'export: float64 must be true or false';
  if (msg.weights === undefined) return undefined;
  const weights = msg.weights;
  const byKey = weights !== null && typeof weights === 'object' && !Array.isArray(weights) && Object.values(weights).every((v) => v instanceof Float64Array);
  return byKey ? undefined : 'export: weights must map each key (W1, b1, …) to a Float64Array';
}

function checkSample(msg: Record<string, unknown>): string | undefined {
  if (!absolute(msg.weights)) return 'sample: weights must be an absolute path';
  if (msg.seed !== undefined && !(Number.isSafeInteger(msg.seed) && (msg.seed as number) >= 0)) return `sample: seed must be a whole number, not ${describeValue(msg.seed)}`;
  if (msg.length !== undefined && !count(msg.length)) return `sample: length must be a whole number of at least 1, not ${describeValue(msg.length)}`;
  return undefined;
}

function checkOptions(options: unknown): string | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object') return 'start: options must be an object';
  const { learningRate, iterations, paused, curvesOnly } = options as Record<string, unknown>;
  if (learningRate !== undefined && !positive(learningRate)) return 'start: options.learningRate must be a number > 0';
  if (iterations !== undefined && !count(iterations)) return 'start: options.iterations must be an integer ≥ 1 (at most 2⁵³ − 1)';
  if (paused !== undefined && typeof paused !== 'boolean') return 'start: options.paused must be true or false';
  if (curvesOnly !== undefined && typeof curvesOnly !== 'boolean') return 'start: options.curvesOnly must be true or false';
  return undefined;
}

/** A value as an error message may show it: never throws (JSON.stringify does on a BigInt or a cycle). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'function') return 'a function';
  if (value !== null && typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}
