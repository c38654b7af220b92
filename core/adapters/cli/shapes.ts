// `nn shapes FILE [--network NAME] [--json]` (spec §7, §8): every layer's kind, units or filters,
// activation and the shapes of W, b, Z, A, dZ, dW, db (4-tuples for image volumes) with parameter
// counts, as a table or as the spec's JSON.

import type { NetworkInfo, ShapeNode } from '../../language';
import { exampleDims } from '../../layers/describe';
import { parseArgs, UsageError } from './args';
import { chooseNetwork, fail } from './network';
import { formatLine, prettyJson, toCli } from './report';
import { formatShapesTable } from '../../services/format/shapesTable';
import { describeLayer, type LayerShapes } from '../../layers';
import { networkLayerShapes } from '../../language/layerShapes';

export const SHAPES_USAGE = 'nn shapes FILE [--network NAME] [--json]';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['--json'], ['--network']);
  if (args.files.length !== 1) throw new UsageError('nn shapes takes exactly one .nn file');
  const file = args.files[0];
  const chosen = chooseNetwork(file, args.values.get('--network'));
  if ('failure' in chosen) return fail(chosen.failure);
  const { network } = chosen;
  // Only this network's errors matter for its shapes; print them where a person sees them.
  const errors = chosen.own.filter((d) => d.severity === 'error');
  for (const d of errors) process.stderr.write(`${formatLine(toCli(file, d))}\n`);
  process.stdout.write(args.flags.has('--json') ? `${prettyJson(shapesJson(network))}\n` : `${formatShapesTable(network)}\n`);
  return errors.length > 0 ? 1 : 0;
}

/** The matrices in the order spec §7 lists them; a layer has the ones its kind has (pools and flatten: A, dA). */
const MATRIX_ORDER = ['W', 'b', 'Z', 'A', 'dZ', 'dA', 'dW', 'db'];

/** One layer of the JSON: `{index, kind, …its fields, W, b, Z, A, dZ, dW, db, params}`, image matrices as `["m", n_H, n_W, n_C]`. */
function layerJson(shapes: LayerShapes): Record<string, unknown> {
  const d = describeLayer(shapes);
  const dims = new Map(d.rows.flatMap((r) => r.names.map((name) => [name, r.dims] as const)));
  const matrices = MATRIX_ORDER.filter((name) => dims.has(name)).map((name) => [name, dims.get(name)]);
  return { index: shapes.l, kind: d.kind, ...d.fields, ...Object.fromEntries(matrices), params: d.params };
}

/**
 * The JSON of spec §7 and §8: `{network, m, layers: [{index, kind, units, activation, W, b, Z, A,
 * dZ, dW, db, params}], params}`; a conv2d layer has filters, activation, f, stride, pad and
 * 4-element shapes, a pool or flatten A, dA and params 0.
 */
export function shapesJson(network: NetworkInfo) {
  return {
    network: network.name,
    m: network.m ?? null,
    layers: network.tree ? treeJson(network.tree, networkLayerShapes(network)) : networkLayerShapes(network).map(layerJson),
    params: network.params,
  };
}

/**
 * The entries of a network with groups (docs/part3.md): a layer as above, a group as `{kind, line,
 * [name, args,] A, params, children}`; a layer whose shapes are unknown (after an error) is left out.
 */
function treeJson(nodes: readonly ShapeNode[], layers: readonly LayerShapes[]): Record<string, unknown>[] {
  return nodes.flatMap((node): Record<string, unknown>[] => {
    if (node.kind === 'layer') return layers[node.l - 1] ? [layerJson(layers[node.l - 1])] : [];
    const use = node.kind === 'block' ? { name: node.name, args: node.args } : {};
    return [{
      kind: node.kind, line: node.range.start.line, ...use,
      A: node.output ? exampleDims(node.output) : null, params: node.params, children: treeJson(node.children, layers),
    }];
  });
}
