// `nn export --to onnx` (spec §10): the network with given weights, for inference. Opset 13 and IR
// version 7, so Debian's onnx 1.12 checker, onnxruntime and Netron all read it. Input X is
// [batch, n[0]], or NCHW [batch, C, H, W] for an image input (ONNX's convention; the graph
// transposes where the editor's (h, w, c) order matters, at flatten); output A = g[L](Z[L]).

import { version } from '../../../package.json';
import { networkBody, type NetworkNode, type NetworkSpec } from '../../foundation/model';
import type { WeightsValues } from '../../data/weights';
import { inputShape, networkShapes, parseParameterKey, type LayerShapes } from '../../layers';
import { batchText, exampleDims } from './batchFirst';
import { printable } from '../../foundation/printable';
import { modelProto, AttributeType, DataType } from './onnxProto';
import { groupNames } from './groups';
import { onnxActivation, onnxLayer, type LayerGraph } from './onnxLayers';

export const OPSET = 13;
export const IR_VERSION = 7;

export interface OnnxOptions {
  /** float64 tensors (default float32) */
  float64?: boolean;
}

/** Every parameter by weights-file key (`W1`, `b1`, `gamma3`, …), row-major in the editor's layout. */
export function onnxModel(spec: NetworkSpec, weights: WeightsValues, options: OnnxOptions = {}): Uint8Array {
  const type = options.float64 ? DataType.DOUBLE : DataType.FLOAT;
  const layers = networkShapes(spec);
  const { nodes, initializers, opset = OPSET } = treeGraph(spec, layers, weights, options.float64 ?? false);
  // the network's result is A; no node reads the last one's output
  nodes[nodes.length - 1].output = 'A';
  // token ids (batch, T) are numbers of the model's float type
  const input = inputShape(spec);
  const output = layers[layers.length - 1].output;
  const message = {
    // opset 17 (LayerNormalization) came with IR version 8
    ir_version: opset >= 15 ? 8 : IR_VERSION,
    opset_import: [{ domain: '', version: opset }],
    producer_name: 'NN Studio',
    producer_version: version,
    doc_string: `network ${printable(spec.name)}: input X ${batchText(input, 'n[0]')}, output A = g[L](Z[L]) ${batchText(output, 'n[L]')}`,
    graph: {
      // a viewer (Netron) shows it: valid UTF-8 without a hidden character, whatever the name holds
      name: printable(spec.name),
      node: nodes.map((node) => ({
        op_type: node.op,
        name: node.output,
        input: node.inputs,
        output: [node.output],
        attribute: (node.attributes ?? []).map((a) => ({
          name: a.name,
          ...(a.ints ? { ints: a.ints, type: AttributeType.INTS } : a.f !== undefined ? { f: a.f, type: AttributeType.FLOAT } : { i: a.i, type: AttributeType.INT }),
        })),
      })),
      initializer: initializers.map((t) => ({ name: t.name, dims: t.dims, data_type: t.int64 ? DataType.INT64 : type, raw_data: littleEndian(t.values, t.int64 ? 'int64' : options.float64 ? 'float64' : 'float32') })),
      input: [valueInfo('X', type, ['batch', ...exampleDims(input)])],
      // a sequence output (per step, spec §14) is batch-first, as sequences flow in the graph
      output: [valueInfo('A', type, ['batch', ...exampleDims(output)])],
    },
  };
  const proto = modelProto();
  return proto.encode(proto.fromObject(message)).finish();
}

/**
 * The nodes of the network's tree (spec §12): each layer's as its kind writes them, reading the
 * output of what precedes it; a residual adds its body's and shortcut's outputs (Add) and applies
 * its activation; a concat joins its branches along axis 1, channels of NCHW or units of
 * [batch, n]. An empty shortcut or branch passes the group's input on. Layer l's result is A<l>
 * (a linear layer's Z[l] is its A[l]); a group's is A<name> (groups.ts).
 */
function treeGraph(spec: NetworkSpec, layers: LayerShapes[], weights: WeightsValues, float64: boolean): LayerGraph {
  const graph: LayerGraph = { nodes: [], initializers: [], opset: OPSET };
  const add = (part: LayerGraph): void => {
    graph.nodes.push(...part.nodes);
    graph.initializers.push(...part.initializers);
    graph.opset = Math.max(graph.opset!, part.opset ?? OPSET);
  };
  const names = groupNames(networkBody(spec));
  const write = (nodes: readonly NetworkNode[], input: string): string => {
    let current = input;
    for (const node of nodes) {
      if (node.kind === 'layer') {
        const layer = layers[node.l - 1];
        const part = onnxLayer({ layer, input: current, float64, W: weights[`W${node.l}`], b: weights[`b${node.l}`], values: layerValues(weights, node.l) });
        part.nodes[part.nodes.length - 1].output = `A${node.l}`;
        add(part);
        current = `A${node.l}`;
        continue;
      }
      const name = names.get(node)!;
      const at = current;
      if (node.kind === 'residual') {
        const body = write(node.body, at);
        const shortcut = write(node.shortcut, at);
        add({ nodes: [{ op: 'Add', inputs: [body, shortcut], output: `Z${name}` }], initializers: [] });
        const g = onnxActivation(node.activation, `Z${name}`, name, float64);
        add(g);
        current = g.nodes.length ? `A${name}` : `Z${name}`;
      } else {
        const parts = node.branches.map((branch) => write(branch, at));
        add({ nodes: [{ op: 'Concat', inputs: parts, output: `A${name}`, attributes: [{ name: 'axis', i: 1 }] }], initializers: [] });
        current = `A${name}`;
      }
    }
    return current;
  };
  write(networkBody(spec), 'X');
  return graph;
}

/** Layer l's parameters by name: `gamma3` → `gamma`. */
function layerValues(weights: WeightsValues, l: number): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const [key, values] of Object.entries(weights)) {
    const named = parseParameterKey(key);
    if (named?.l === l) out[named.name] = values;
  }
  return out;
}

function valueInfo(name: string, elemType: number, dims: Array<number | string>) {
  return {
    name,
    type: { tensor_type: { elem_type: elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) } } },
  };
}

/** ONNX's raw_data: the values little-endian, as float64, rounded to float32, or as int64 integers. */
function littleEndian(values: Float64Array, as: 'float64' | 'float32' | 'int64'): Uint8Array {
  const width = as === 'float32' ? 4 : 8;
  const bytes = new Uint8Array(values.length * width);
  const view = new DataView(bytes.buffer);
  values.forEach((x, k) => {
    if (as === 'float64') view.setFloat64(k * width, x, true);
    else if (as === 'float32') view.setFloat32(k * width, x, true);
    else view.setBigInt64(k * width, BigInt(x), true);
  });
  return bytes;
}
