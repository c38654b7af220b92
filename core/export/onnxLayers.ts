// Each layer kind as ONNX nodes (spec §10): a typed table keyed by kind, so a new kind does not
// compile until it says how it exports. Volumes flow as NCHW (ONNX's convention); `flatten`
// transposes back to NHWC first so its features keep the editor's (h, w, c) order.

import type { Activation, LayerKindName, PoolSpec } from '../model';
import type { LayerShapes } from '../layers';
import type { SpecOf } from './kinds';

export interface OnnxAttribute {
  name: string;
  i?: number;
  f?: number;
  ints?: number[];
}

export interface OnnxNode {
  op: string;
  inputs: string[];
  attributes?: OnnxAttribute[];
}

/** A tensor the graph holds: its name, ONNX shape and row-major values. */
export interface OnnxInitializer {
  name: string;
  dims: number[];
  values: Float64Array;
}

/** What a layer needs from the graph builder: its parameters in ONNX's layout, by name. */
export interface LayerGraph {
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
}


/** `input` is the name of A[l−1]; the builder chains each node's output into the next node's first input. */
type Exporter<K extends LayerKindName> = (spec: SpecOf<K>, layer: LayerShapes, W: Float64Array | undefined, b: Float64Array | undefined) => LayerGraph;

/** g as a node (none for linear). */
export function activationNodes(g: Activation): OnnxNode[] {
  switch (g.name) {
    case 'sigmoid': return [{ op: 'Sigmoid', inputs: [] }];
    case 'tanh': return [{ op: 'Tanh', inputs: [] }];
    case 'relu': return [{ op: 'Relu', inputs: [] }];
    case 'leaky_relu': return [{ op: 'LeakyRelu', inputs: [], attributes: [{ name: 'alpha', f: g.slope ?? 0.01 }] }];
    case 'linear': return [];
    case 'softmax': return [{ op: 'Softmax', inputs: [], attributes: [{ name: 'axis', i: 1 }] }];
  }
}

const ints = (name: string, values: number[]): OnnxAttribute => ({ name, ints: values });

const pool = (op: string) => (spec: PoolSpec): LayerGraph => ({
  nodes: [{ op, inputs: [], attributes: [ints('kernel_shape', [spec.f, spec.f]), ints('strides', [spec.stride, spec.stride])] }],
  initializers: [],
});

/** (f, f, n_C[l−1], n_C[l]) row-major → ONNX's (n_C[l], n_C[l−1], f, f). */
function filters(W: Float64Array, f: number, cIn: number, cOut: number): Float64Array {
  const out = new Float64Array(W.length);
  for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) for (let k = 0; k < cIn; k++) for (let c = 0; c < cOut; c++) {
    out[((c * cIn + k) * f + u) * f + v] = W[((u * f + v) * cIn + k) * cOut + c];
  }
  return out;
}

export const ONNX_LAYERS: { [K in LayerKindName]: Exporter<K> } = {
  dense: (spec, layer, W, b) => {
    const nIn = layer.input.kind === 'vector' ? layer.input.n : 0;
    // Gemm: A (batch, n[l−1]) · W[l]ᵀ + b[l]; W keeps the course's (n[l], n[l−1])
    return {
      nodes: [{ op: 'Gemm', inputs: [`W${layer.l}`, `b${layer.l}`], attributes: [{ name: 'transB', i: 1 }] }, ...activationNodes(spec.activation)],
      initializers: [{ name: `W${layer.l}`, dims: [spec.units, nIn], values: W! }, { name: `b${layer.l}`, dims: [spec.units], values: b! }],
    };
  },
  conv2d: (spec, layer, W, b) => {
    const cIn = layer.input.kind === 'volume' ? layer.input.n_C : 0;
    const p = spec.pad;
    return {
      nodes: [
        { op: 'Conv', inputs: [`W${layer.l}`, `b${layer.l}`], attributes: [ints('kernel_shape', [spec.f, spec.f]), ints('strides', [spec.stride, spec.stride]), ints('pads', [p, p, p, p])] },
        ...activationNodes(spec.activation),
      ],
      initializers: [
        { name: `W${layer.l}`, dims: [spec.filters, cIn, spec.f, spec.f], values: filters(W!, spec.f, cIn, spec.filters) },
        { name: `b${layer.l}`, dims: [spec.filters], values: b! },
      ],
    };
  },
  max_pool: pool('MaxPool'),
  avg_pool: pool('AveragePool'),
  flatten: () => ({
    nodes: [{ op: 'Transpose', inputs: [], attributes: [ints('perm', [0, 2, 3, 1])] }, { op: 'Flatten', inputs: [], attributes: [{ name: 'axis', i: 1 }] }],
    initializers: [],
  }),
};

/** The table's entry for `layer`. */
export function onnxLayer(layer: LayerShapes, W?: Float64Array, b?: Float64Array): LayerGraph {
  const exporter = ONNX_LAYERS[layer.spec.kind] as Exporter<LayerKindName>;
  return exporter(layer.spec as SpecOf<LayerKindName>, layer, W, b);
}
