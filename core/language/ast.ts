// The syntax tree of a `.nn` file. Every node keeps its source range (1-based, end exclusive) so the
// checker can point at the exact text and the extension can fold, outline and complete from it.
// The parser keeps whatever it could read of a broken statement, so later checks still run.

import type { Range } from './api';
import type { LayerKindName } from '../foundation/model';
import type { Comment } from './lexer';

export interface SourceFile {
  kind: 'file';
  networks: NetworkNode[];
  /** file-level `block NAME(P, …) { … }` definitions (spec §12), in source order */
  blocks: BlockDefinition[];
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

export type Statement = InputNode | LayerNode | LossNode | TrainNode | GroupNode | UseNode | UnknownStatement;

/**
 * `residual ACT { … }`, `shortcut { … }`, `concat { … }`, `branch { … }` and `repeat N { … }` (spec
 * §12): a braced group of statements, nested as written. Where each may stand (a shortcut in a
 * residual, branches in a concat) is the checker's to say, so a misplaced one still parses.
 */
export interface GroupNode extends StatementBase {
  kind: GroupKind;
  /** residual's g: `residual relu { … }` */
  activation?: CallValue;
  /** repeat's N: `repeat 3 { … }` (a block parameter inside a block) */
  count?: NumberValue;
  body: BlockInfo;
  statements: Statement[];
}
export type GroupKind = 'residual' | 'shortcut' | 'concat' | 'branch' | 'repeat';

/** `NAME(a, b, …)`: a use of a file-level block, standing where a layer may (spec §12). */
export interface UseNode extends StatementBase {
  kind: 'use';
  /** the block's name (= keyword) */
  name: string;
  /** the arguments written, in order (block parameters inside another block) */
  args: NumberValue[];
  /** the `( … )` part */
  argsRange: Range;
}

/** `block NAME(P1, P2, …) { … }` at file level: a reusable group with integer parameters. */
export interface BlockDefinition {
  kind: 'block';
  /** '' when missing */
  name: string;
  keywordRange: Range;
  nameRange: Range;
  params: { name: string; range: Range }[];
  body: BlockInfo;
  statements: Statement[];
  range: Range;
}

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
  /** `input sequence(steps: T, features: n)` or `input tokens(steps: T, vocab: V)` (spec §14) */
  form?: CallValue;
}

/** The `(N_H, N_W, N_C)` of an image input, with whatever could be read of it. */
export interface InputVolume {
  /** the numbers written, in order (three when well formed) */
  dims: NumberValue[];
  /** the `( … )` part */
  range: Range;
}

/**
 * A layer statement of any kind (spec §3, §8), read by its kind's form (core/layers/kind.ts): the
 * count and activation when the form has them, then `NAME: (…)` annotations and `NAME: VALUE`
 * options in the order written. l counts every layer statement, in order.
 */
export interface LayerNode extends StatementBase {
  kind: LayerKindName;
  /** the count of a form whose count is n[l] (`dense N`) */
  units?: NumberValue;
  /** the count of a form whose count is n_C[l] (`conv2d N_C`) */
  filters?: NumberValue;
  /** `tanh` is a call without arguments; `leaky_relu(0.02)` has one */
  activation?: CallValue;
  annotations: Annotation[];
  /** `NAME: VALUE` options such as `keep_prob: 0.8` or `f: 5`, in the order written */
  options: LayerOption[];
  /** words standing alone among the options (`bidirectional`, `causal`, spec §14–15), in the order written */
  flags: Flag[];
}

/** A word that stands alone on a layer line; the checker judges it against the kind's LayerForm.flags. */
export interface Flag {
  name: string;
  range: Range;
}
export type LayerNodeKind = LayerNode['kind'];

/** A `dense` statement: the one kind whose annotations are course 1's matrices (spec §3). */
export type DenseNode = LayerNode;

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
  /** NaN for a block parameter (`param`) until a use gives it a value */
  value: number;
  text: string;
  /** inside `block NAME(P, …)`: the parameter written where a number goes (`dense f relu`) */
  param?: string;
  /** written as plain digits */
  integer: boolean;
  range: Range;
}

export interface StringValue {
  kind: 'string';
  value: string;
  range: Range;
}

/** A word with optional arguments: `full`, `xavier`, `random(0.5)`, `flower(m: 400, noise: 0.2)`, `images("train")`. */
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
  /** a positional string argument instead of a number: the folder of `images("digits/train")` */
  text?: StringValue;
  range: Range;
}
