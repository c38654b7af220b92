// How a layer is explained (spec §8): its matrices with the course's shape rules, the output-size
// arithmetic, the parameter count written out, and the fields `nn shapes --json` gives it. Each
// kind's record writes its own (its `describe`), so the hover, the inlay hints and `nn shapes`
// never switch on kinds themselves; the helpers here are the parts kinds share.

import { formula, type LayerShapes, type Shape, type Window } from './shape';

/** A shape as the course writes it: numbers, with `m` for the examples. */
export type Dims = (number | 'm')[];

/** Matrices of one shape: `W[1], dW[1]` are `(f, f, n_C[0], n_C[1])` = (5, 5, 1, 6). */
export interface MatrixRow {
  /** W, dW — without the [l] */
  names: string[];
  /** in the course's symbols for layer l */
  rule: string;
  dims: Dims;
  /** the same matrix in PyTorch's layout where it differs (volumes NCHW: (m, n_C, n_H, n_W); conv W (n_C[l], n_C[l−1], f, f)) */
  torch?: Dims;
}

/** A layer's explanation, built from its shapes (core/layers/index.ts networkShapes). */
export interface LayerDescription {
  /** `conv2d`, `max_pool` …, or a kind registered at run time */
  kind: string;
  /** what the line says, in words (f, s and p show in the derivation): `6 filters · relu` */
  summary: string;
  rows: MatrixRow[];
  /** the output-size arithmetic in numbers: `n_H[1] = ⌊(28 + 2·0 − 5)/1⌋ + 1 = 24`, … */
  derivation: string[];
  /** the parameter count written out: `f·f·n_C[0]·n_C[1] + n_C[1] = 5·5·1·6 + 6`, absent without parameters */
  count?: string;
  params: number;
  /** the kind's own fields of `nn shapes --json`, after index and kind */
  fields: Record<string, number | string>;
}

/** The shape of A[l], Z[l], dZ[l], dA[l]: (m, n_H, n_W, n_C) for a volume, (n, m) for vectors, (n, m, T) for a sequence. */
export function exampleDims(shape: Shape): Dims {
  switch (shape.kind) {
    case 'volume': return ['m', shape.n_H, shape.n_W, shape.n_C];
    case 'vector': return [shape.n, 'm'];
    case 'sequence': return [shape.n, 'm', shape.T];
    case 'tokens': return [shape.V, 'm', shape.T];
  }
}

/** The rule of exampleDims in symbols for layer l. */
export function exampleRule(shape: Shape, l: number): string {
  switch (shape.kind) {
    case 'volume': return `(m, n_H[${l}], n_W[${l}], n_C[${l}])`;
    case 'sequence': return `(n[${l}], m, T_x)`;
    default: return `(n[${l}], m)`;
  }
}

/** `(5, 5, 1, 6)`, `(m, 24, 24, 6)`, `(256, m)` */
export function formatDims(dims: readonly (number | string)[]): string {
  return `(${dims.join(', ')})`;
}

/** Z, A, dZ of an activated layer; A, dA of a layer without one (pools, flatten). */
export function outputRows(shapes: LayerShapes, activated: boolean): MatrixRow {
  const row: MatrixRow = { names: activated ? ['Z', 'A', 'dZ'] : ['A', 'dA'], rule: exampleRule(shapes.output, shapes.l), dims: exampleDims(shapes.output) };
  if (shapes.output.kind === 'volume' || shapes.output.kind === 'sequence') row.torch = nchw(shapes.output);
  return row;
}

/** A batch as PyTorch holds it: (m, n_C, n_H, n_W) for a volume, batch-first (m, T, n) for a sequence (m, T) for tokens. */
export function nchw(shape: Shape): Dims {
  switch (shape.kind) {
    case 'volume': return ['m', shape.n_C, shape.n_H, shape.n_W];
    case 'vector': return [shape.n, 'm'];
    case 'sequence': return ['m', shape.T, shape.n];
    case 'tokens': return ['m', shape.T];
  }
}

/** The formula of both axes of a window over a volume. */
export function windowFormulas(input: Shape, f: number, p: number, s: number, l: number): string[] {
  if (input.kind !== 'volume') return [];
  const axes: Window[] = [{ axis: 'n_H', n: input.n_H, f, p, s }, { axis: 'n_W', n: input.n_W, f, p, s }];
  return axes.map((w) => formula(w, l));
}
