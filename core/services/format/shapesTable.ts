// The `nn shapes` table of a network: printed by the CLI and by the editor's NN: Show Shapes.

import type { Activation } from '../../foundation/model';
import type { GroupInfo, NetworkInfo, ShapeNode } from '../../language/api';
import { networkLayerShapes } from '../../language/layerShapes';
import { describeLayer, type LayerShapes } from '../../layers';
import { exampleDims, formatDims, type LayerDescription } from '../../layers/describe';
import { thousands } from '../../foundation/numbers';
import { renderTable, type Column } from './table';

function activationText(a: Activation): string {
  return a.slope === undefined ? a.name : `${a.name}(${a.slope})`;
}

/** `f 5, s 1, p 0` for a conv2d, `f 2, s 2` for a pool, '' for the others. */
function windowText(d: LayerDescription): string {
  const { f, stride, pad } = d.fields;
  if (f === undefined) return '';
  return pad === undefined ? `f ${f}, s ${stride}` : `f ${f}, s ${stride}, p ${pad}`;
}

/** What the units column holds: n[l] of a dense layer or flatten, n_C[l] of a conv layer. */
function unitsText(shapes: LayerShapes, d: LayerDescription): string {
  if (d.fields.filters !== undefined) return thousands(Number(d.fields.filters));
  return shapes.output.kind === 'vector' ? thousands(shapes.output.n) : '';
}

const dimsOf = (d: LayerDescription, name: string) => {
  const row = d.rows.find((r) => r.names.includes(name));
  return row ? formatDims(row.dims) : '';
};

/** How a group heads its rows: `residual`, `repeat`, `identity(64, 64, 256)`. */
export function groupLabel(group: GroupInfo): string {
  return group.kind === 'block' ? `${group.name}(${(group.args ?? []).join(', ')})` : group.kind;
}

/**
 * A Keras summary()-like table in the course's notation. A network of dense layers only prints as
 * it always has; one with image layers gets a `window` column (f, s, p) and the 4-tuple rules.
 */
export function formatShapesTable(network: NetworkInfo): string {
  const layers = networkLayerShapes(network);
  const images = layers.some((s) => s.input.kind === 'volume');
  const facts = [`${network.layers.length} layer${network.layers.length === 1 ? '' : 's'}`];
  facts.push(network.m === undefined ? 'm unknown (no data)' : `m = ${thousands(network.m)} examples`);
  if (network.loss) facts.push(`loss ${network.loss}${network.lossInferred ? ' (inferred)' : ''}`);
  const window = (cell: string) => (images ? [cell] : []);
  const rows: string[][] = [];
  if (network.inputSize !== undefined) {
    const input = layers[0]?.input;
    const X = input ? formatDims(exampleDims(input)) : formatDims([network.inputSize, 'm']);
    rows.push(['0', 'input X = A[0]', thousands(network.inputSize), '', ...window(''), '', '', X, '']);
  }
  const layerRow = (s: LayerShapes, indent: string) => {
    const d = describeLayer(s);
    const activation = 'activation' in s.spec ? activationText(s.spec.activation) : '';
    rows.push([String(s.l), indent + d.kind, unitsText(s, d), activation, ...window(windowText(d)), dimsOf(d, 'W'), dimsOf(d, 'b'), dimsOf(d, 'A'), thousands(d.params)]);
  };
  // Groups of spec §12 are rows of their own, their layers indented under them.
  const nested = (nodes: readonly ShapeNode[], indent: string): void => {
    for (const node of nodes) {
      if (node.kind === 'layer') {
        if (layers[node.l - 1]) layerRow(layers[node.l - 1], indent);
        continue;
      }
      const A = node.output ? formatDims(exampleDims(node.output)) : '';
      rows.push(['', `${indent}${groupLabel(node)}`, '', '', ...window(''), '', '', A, thousands(node.params)]);
      nested(node.children, `${indent}  `);
    }
  };
  if (network.tree) nested(network.tree, '');
  else for (const s of layers) layerRow(s, '');
  const columns: Column[] = [
    { title: 'l', align: 'right' }, { title: 'layer' }, { title: 'units', align: 'right' }, { title: 'activation' },
    ...(images ? [{ title: 'window' }] : []),
    { title: 'W[l], dW[l]' }, { title: 'b[l], db[l]' }, { title: images ? 'A[l] (Z, dZ, dA)' : 'Z, A, dZ[l]' }, { title: 'params', align: 'right' },
  ];
  const footer = [`total params: ${thousands(network.params)}   (W[l] is (n[l], n[l−1]), b[l] is (n[l], 1), Z[l] is (n[l], m))`];
  if (images) footer.push('conv2d: W[l] is (f, f, n_C[l−1], n_C[l]), b[l] is (1, 1, 1, n_C[l]); images: A[l] is (m, n_H[l], n_W[l], n_C[l])');
  return `network ${network.name}: ${facts.join(', ')}\n\n${renderTable(columns, rows, footer)}`;
}
