// The language core's public types: what `analyze` returns to the CLI, the extension's providers,
// the engine and the tests. Positions are 1-based (line and column, as the spec's CLI prints them);
// columns count UTF-16 code units, so they map 1:1 onto VS Code positions; `end` is exclusive.

import type { CsvError, CsvTable } from '../data/csv';
import type { ImageFolderError, ImageFolderSummary } from '../data/images';
import type { Activation, LossName, NetworkSpec, OptimizerSpec } from '../model';
import type { Reach } from './paths';

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

/** Everything the course says about layer l's matrices. */
export interface LayerInfo {
  /** l, 1-based */
  index: number;
  units: number;
  activation: Activation;
  W: MatrixShape;
  b: MatrixShape;
  Z: ExampleShape;
  A: ExampleShape;
  dZ: ExampleShape;
  dA: ExampleShape;
  dW: MatrixShape;
  db: MatrixShape;
  /** n[l]·n[l−1] + n[l] */
  params: number;
  /** `keep_prob: P` when given and valid (dropout on A[l] while training) */
  keepProb?: number;
  /** the whole `dense …` statement */
  range: Range;
}

export interface NetworkInfo {
  name: string;
  /** the whole `network NAME { … }` block */
  range: Range;
  nameRange: Range;
  /** n[0], when `input` is given */
  inputSize?: number;
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
  /** the resolved network, present when this network has no error */
  spec?: NetworkSpec;
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
  /** an image folder's classes and image headers (never its pixels); without it image folders are not checked */
  readImageFolder?(absolutePath: string): ImageFolderRead;
  /** which files a `.nn` file may read (core/language/paths.ts); default: its folder and the current directory, others with a warning */
  reach?: Reach;
}

export interface AnalyzeOptions {
  /** absolute path of the .nn file; relative data/weights paths resolve against its folder */
  path?: string;
  /** defaults to reading from disk (Node); pass `null` to skip file checks entirely */
  files?: FileAccess | null;
}
