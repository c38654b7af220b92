// `nn shapes --json` (spec §7, §8, §16): every layer's kind, its fields, the shapes of W, b, Z, A,
// dZ, dW, db (4-tuples for image volumes), for a kind with more than W and b its trained parameters
// by name (`named`, the weights file's keys without l: Wax, Waa, ba; E; WQ … bO; gamma, beta) and
// its parameter count. Here, below both adapters, so
// that the command line prints it and the language server's `nn/shapes` answers with it (the
// network diagram draws it), one object for both.

import type { NetworkInfo, ShapeNode } from '../../language';
import { describeLayer, type LayerShapes, type NamedParameter } from '../../layers';
import { exampleDims } from '../../layers/describe';
import { networkLayerShapes } from '../../language/layerShapes';

/** A shape as the JSON writes it: `[4, "m"]`, `["m", 24, 24, 6]`. */
export type JsonDims = Array<number | 'm'>;

/** One layer (`index` is l, `kind` its keyword) with the fields and matrices its kind has. */
export interface LayerEntry {
  index: number;
  kind: string;
  A: JsonDims;
  /**
   * every trained parameter by name and shape, in the weights file's order; [] for pools, flatten,
   * positional_encoding. layerJson always writes it; optional for entries made by hand (the diagram's fixtures).
   */
  named?: NamedParameter[];
  /** the entries of `named` */
  params: number;
  [field: string]: unknown;
}

/**
 * A group of docs/part3.md: `kind` residual, concat, branch, shortcut, repeat or block (a use of a
 * block, with `name` and `args`), its `line`, output `A`, `params` and `children`.
 */
export interface GroupEntry {
  kind: 'residual' | 'concat' | 'branch' | 'shortcut' | 'repeat' | 'block';
  line: number;
  /** null when a layer in it did not resolve */
  A: JsonDims | null;
  params: number;
  children: ShapesEntry[];
  [field: string]: unknown;
}

export type ShapesEntry = LayerEntry | GroupEntry;

export interface ShapesJson {
  network: string;
  m: number | null;
  layers: ShapesEntry[];
  params: number;
}

/** What the network diagram draws (the `nn/shapes` request answers with it): the JSON, X's shape and each layer's line. */
export interface DiagramData {
  json: ShapesJson;
  /** X = A[0]'s shape, which the JSON leaves out; absent without an `input` */
  X?: JsonDims;
  /** the 1-based line of layer l at `lines[l − 1]` (0: not resolved; the JSON's groups carry their own `line`) */
  lines?: number[];
  /** A[l−1], what layer l takes in, at `inputs[l − 1]` (empty: not resolved) */
  inputs?: JsonDims[];
}

/** The matrices in the order spec §7 lists them; a layer has the ones its kind has (pools and flatten: A, dA). */
const MATRIX_ORDER = ['W', 'b', 'Z', 'A', 'dZ', 'dA', 'dW', 'db'];

/**
 * One layer of the JSON: `{index, kind, …its fields, W, b, Z, A, dZ, dW, db, [named,] params}`, image
 * matrices as `["m", n_H, n_W, n_C]`. `named` lists the parameters of a kind that has more than the
 * course's W[l] and b[l] (Wax …, γ, β, E, WQ …); a dense, conv, pool or flatten layer keeps exactly
 * the fields spec §7 and §8 list, which W and b already carry.
 */
function layerJson(shapes: LayerShapes): LayerEntry {
  const d = describeLayer(shapes);
  const dims = new Map(d.rows.flatMap((r) => r.names.map((name) => [name, r.dims] as const)));
  const matrices = MATRIX_ORDER.filter((name) => dims.has(name)).map((name) => [name, dims.get(name)]);
  const courseOnly = shapes.named.every(({ name }) => name === 'W' || name === 'b');
  const named = courseOnly ? {} : { named: shapes.named.map(({ name, shape }) => ({ name, shape: [...shape] })) };
  return { index: shapes.l, kind: d.kind, ...d.fields, ...Object.fromEntries(matrices), ...named, params: d.params } as LayerEntry;
}

/**
 * The JSON of spec §7 and §8: `{network, m, layers: [{index, kind, units, activation, W, b, Z, A,
 * dZ, dW, db, params}], params}`; a conv2d layer has filters, activation, f, stride, pad and
 * 4-element shapes, a pool or flatten A, dA and params 0; a Part III kind adds `named`.
 */
export function shapesJson(network: NetworkInfo): ShapesJson {
  return {
    network: network.name,
    m: network.m ?? null,
    layers: network.tree ? treeJson(network.tree, networkLayerShapes(network)) : networkLayerShapes(network).map(layerJson),
    params: network.params,
  };
}

/**
 * The entries of a network with groups (docs/part3.md): a layer as above, a group as `{kind, line,
 * [name, args,] [activation,] A, params, children}` (a residual's g as a layer's); a layer whose
 * shapes are unknown (after an error) is left out.
 */
function treeJson(nodes: readonly ShapeNode[], layers: readonly LayerShapes[]): ShapesEntry[] {
  return nodes.flatMap((node): ShapesEntry[] => {
    if (node.kind === 'layer') return layers[node.l - 1] ? [layerJson(layers[node.l - 1])] : [];
    const use = node.kind === 'block' ? { name: node.name, args: node.args } : {};
    const g = node.activation ? { activation: node.activation.name } : {};
    return [{
      kind: node.kind, line: node.range.start.line, ...use, ...g,
      A: node.output ? exampleDims(node.output) : null, params: node.params, children: treeJson(node.children, layers),
    }];
  });
}
