// The language core's public types: what `analyze` returns to the CLI, the extension's providers,
// the engine and the tests. Positions are 1-based (line and column, as the spec's CLI prints them);
// columns count UTF-16 code units, so they map 1:1 onto VS Code positions; `end` is exclusive.

import type { CsvError, CsvTable } from '../data/csv';
import type { ImageFolderError, ImageFolderSummary } from '../data/images';
import type { NamedParameter, Shape } from '../layers';
import type { Activation, LayerKindName, LayerSpec, LossName, NetworkSpec, OptimizerSpec, Volume } from '../foundation/model';
import type { Reach } from '../data/paths';

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix the checker already knows; the extension only turns it into a CodeAction. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface Diagnostic {
  /** stable code, e.g. NN201; listed in docs/diagnostics.md */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
}

export type MatrixShape = [number, number];
/** Z, A, dZ, dA: the column count is the number of examples, `m`. */
export type ExampleShape = [number, 'm'];
/** Z, A, dZ, dA of an image-shaped layer (spec §8): (m, n_H, n_W, n_C), `m` first. */
export type VolumeShape = ['m', number, number, number];
/** One dimension of a shape: a size, or `m`, the number of examples. */
export type Dimension = number | 'm';

/** The window of a conv2d or pool layer, with the defaults and `same`/`valid` resolved. */
export interface LayerWindow {
  f: number;
  stride: number;
  /** p: 0 for pools and `valid`, (f − 1)/2 for `same` */
  pad: number;
}

/** A trained parameter of layer l as its kind names it: `Wax` (n_a, n_x), `gamma` (n, 1) (core/layers). */
export type { NamedParameter };

/**
 * Everything the course says about layer l's matrices (l counts every layer kind, spec §8).
 * Dense layers have all the course-1 fields as 2-tuples; image-shaped layers have 4-tuples.
 */
export interface LayerInfo {
  /** l, 1-based */
  index: number;
  kind: LayerKindName;
  /** the resolved layer, as it goes into NetworkSpec.layers */
  spec: LayerSpec;
  /** the shape of A[l−1] and of A[l] (core/layers) */
  input: Shape;
  output: Shape;
  /** n[l]: the features of one example of A[l] (units of a dense layer, n_H·n_W·n_C of a volume) */
  units: number;
  /** g[l]; linear (A[l] = Z[l]) for pools and flatten, which have none */
  activation: Activation;
  /**
   * W[l], b[l] and their gradients: (n[l], n[l−1]) and (n[l], 1) for dense, (f, f, n_C[l−1], n_C[l])
   * and (1, 1, 1, n_C[l]) for conv2d and (f, f, 1, n_C) for depthwise_conv2d; empty (no such matrix)
   * for pools and flatten, b[l] for a batch-normalized layer, and both for a kind whose parameters
   * have names of their own (rnn's Wax, embedding's E, layer_norm's γ: see `named`).
   */
  W: number[];
  b: number[];
  dW: number[];
  db: number[];
  /** (n[l], m) for dense, ['m', n_H, n_W, n_C] for conv2d and pools; empty for flatten, which only reshapes */
  Z: Dimension[];
  dZ: Dimension[];
  /** (n[l], m) for dense and flatten, ['m', n_H, n_W, n_C] for conv2d and pools */
  A: Dimension[];
  dA: Dimension[];
  /** entries of the named parameters: n[l]·n[l−1] + n[l] for dense, f·f·n_C[l−1]·n_C[l] + n_C[l] for conv2d, 0 without parameters */
  params: number;
  /**
   * Every trained parameter by the name its kind gives it (spec §13's weights file without the
   * index), in the kind's order: W, b for dense and conv2d; Wax, Waa, ba for rnn; E for embedding;
   * WQ … bO for self_attention; gamma, beta for layer_norm; none for pools and positional_encoding.
   * What the kind declares (LayerKind.parameters), with no engine built.
   */
  named: NamedParameter[];
  /** `keep_prob: P` when given and valid (dropout on A[l] while training; dense only) */
  keepProb?: number;
  /** f, stride and pad of a conv2d or pool layer */
  window?: LayerWindow;
  /** the whole layer statement (for a layer of a block use, its line in the block) */
  range: Range;
  /** a layer of a block use: the use it comes from, as written (`identity(64, 64, 256)`) */
  use?: string;
  /** and the network's statement it comes from (the outermost use, when uses nest) */
  useRange?: Range;
}

/**
 * A group of spec §12 as the checker resolved it, for `nn shapes`, hover, inlay hints and the
 * Outline: `block` is a use `NAME(a, …)`, whose children are its expansion, as a repeat's are its
 * copies one after the other.
 */
export interface GroupInfo {
  kind: 'residual' | 'shortcut' | 'concat' | 'branch' | 'repeat' | 'block';
  /** a use: the block's name and its arguments */
  name?: string;
  args?: number[];
  /** a residual's g, applied to BODY(x) + SHORTCUT(x) (the network diagram writes it on the ⊕) */
  activation?: Activation;
  /** the statement (a use's `NAME(…)`; a group's keyword to its `}`) */
  range: Range;
  /** its output, when every layer in it resolved */
  output?: Shape;
  /** the parameters of its layers */
  params: number;
  children: ShapeNode[];
}

/** A node of NetworkInfo.tree: layer l (`layers[l − 1]`, when resolved) or a group. */
export type ShapeNode = { kind: 'layer'; l: number } | GroupInfo;

export interface NetworkInfo {
  name: string;
  /** the whole `network NAME { … }` block */
  range: Range;
  nameRange: Range;
  /** n[0], when `input` is given (n_H·n_W·n_C for an image input) */
  inputSize?: number;
  /** `input (N_H, N_W, N_C)`: the image input's volume; absent for a vector input */
  image?: Volume;
  /** `input sequence(steps: T, features: n)` (spec §14), as NetworkSpec.sequence; inputSize is T·n */
  sequence?: { T: number; n: number };
  /** `input tokens(steps: T, vocab: V)` (spec §14), as NetworkSpec.tokens; inputSize is T */
  tokens?: { T: number; V: number };
  inputRange?: Range;
  /** the layers whose shapes could be inferred (all of them unless a layer is broken) */
  layers: LayerInfo[];
  loss?: LossName;
  /** true when `loss` was absent and inferred from the output activation */
  lossInferred: boolean;
  /** the `optimizer` setting, when given and valid (absent: gd) */
  optimizer?: OptimizerSpec;
  /** number of training examples, when the data is known (generator m or CSV rows, less a test fraction) */
  m?: number;
  params: number;
  /** how the statements nest (spec §12), when the network has a group, a repeat or a block use */
  tree?: ShapeNode[];
  /** the resolved network, present when this network has no error */
  spec?: NetworkSpec;
  /**
   * What training it holds in memory (the engine's one estimate, core/engine/footprint.ts), counted
   * once by the checker for NN701/NN702 when every layer resolved; `nn/networks` carries it, so the
   * editor never counts again.
   */
  footprint?: NetworkFootprint;
}

/** A network's memory footprint as the editor shows it. */
export interface NetworkFootprint {
  bytes: number;
  /** "about 417 MB of memory, most of it for …: 120 MB" */
  need: string;
}

/**
 * A CSV file as the checker sees it: the table (`complete` false while only its first rows are known,
 * e.g. while the editor loads a big file in the background), the file's CsvError, or an Error saying
 * why it cannot be read.
 */
export type CsvRead = { table: CsvTable; complete: boolean } | CsvError | Error;

/** An image folder as the checker sees it: its summary, or why it or one of its images cannot be used. */
export type ImageFolderRead = ImageFolderSummary | ImageFolderError;

/** How the checker reads referenced CSV and weights files; injected so tests and the editor can supply their own. */
export interface FileAccess {
  /** the file's text, or an Error whose message says why it cannot be read */
  readFile(absolutePath: string): string | Error;
  /** a CSV file, parsed; without it the checker parses readFile's text */
  readCsv?(absolutePath: string): CsvRead;
  /** an image folder's classes and image headers (never its pixels), following only the symbolic links `reach` allows; without it image folders are not checked */
  readImageFolder?(absolutePath: string, reach?: Reach): ImageFolderRead;
  /** which files a `.nn` file may read (core/data/paths.ts); default: its folder and the current directory, others with a warning */
  reach?: Reach;
}

export interface AnalyzeOptions {
  /** absolute path of the .nn file; relative data/weights paths resolve against its folder */
  path?: string;
  /** defaults to reading from disk (Node); pass `null` to skip file checks entirely */
  files?: FileAccess | null;
}
