// What flows between layers (spec §8): a vector of n features per example (dense layers, after
// `flatten`) or an image volume n_H × n_W × n_C per example (the input, conv2d and pools), and the
// output-size arithmetic of course 4 that conv2d and the pools share.

import type { LayerSpec, Volume } from '../foundation/model';

//
// Sequences (spec §14, docs/part3.md): n features at each of T steps, (n, m, T) in the course's
// layout and kept as a (T·n, m) matrix, time-major by rows; tokens: T integer ids 0…V−1 per example,
// kept as (T, m) (one-hot in meaning, never stored so).
export type Shape =
  | { kind: 'vector'; n: number }
  | ({ kind: 'volume' } & Volume)
  | { kind: 'sequence'; n: number; T: number }
  | { kind: 'tokens'; T: number; V: number };

export const vector = (n: number): Shape => ({ kind: 'vector', n });
export const volume = (n_H: number, n_W: number, n_C: number): Shape => ({ kind: 'volume', n_H, n_W, n_C });
export const sequence = (n: number, T: number): Shape => ({ kind: 'sequence', n, T });
export const tokens = (T: number, V: number): Shape => ({ kind: 'tokens', T, V });

/** Entries per example as the engine keeps them: n, n_H·n_W·n_C, T·n, or T token ids. */
export function features(shape: Shape): number {
  switch (shape.kind) {
    case 'vector': return shape.n;
    case 'volume': return shape.n_H * shape.n_W * shape.n_C;
    case 'sequence': return shape.T * shape.n;
    case 'tokens': return shape.T;
  }
}

/**
 * The steps T of a sequence, whose (n, m) blocks a per-step layer, the loss and accuracy take one at
 * a time (spec §14); 1 for every other shape (tokens are read whole, by the layer right after them).
 */
export function stepCount(shape: Shape): number {
  return shape.kind === 'sequence' ? shape.T : 1;
}

/** The sizes of one example in the course's order: [n], [n_H, n_W, n_C], [n, T] or [T, V]. */
export function dimensions(shape: Shape): number[] {
  switch (shape.kind) {
    case 'vector': return [shape.n];
    case 'volume': return [shape.n_H, shape.n_W, shape.n_C];
    case 'sequence': return [shape.n, shape.T];
    case 'tokens': return [shape.T, shape.V];
  }
}

/** Whether two shapes are the same: same kind, same sizes. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.kind === b.kind && dimensions(a).join() === dimensions(b).join();
}

/** ⌊(n + 2p − f)/s⌋ + 1: the output height (or width) of a window f with padding p and stride s. */
export function outputSize(n: number, f: number, p: number, s: number): number {
  return Math.floor((n + 2 * p - f) / s) + 1;
}

/** Rows (or columns) of the padded input that no window reaches: (n + 2p − f) mod s. */
export function unusedRows(n: number, f: number, p: number, s: number): number {
  return n + 2 * p - f < 0 ? 0 : (n + 2 * p - f) % s;
}

/** The padding `same` means: (f − 1)/2, for an odd f and stride 1 (spec §8). */
export function samePad(f: number): number {
  return (f - 1) / 2;
}

export type Axis = 'n_H' | 'n_W';

/** The window arithmetic of one axis, as the checker and hover print it. */
export interface Window {
  axis: Axis;
  n: number;
  f: number;
  p: number;
  s: number;
}

/** `n_H[2] = ⌊(4 + 2·0 − 5)/1⌋ + 1 = 0`: the formula worked out in numbers for layer l. */
export function formula({ axis, n, f, p, s }: Window, l: number): string {
  return `${axis}[${l}] = ⌊(${n} + 2·${p} − ${f})/${s}⌋ + 1 = ${outputSize(n, f, p, s)}`;
}

/**
 * What can be wrong with a layer's input. `too-small` and the wrong-kind issues are errors (the
 * layer has no output shape); `unused` is a warning (rows or columns the stride never reaches).
 */
export type ShapeIssue =
  | ({ kind: 'too-small' } & Window)
  | ({ kind: 'unused'; unused: number } & Window)
  /** a `dense` layer given an image volume: `flatten` must come first */
  | { kind: 'needs-vector'; input: Shape }
  /**
   * conv2d, a pool or global_avg_pool given vectors (after `flatten` or `dense`, or a vector input);
   * `what` says what the layer does with a volume when that is not sliding a window over it
   */
  | { kind: 'needs-volume'; input: Shape; what?: string }
  /** `flatten` given vectors: there is no volume left to reshape */
  | { kind: 'already-vector'; input: Shape }
  /**
   * a recurrent layer or attention given vectors or a volume (spec §14–15): it runs over the steps of
   * a sequence; `what` says what the layer does with the steps, as `needs-volume`'s
   */
  | { kind: 'needs-sequence'; input: Shape; what?: string }
  /** `embedding` not right after a tokens input (spec §14): it looks up token ids, one column of E[l] each */
  | { kind: 'needs-tokens'; input: Shape }
  /** `self_attention heads: h` on d features that h does not divide (spec §15): d_k = d/h must be whole */
  | { kind: 'heads-divide'; d: number; h: number };

/** A layer's output shape for its input, and what is wrong; `output` is absent after an error. */
export interface ShapeResult {
  output?: Shape;
  issues: ShapeIssue[];
}

/** The output volume of a window f, stride s, padding p over `input`, with n_C channels out. */
export function windowed(input: Shape, f: number, p: number, s: number, n_C: number): ShapeResult {
  if (input.kind !== 'volume') return { issues: [{ kind: 'needs-volume', input }] };
  const issues: ShapeIssue[] = [];
  const axes: Array<[Axis, number]> = [['n_H', input.n_H], ['n_W', input.n_W]];
  for (const [axis, n] of axes) {
    const window = { axis, n, f, p, s };
    if (outputSize(n, f, p, s) < 1) issues.push({ kind: 'too-small', ...window });
    else if (unusedRows(n, f, p, s) > 0) issues.push({ kind: 'unused', unused: unusedRows(n, f, p, s), ...window });
  }
  if (issues.some((issue) => issue.kind === 'too-small')) return { issues };
  return { output: volume(outputSize(input.n_H, f, p, s), outputSize(input.n_W, f, p, s), n_C), issues };
}

/**
 * A trained parameter of a layer as its kind names it: spec §13's weights-file key without l, in the
 * kind's order (`W`, `b`; `gamma`, `beta`; `Wax`, `Waa`, `ba`; `E`; `WQ` … `bO`), and its shape as
 * the course and the weights file write it (`Wax` (n_a, n_x), conv2d's `W` (f, f, n_C[l−1], n_C[l])).
 */
export interface NamedParameter {
  name: string;
  shape: number[];
}

/** State a layer keeps beside its trained parameters (batch norm's running statistics), with the value it starts at. */
export interface LayerState extends NamedParameter {
  fill: number;
}

/**
 * The course's W[l], b[l], γ[l] and β[l] among a layer's named parameters: W[l] (n[l], n[l−1]) and
 * b[l] (n[l], 1) for dense, 4-tuples for conv2d; a normalized layer has γ[l] and β[l] where b[l]
 * would be (spec §13), layer_norm γ[l] and β[l] alone. A kind whose parameters have names of their
 * own (rnn's Wax, embedding's E, self_attention's WQ) has none of them.
 */
export interface ParameterShapes {
  W?: number[];
  b?: number[];
  /** the shape of γ[l] and of β[l] */
  gammaBeta?: number[];
}

/** The course's W[l], b[l], γ[l] (β[l]) of a named parameter list; undefined when it has none of them. */
export function courseParameters(named: readonly NamedParameter[]): ParameterShapes | undefined {
  const shape = (name: string) => named.find((p) => p.name === name)?.shape;
  const W = shape('W'), b = shape('b'), gammaBeta = shape('gamma');
  if (!W && !b && !gammaBeta) return undefined;
  return { ...(W && { W }), ...(b && { b }), ...(gammaBeta && { gammaBeta }) };
}

/** One layer of a resolved network with the shapes around it (l is 1-based). */
export interface LayerShapes {
  l: number;
  spec: LayerSpec;
  input: Shape;
  output: Shape;
  /** every trained parameter by name and shape, in the weights file's order (LayerKind.parameters) */
  named: NamedParameter[];
  /** the course's W[l], b[l], γ[l] among them (courseParameters) */
  parameters?: ParameterShapes;
  /** the entries of the named parameters */
  params: number;
}
