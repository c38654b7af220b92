// What a kind's ONNX export (spec §10) builds: nodes and initializers, with the helpers the kinds
// share. Volumes flow as NCHW (ONNX's convention). core/services/export/onnx.ts strings the layers' graphs
// together; each kind's record (its `onnx`) says how that kind is written.

import type { LayerShapes } from './shape';

export interface OnnxAttribute {
  name: string;
  i?: number;
  f?: number;
  ints?: number[];
}

/** A node; `output` names its result (the builder renames a layer's last output to A[l]). */
export interface OnnxNode {
  op: string;
  inputs: string[];
  output: string;
  attributes?: OnnxAttribute[];
}

/** A tensor the graph holds: its name, ONNX shape and row-major values (the model's float type unless int64). */
export interface OnnxInitializer {
  name: string;
  dims: number[];
  values: Float64Array;
  int64?: boolean;
}

export interface LayerGraph {
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  /** the opset its nodes need when above the exporter's (LayerNormalization: 17) */
  opset?: number;
}

/** What an exporter knows besides its spec: l, the name of A[l−1], the float type, its parameters. */
export interface LayerContext {
  layer: LayerShapes;
  input: string;
  float64: boolean;
  W?: Float64Array;
  b?: Float64Array;
  /** every parameter of layer l by name (`gamma`, `running_mean`, …), row-major in the editor's layout */
  values: Readonly<Record<string, Float64Array>>;
}

export const ints = (name: string, values: number[]): OnnxAttribute => ({ name, ints: values });
export const int64 = (name: string, values: number[]): OnnxInitializer => ({ name, dims: [values.length], values: Float64Array.from(values), int64: true });
export const scalar = (name: string, value: number): OnnxInitializer => ({ name, dims: [], values: Float64Array.of(value) });

/** C, H, W of a volume (zeros for vectors, which no window layer is given after the checker). */
export function volumeOf(shape: LayerShapes['input']): { C: number; H: number; W: number } {
  return shape.kind === 'volume' ? { C: shape.n_C, H: shape.n_H, W: shape.n_W } : { C: 0, H: 0, W: 0 };
}

/**
 * For each output position (h, w) of a window f, stride s over an H × W plane (row stride `Wp`),
 * the flat indices of its f·f inputs, in (u, v) row-major order: the order of the editor's W[l].
 */
export function windows(Hout: number, Wout: number, f: number, s: number, Wp: number): number[][] {
  const out: number[][] = [];
  for (let h = 0; h < Hout; h++) for (let w = 0; w < Wout; w++) {
    const at: number[] = [];
    for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) at.push((h * s + u) * Wp + (w * s + v));
    out.push(at);
  }
  return out;
}

/** Mᵀ of a row-major (rows, cols) matrix, row-major: where ONNX wants a weight matrix the other way round. */
export function transposed(M: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = M[i * cols + j];
  return out;
}

/** Chains `first` and `then`. */
export function join(first: LayerGraph, then: LayerGraph): LayerGraph {
  const opset = Math.max(first.opset ?? 0, then.opset ?? 0);
  return { nodes: [...first.nodes, ...then.nodes], initializers: [...first.initializers, ...then.initializers], ...(opset > 0 ? { opset } : {}) };
}
