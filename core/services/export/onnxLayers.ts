// Each layer kind as ONNX nodes (spec §10): a typed table keyed by kind, so a new kind does not
// compile until it says how it exports. Volumes flow as NCHW (ONNX's convention); `flatten`
// transposes back to NHWC first so its features keep the editor's (h, w, c) order.
//
// float64: onnxruntime's CPU kernels (the runtime most users have, and the one the tests run) have
// no double Conv, AveragePool or LeakyRelu. A float64 file that no common runtime runs is of little
// use, so there those three are written with ops it does run in double: a window's inputs gathered
// by index (Gather) and then MatMul (conv) or ReduceMean (avg pool), and Where(Z > 0, Z, slope·Z).
// float32 files use the plain Conv, AveragePool and LeakyRelu nodes Netron shows as such.

import type { Activation, Conv2dSpec, LayerKindName, PoolSpec } from '../../foundation/model';
import { features, type LayerShapes, type Shape } from '../../layers';
import type { SpecOf } from './kinds';

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
}

/** What an exporter knows besides its spec: l, the name of A[l−1], the float type, W[l] and b[l]. */
export interface LayerContext {
  layer: LayerShapes;
  input: string;
  float64: boolean;
  W?: Float64Array;
  b?: Float64Array;
}

type Exporter<K extends LayerKindName> = (spec: SpecOf<K>, ctx: LayerContext) => LayerGraph;

const ints = (name: string, values: number[]): OnnxAttribute => ({ name, ints: values });
const int64 = (name: string, values: number[]): OnnxInitializer => ({ name, dims: [values.length], values: Float64Array.from(values), int64: true });
const scalar = (name: string, value: number): OnnxInitializer => ({ name, dims: [], values: Float64Array.of(value) });

/** A[l] = g(Z) as nodes after the node that made Z (none for linear). */
export function activation(g: Activation, Z: string, l: number, float64: boolean): LayerGraph {
  const one = (op: string, attributes?: OnnxAttribute[]): LayerGraph => ({ nodes: [{ op, inputs: [Z], output: `A${l}`, attributes }], initializers: [] });
  switch (g.name) {
    case 'sigmoid': return one('Sigmoid');
    case 'tanh': return one('Tanh');
    case 'relu': return one('Relu');
    case 'linear': return { nodes: [], initializers: [] };
    case 'softmax': return one('Softmax', [{ name: 'axis', i: 1 }]);
    case 'leaky_relu': {
      const slope = g.slope ?? 0.01;
      if (!float64) return one('LeakyRelu', [{ name: 'alpha', f: slope }]);
      return {
        nodes: [
          { op: 'Greater', inputs: [Z, `zero${l}`], output: `positive${l}` },
          { op: 'Mul', inputs: [Z, `slope${l}`], output: `leak${l}` },
          { op: 'Where', inputs: [`positive${l}`, Z, `leak${l}`], output: `A${l}` },
        ],
        initializers: [scalar(`zero${l}`, 0), scalar(`slope${l}`, slope)],
      };
    }
  }
}

function volumeOf(shape: Shape): { C: number; H: number; W: number } {
  return shape.kind === 'volume' ? { C: shape.n_C, H: shape.n_H, W: shape.n_W } : { C: 0, H: 0, W: 0 };
}

/**
 * For each output position (h, w) of a window f, stride s over an H × W plane (row stride `Wp`),
 * the flat indices of its f·f inputs, in (u, v) row-major order: the order of the editor's W[l].
 */
function windows(Hout: number, Wout: number, f: number, s: number, Wp: number): number[][] {
  const out: number[][] = [];
  for (let h = 0; h < Hout; h++) for (let w = 0; w < Wout; w++) {
    const at: number[] = [];
    for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) at.push((h * s + u) * Wp + (w * s + v));
    out.push(at);
  }
  return out;
}

/** (f, f, n_C[l−1], n_C[l]) row-major → ONNX Conv's (n_C[l], n_C[l−1], f, f). */
function filters(W: Float64Array, f: number, cIn: number, cOut: number): Float64Array {
  const out = new Float64Array(W.length);
  for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) for (let k = 0; k < cIn; k++) for (let c = 0; c < cOut; c++) {
    out[((c * cIn + k) * f + u) * f + v] = W[((u * f + v) * cIn + k) * cOut + c];
  }
  return out;
}

/** Conv as Conv (float32) or as gathered windows times W[l] (float64, see the top). Names Z[l]. */
function conv(spec: Conv2dSpec, { layer, input, float64, W, b }: LayerContext): LayerGraph {
  const l = layer.l;
  const { C, H, W: Win } = volumeOf(layer.input);
  const { H: Hout, W: Wout } = volumeOf(layer.output);
  const { f, stride: s, pad: p, filters: Cout } = spec;
  if (!float64) {
    return {
      nodes: [{ op: 'Conv', inputs: [input, `W${l}`, `b${l}`], output: `Z${l}`,
        attributes: [ints('kernel_shape', [f, f]), ints('strides', [s, s]), ints('pads', [p, p, p, p])] }],
      initializers: [{ name: `W${l}`, dims: [Cout, C, f, f], values: filters(W!, f, C, Cout) }, { name: `b${l}`, dims: [Cout], values: b! }],
    };
  }
  const Hp = H + 2 * p, Wp = Win + 2 * p;
  // index of (k, h·s + u, w·s + v) in an example's padded C·Hp·Wp values, for each (h, w) and (u, v, k)
  const plane = windows(Hout, Wout, f, s, Wp);
  const index = plane.flatMap((at) => at.flatMap((q) => Array.from({ length: C }, (_, k) => k * Hp * Wp + q)));
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  let from = input;
  if (p > 0) {
    nodes.push({ op: 'Pad', inputs: [input, `pads${l}`], output: `padded${l}` });
    initializers.push(int64(`pads${l}`, [0, 0, p, p, 0, 0, p, p]));
    from = `padded${l}`;
  }
  nodes.push(
    { op: 'Reshape', inputs: [from, `rows${l}`], output: `flat${l}` },
    { op: 'Gather', inputs: [`flat${l}`, `windows${l}`], output: `windows_of${l}`, attributes: [{ name: 'axis', i: 1 }] },
    { op: 'MatMul', inputs: [`windows_of${l}`, `W${l}`], output: `WA${l}` },
    { op: 'Add', inputs: [`WA${l}`, `b${l}`], output: `Zp${l}` },
    { op: 'Transpose', inputs: [`Zp${l}`], output: `Zt${l}`, attributes: [ints('perm', [0, 2, 1])] },
    { op: 'Reshape', inputs: [`Zt${l}`, `volume${l}`], output: `Z${l}` },
  );
  initializers.push(
    int64(`rows${l}`, [0, C * Hp * Wp]),
    { name: `windows${l}`, dims: [Hout * Wout, f * f * C], values: Float64Array.from(index), int64: true },
    { name: `W${l}`, dims: [f * f * C, Cout], values: W! }, // the editor's (f·f·n_C[l−1], n_C[l]) as it is
    { name: `b${l}`, dims: [Cout], values: b! },
    int64(`volume${l}`, [0, Cout, Hout, Wout]),
  );
  return { nodes, initializers };
}

/** A pool as MaxPool / AveragePool; a float64 average pool as ReduceMean over gathered windows. */
const pool = (op: 'MaxPool' | 'AveragePool') => (spec: PoolSpec, { layer, input, float64 }: LayerContext): LayerGraph => {
  const l = layer.l;
  if (op === 'MaxPool' || !float64) {
    return { nodes: [{ op, inputs: [input], output: `A${l}`, attributes: [ints('kernel_shape', [spec.f, spec.f]), ints('strides', [spec.stride, spec.stride])] }], initializers: [] };
  }
  const { C, H, W } = volumeOf(layer.input);
  const { H: Hout, W: Wout } = volumeOf(layer.output);
  const plane = windows(Hout, Wout, spec.f, spec.stride, W);
  return {
    nodes: [
      { op: 'Reshape', inputs: [input, `planes${l}`], output: `flat${l}` },
      { op: 'Gather', inputs: [`flat${l}`, `windows${l}`], output: `windows_of${l}`, attributes: [{ name: 'axis', i: 2 }] },
      { op: 'ReduceMean', inputs: [`windows_of${l}`], output: `means${l}`, attributes: [ints('axes', [3]), { name: 'keepdims', i: 0 }] },
      { op: 'Reshape', inputs: [`means${l}`, `volume${l}`], output: `A${l}` },
    ],
    initializers: [
      int64(`planes${l}`, [0, C, H * W]),
      { name: `windows${l}`, dims: [Hout * Wout, spec.f * spec.f], values: Float64Array.from(plane.flat()), int64: true },
      int64(`volume${l}`, [0, C, Hout, Wout]),
    ],
  };
};

/** Chains `first` and `then`. */
function join(first: LayerGraph, then: LayerGraph): LayerGraph {
  return { nodes: [...first.nodes, ...then.nodes], initializers: [...first.initializers, ...then.initializers] };
}

export const ONNX_LAYERS: { [K in LayerKindName]: Exporter<K> } = {
  dense: (spec, { layer, input, float64, W, b }) => {
    const l = layer.l;
    // Gemm: A[l−1] (batch, n[l−1]) · W[l]ᵀ + b[l]; W keeps the course's (n[l], n[l−1])
    const gemm: LayerGraph = {
      nodes: [{ op: 'Gemm', inputs: [input, `W${l}`, `b${l}`], output: `Z${l}`, attributes: [{ name: 'transB', i: 1 }] }],
      initializers: [{ name: `W${l}`, dims: [spec.units, features(layer.input)], values: W! }, { name: `b${l}`, dims: [spec.units], values: b! }],
    };
    return join(gemm, activation(spec.activation, `Z${l}`, l, float64));
  },
  conv2d: (spec, ctx) => join(conv(spec, ctx), activation(spec.activation, `Z${ctx.layer.l}`, ctx.layer.l, ctx.float64)),
  max_pool: pool('MaxPool'),
  avg_pool: pool('AveragePool'),
  flatten: (_spec, { layer, input }) => ({
    nodes: [
      { op: 'Transpose', inputs: [input], output: `nhwc${layer.l}`, attributes: [ints('perm', [0, 2, 3, 1])] },
      { op: 'Flatten', inputs: [`nhwc${layer.l}`], output: `A${layer.l}`, attributes: [{ name: 'axis', i: 1 }] },
    ],
    initializers: [],
  }),
};

/** The table's entry for the context's layer. */
export function onnxLayer(ctx: LayerContext): LayerGraph {
  const exporter = ONNX_LAYERS[ctx.layer.spec.kind] as Exporter<LayerKindName>;
  return exporter(ctx.layer.spec as SpecOf<LayerKindName>, ctx);
}
