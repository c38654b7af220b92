// How each layer kind is explained (spec §8): its matrices with the course's shape rules, the
// output-size arithmetic, the parameter count written out, and the fields `nn shapes --json` gives
// it. One entry per kind, like the shape rules in index.ts, so the hover, the inlay hints and
// `nn shapes` never switch on kinds themselves.

import type { LayerKindName, LayerSpec } from '../foundation/model';
import type { LayerShapes } from './index';
import { features, formula, type Shape, type Window } from './shape';

/** A shape as the course writes it: numbers, with `m` for the examples. */
export type Dims = (number | 'm')[];

/** Matrices of one shape: `W[1], dW[1]` are `(f, f, n_C[0], n_C[1])` = (5, 5, 1, 6). */
export interface MatrixRow {
  /** W, dW — without the [l] */
  names: string[];
  /** in the course's symbols for layer l */
  rule: string;
  dims: Dims;
}

/** A layer's explanation, built from its shapes (core/layers/index.ts networkShapes). */
export interface LayerDescription {
  /** `conv2d`, `max_pool` … */
  kind: LayerKindName;
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

/** The shape of A[l], Z[l], dZ[l], dA[l]: (m, n_H, n_W, n_C) for a volume, (n, m) for vectors. */
export function exampleDims(shape: Shape): Dims {
  return shape.kind === 'volume' ? ['m', shape.n_H, shape.n_W, shape.n_C] : [shape.n, 'm'];
}

/** The rule of exampleDims in symbols for layer l. */
export function exampleRule(shape: Shape, l: number): string {
  return shape.kind === 'volume' ? `(m, n_H[${l}], n_W[${l}], n_C[${l}])` : `(n[${l}], m)`;
}

/** `(5, 5, 1, 6)`, `(m, 24, 24, 6)`, `(256, m)` */
export function formatDims(dims: readonly (number | string)[]): string {
  return `(${dims.join(', ')})`;
}

type Describe<S extends LayerSpec> = (spec: S, shapes: LayerShapes) => LayerDescription;

const activationText = (a: { name: string; slope?: number }) => (a.slope === undefined ? a.name : `${a.name}(${a.slope})`);

/** Z, A, dZ of an activated layer; A, dA of a layer without one (pools, flatten). */
function outputRows(shapes: LayerShapes, activated: boolean): MatrixRow {
  return { names: activated ? ['Z', 'A', 'dZ'] : ['A', 'dA'], rule: exampleRule(shapes.output, shapes.l), dims: exampleDims(shapes.output) };
}

/** The formula of both axes of a window over a volume. */
function windowFormulas(input: Shape, f: number, p: number, s: number, l: number): string[] {
  if (input.kind !== 'volume') return [];
  const axes: Window[] = [{ axis: 'n_H', n: input.n_H, f, p, s }, { axis: 'n_W', n: input.n_W, f, p, s }];
  return axes.map((w) => formula(w, l));
}

const dense: Describe<Extract<LayerSpec, { kind: 'dense' }>> = (spec, shapes) => {
  const { l } = shapes;
  const n = features(shapes.input);
  return {
    kind: 'dense', summary: `${spec.units} units · ${activationText(spec.activation)}`,
    rows: [
      { names: ['W', 'dW'], rule: `(n[${l}], n[${l - 1}])`, dims: [spec.units, n] },
      { names: ['b', 'db'], rule: `(n[${l}], 1)`, dims: [spec.units, 1] },
      outputRows(shapes, true),
    ],
    derivation: [],
    count: `n[${l}]·n[${l - 1}] + n[${l}] = ${spec.units}·${n} + ${spec.units}`,
    params: shapes.params,
    fields: { units: spec.units, activation: spec.activation.name },
  };
};

const conv2d: Describe<Extract<LayerSpec, { kind: 'conv2d' }>> = (spec, shapes) => {
  const { l, input } = shapes;
  const n_C = input.kind === 'volume' ? input.n_C : 0;
  const C = (i: number) => `n_C[${i}]`;
  return {
    kind: 'conv2d',
    summary: `${spec.filters} filter${spec.filters === 1 ? '' : 's'} · ${activationText(spec.activation)}`,
    rows: [
      { names: ['W', 'dW'], rule: `(f, f, ${C(l - 1)}, ${C(l)})`, dims: [spec.f, spec.f, n_C, spec.filters] },
      { names: ['b', 'db'], rule: `(1, 1, 1, ${C(l)})`, dims: [1, 1, 1, spec.filters] },
      outputRows(shapes, true),
    ],
    derivation: windowFormulas(input, spec.f, spec.pad, spec.stride, l),
    count: `f·f·${C(l - 1)}·${C(l)} + ${C(l)} = ${spec.f}·${spec.f}·${n_C}·${spec.filters} + ${spec.filters}`,
    params: shapes.params,
    fields: { filters: spec.filters, activation: spec.activation.name, f: spec.f, stride: spec.stride, pad: spec.pad },
  };
};

const pool: Describe<Extract<LayerSpec, { kind: 'max_pool' | 'avg_pool' }>> = (spec, shapes) => {
  const { l, input } = shapes;
  const n_C = input.kind === 'volume' ? input.n_C : 0;
  return {
    kind: spec.kind,
    summary: `${spec.kind === 'max_pool' ? 'max' : 'mean'} of each ${spec.f}×${spec.f} window`,
    rows: [outputRows(shapes, false)],
    derivation: [...windowFormulas(input, spec.f, 0, spec.stride, l), `n_C[${l}] = n_C[${l - 1}] = ${n_C}`],
    params: 0,
    fields: { f: spec.f, stride: spec.stride },
  };
};

const flatten: Describe<Extract<LayerSpec, { kind: 'flatten' }>> = (_spec, shapes) => {
  const { l, input } = shapes;
  const k = l - 1;
  const product = input.kind === 'volume' ? `${input.n_H}·${input.n_W}·${input.n_C}` : String(features(input));
  return {
    kind: 'flatten',
    summary: 'volume → columns in (h, w, c) order',
    rows: [outputRows(shapes, false)],
    derivation: [
      `n[${l}] = n_H[${k}]·n_W[${k}]·n_C[${k}] = ${product} = ${features(shapes.output)}`,
      // Spec §8's row order, in this layer's numbers.
      ...(input.kind === 'volume' ? [`A[${l}][(h·${input.n_W} + w)·${input.n_C} + c, i] = A[${k}][i, h, w, c]`] : []),
    ],
    params: 0,
    fields: {},
  };
};

const DESCRIBE: { [K in LayerKindName]: Describe<Extract<LayerSpec, { kind: K }>> } = {
  dense, conv2d, max_pool: pool, avg_pool: pool, flatten,
};

/** What hover, inlay hints and `nn shapes` say about one layer. */
export function describeLayer(shapes: LayerShapes): LayerDescription {
  return (DESCRIBE[shapes.spec.kind] as Describe<LayerSpec>)(shapes.spec, shapes);
}
