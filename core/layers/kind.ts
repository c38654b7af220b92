// A layer kind (spec §8): one module per kind owns its shape rule and its parameters; the checker,
// hover, `nn shapes`, the engine and the exporters ask it instead of switching on kinds themselves.

import type { Activation, ActivationName, LayerSpec } from '../foundation/model';
import type { LayerDescription } from './describe';
import type { LayerEngine } from './engine';
import type { LayerContext, LayerGraph } from './onnxGraph';
import type { LayerShapes, LayerState, NamedParameter, Shape, ShapeResult } from './shape';
import type { TorchContext, TorchLayer } from './torchCode';


export interface LayerKind<S extends { kind: string } = LayerSpec> {
  kind: S['kind'];
  /** hover and completion text: the statement's form and what it computes, in the course's symbols */
  syntax: string;
  doc: string;
  /** what completion's keyword item writes, with tab stops (`${1:4}`) and choices (`${2|relu,tanh|}`) */
  insert: string;
  /** what the parser reads after the keyword and the checker accepts (LayerForm) */
  form: LayerForm;
  /** The layer's spec from the parts of its statement the checker has read and found valid. */
  spec(parts: LayerParts): S;
  /** The shape of A[l] for the shape of A[l−1], and what is wrong with that input. */
  output(spec: S, input: Shape): ShapeResult;
  /**
   * A[l]'s shape when the statement alone gives it, whatever A[l−1] is (dense: n[l] units): the
   * checker reads on with it past a layer given the wrong input, and the inlay hints past a broken
   * layer. Absent: A[l] depends on A[l−1].
   */
  alone?(spec: S): Shape;
  /**
   * For a kind that may end a network (spec §8: the output layer is dense): n[L] and g[L], which
   * give Y's shape, the labels and the loss. Absent: the kind cannot be the output layer (NN224).
   */
  asOutput?(spec: S): { units: number; activation: Activation };
  /**
   * The trained parameters for this input, by the names and in the order of spec §13's weights file
   * (W, b; W, gamma, beta; Wax, Waa, ba; E; WQ … bO), with their shapes: what the checker, hover,
   * `nn shapes`, the memory estimate and the weights-file check read, with no engine built. Empty
   * for a layer without parameters (pools, flatten) or an input the kind refuses. Equal, in order,
   * to the trained parameters of its engine (test/unit/layers/declaredParameters.test.ts).
   */
  parameters(spec: S, input: Shape): NamedParameter[];
  /**
   * What the layer keeps beside them, untrained, in the weights file after them (batch norm's
   * running statistics), with the values it starts at; absent for a kind that keeps none.
   */
  state?(spec: S, input: Shape): LayerState[];
  /** n[l−1] of the course for initialisation: the number of inputs each output unit sums over. */
  fanIn(spec: S, input: Shape): number;
  /** The engine's passes for this layer between shapes `input` and `output` (engine.ts). */
  engine(spec: S, input: Shape, output: Shape): LayerEngine;
  /** f, stride and pad of a window layer (pools never pad); absent for kinds without a window */
  window?(spec: S): { f: number; stride: number; pad: number };
  /**
   * Whether the language names a Z[l] for this layer (its annotations, the checker's memory
   * estimate): every kind that computes one from A[l−1]; flatten only reshapes A[l−1] into A[l].
   */
  hasZ: boolean;
  /** What hover, inlay hints and `nn shapes` say about the layer (describe.ts). */
  describe(spec: S, shapes: LayerShapes): LayerDescription;
  /** The layer as ONNX nodes (onnxGraph.ts). */
  onnx(spec: S, ctx: LayerContext): LayerGraph;
  /** The layer as PyTorch code (torchCode.ts). */
  torch(spec: S, ctx: TorchContext): TorchLayer;
}

/**
 * A layer statement's syntax (spec §3, §8): the keyword, then an optional count (n[l] or n_C[l]), an
 * optional activation, then `NAME: VALUE` options and `NAME: (…)` annotations in any order. The
 * parser reads every kind by this; the checker takes the option names from it.
 */
export interface LayerForm {
  /**
   * the positional count and the AST field it is kept in, with what the parser says when it is
   * missing and what the checker calls it at layer l (`the number of units n[l]`)
   */
  count?: { field: 'units' | 'filters'; missing: string; what: (l: number) => string };
  /**
   * whether an activation follows the count; `missing(count)` words its absence. With `default` it
   * may be left out (`rnn 64` is `rnn 64 tanh`, spec §14) and the checker hands `default` to `spec`.
   * `only` lists the activations the kind can take when not every one fits, and why (nn.RNN and
   * ONNX's RNN have tanh and relu only): the checker rejects the others, completion offers just these.
   */
  activation?: { missing: (count: string) => string; default?: ActivationName; only?: { names: readonly ActivationName[]; why: string } };
  /** the `NAME: VALUE` options the statement takes */
  options: readonly string[];
  /**
   * words that stand alone after the count and activation (`bidirectional`, `causal`, spec §14–15):
   * the parser reads them anywhere among the options; LayerParts.options holds 1 for each written
   */
  flags?: readonly string[];
  /** the options it cannot do without, with the example the checker's fix adds (`f: 3`) */
  requires?: Readonly<Record<string, string>>;
  /** completion's insert for an option where this kind wants another starting value than the catalogue's */
  snippets?: Readonly<Record<string, string>>;
}

/**
 * What the checker read from a layer statement, by its form: the count, the activation (linear
 * when none is written) and each option written, as a number (`pad: same` already resolved to p).
 */
export interface LayerParts {
  count?: number;
  activation: Activation;
  options: Readonly<Record<string, number>>;
}

/** Entries of a shape: the product of its dimensions. */
export function size(shape: readonly number[]): number {
  return shape.reduce((product, d) => product * d, 1);
}

/** The number of trained parameters: the entries of every named one (running statistics are not trained). */
export function parameterCount(named: readonly NamedParameter[]): number {
  return named.reduce((sum, p) => sum + size(p.shape), 0);
}

/** An activation as a `.nn` file writes it: `relu`, `leaky_relu(0.05)`. */
export function activationText({ name, slope }: Activation): string {
  return slope === undefined ? name : `${name}(${slope})`;
}
