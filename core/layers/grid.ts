// The window sweep a conv2d or pool layer makes over its input, in the engine's terms (windows.ts Grid).

import type { Grid } from '../foundation/kernels';
import type { Matrix } from '../foundation/matrix';
import type { Shape } from './shape';

/** The Grid of a window f, stride s, padding p from volume `input` to volume `output`, for m examples. */
export function grid(input: Shape, output: Shape, f: number, s: number, p: number): (m: number) => Grid {
  if (input.kind !== 'volume' || output.kind !== 'volume') throw new Error('a window needs image volumes on both sides');
  const { n_H, n_W, n_C } = input;
  return (m) => ({ m, n_H, n_W, n_C, f, s, p, out_H: output.n_H, out_W: output.n_W });
}

/** The same data seen as (rows, cols): e.g. Z[l] (m, n_H·n_W·n_C) as (m·n_H·n_W, n_C) for the product. */
export function reshape(M: Matrix, rows: number, cols: number): Matrix {
  return { rows, cols, data: M.data.subarray(0, rows * cols) };
}
