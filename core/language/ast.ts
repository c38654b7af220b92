// The syntax tree of a `.nn` file. Every node keeps its source range (1-based, end exclusive) so the
// checker can point at the exact text and the extension can fold, outline and complete from it.
// The parser keeps whatever it could read of a broken statement, so later checks still run.

import type { Range } from './api';
import type { Comment } from './lexer';

export interface SourceFile {
  kind: 'file';
  networks: NetworkNode[];
  comments: Comment[];
  range: Range;
}

export interface NetworkNode {
  kind: 'network';
  /** '' when the name is missing */
  name: string;
  keywordRange: Range;
  nameRange: Range;
  /** from `network` to the closing `}` (or to where the block was cut off) */
  range: Range;
  /** the `{ … }` part; `opened` false when the `{` is missing, `closed` false when the `}` is */
  body: BlockInfo;
  statements: Statement[];
}

export interface BlockInfo {
  /** from `{` to `}` inclusive; where the `{` should be when it is missing */
  range: Range;
  /** false when the `{` is missing (reported once, as NN104); the lines below are read as the body */
  opened: boolean;
  closed: boolean;
}

export type Statement = InputNode | LayerNode | LossNode | TrainNode | UnknownStatement;

/** A layer statement (spec §3, §8): l counts every one of them, in order. */
export type LayerNode = DenseNode | Conv2dNode | PoolNode | FlattenNode;
export type LayerNodeKind = LayerNode['kind'];

interface StatementBase {
  keyword: string;
  keywordRange: Range;
  /** the whole statement, keyword to last token */
  range: Range;
}

export interface InputNode extends StatementBase {
  kind: 'input';
  /** `input N`: n[0] */
  size?: NumberValue;
  /** `input (N_H, N_W, N_C)` (spec §8): an image input; `size` is then absent */
  image?: InputVolume;
}

/** The `(N_H, N_W, N_C)` of an image input, with whatever could be read of it. */
export interface InputVolume {
  /** the numbers written, in order (three when well formed) */
  dims: NumberValue[];
  /** the `( … )` part */
  range: Range;
}

/** What every layer line may carry after its arguments: `NAME: (…)` annotations and `NAME: VALUE` options. */
interface LayerBase extends StatementBase {
  annotations: Annotation[];
  /** `NAME: VALUE` options such as `keep_prob: 0.8` or `f: 5`, in the order written */
  options: LayerOption[];
}

export interface DenseNode extends LayerBase {
  kind: 'dense';
  units?: NumberValue;
  /** `tanh` is a call without arguments; `leaky_relu(0.02)` has one */
  activation?: CallValue;
}

/** `conv2d N_C ACT f: F [stride: S] [pad: P | same | valid]`; f, stride and pad are in `options`. */
export interface Conv2dNode extends LayerBase {
  kind: 'conv2d';
  /** n_C[l], the number of filters */
  filters?: NumberValue;
  activation?: CallValue;
}

/** `max_pool f: F [stride: S]` or `avg_pool …`; f and stride are in `options`. */
export interface PoolNode extends LayerBase {
  kind: 'max_pool' | 'avg_pool';
}

/** `flatten` */
export interface FlattenNode extends LayerBase {
  kind: 'flatten';
}

export interface LossNode extends StatementBase {
  kind: 'loss';
  loss?: CallValue;
}

export interface TrainNode extends StatementBase {
  kind: 'train';
  body: BlockInfo;
  settings: Setting[];
}

/** A line inside `network { }` whose first word is not a statement keyword. */
export interface UnknownStatement extends StatementBase {
  kind: 'unknown';
}

/** `NAME: (ROWS, COLS)` after a dense layer, `NAME: (m, 24, 24, 6)` after an image-shaped one (spec §8) */
export interface Annotation {
  name: string;
  nameRange: Range;
  /** every dimension written, in order: two for a matrix, four for an image-shaped one */
  dims: Dim[];
  /** dims[0] and dims[1], as course 1 names them */
  rows?: Dim;
  cols?: Dim;
  /** the `( … )` part */
  shapeRange: Range;
  range: Range;
}

/**
 * `NAME: VALUE` on a layer line (spec §8–9): shares the `NAME:` form with the annotations, but
 * takes a number or a word (`keep_prob: 0.8`, `f: 5`, `pad: same`) instead of a shape.
 */
export interface LayerOption {
  name: string;
  nameRange: Range;
  value?: NumberValue | CallValue;
  range: Range;
}

/** an integer, or the letter `m` */
export interface Dim {
  value: number | 'm';
  text: string;
  range: Range;
}

/** `NAME VALUE` inside `train { }` */
export interface Setting {
  kind: 'setting';
  name: string;
  nameRange: Range;
  value?: Value;
  range: Range;
}

export type Value = NumberValue | StringValue | CallValue;

export interface NumberValue {
  kind: 'number';
  value: number;
  text: string;
  /** written as plain digits */
  integer: boolean;
  range: Range;
}

export interface StringValue {
  kind: 'string';
  value: string;
  range: Range;
}

/** A word with optional arguments: `full`, `xavier`, `random(0.5)`, `flower(m: 400, noise: 0.2)`. */
export interface CallValue {
  kind: 'call';
  name: string;
  nameRange: Range;
  /** undefined when written without parentheses */
  args?: Argument[];
  /** the `( … )` part, when present */
  argsRange?: Range;
  range: Range;
}

export interface Argument {
  /** undefined for a positional argument */
  name?: string;
  nameRange?: Range;
  value?: NumberValue;
  range: Range;
}
