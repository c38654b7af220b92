// The `nn shapes` table of a network: printed by the CLI and by the editor's NN: Show Shapes.

import type { Activation } from '../../foundation/model';
import type { GroupInfo, NetworkInfo, ShapeNode } from '../../language/api';
import { networkLayerShapes } from '../../language/layerShapes';
import { describeLayer, type LayerShapes, type NamedParameter, type Shape } from '../../layers';
import { exampleDims, formatDims, type LayerDescription } from '../../layers/describe';
import { thousands } from '../../foundation/numbers';
import { renderTable, type Column } from './table';
import { parameterSymbol } from './symbols';

function activationText(a: Activation): string {
  return a.slope === undefined ? a.name : `${a.name}(${a.slope})`;
}

/** `f 5, s 1, p 0` for a conv2d, `f 2, s 2` for a pool, '' for the others. */
function windowText(d: LayerDescription): string {
  const { f, stride, pad } = d.fields;
  if (f === undefined) return '';
  return pad === undefined ? `f ${f}, s ${stride}` : `f ${f}, s ${stride}, p ${pad}`;
}

/**
 * What the units column holds: the count the layer's line writes, as `--json` gives it (n[l] of a
 * dense layer, n_a of an rnn even when bidirectional makes A[l] 2·n_a, n_C[l] of a conv layer);
 * else one example's features of A[l] (flatten, layer_norm, self_attention).
 */
function unitsText(shapes: LayerShapes, d: LayerDescription): string {
  if (d.fields.filters !== undefined) return thousands(Number(d.fields.filters));
  if (d.fields.units !== undefined) return thousands(Number(d.fields.units));
  return shapes.output.kind === 'vector' || shapes.output.kind === 'sequence' ? thousands(shapes.output.n) : '';
}

/** n_x of a sequence input and V of tokens (one step's features, as the course counts them); undefined for the others, whose size the checker gives. */
function inputUnits(input: Shape | undefined): number | undefined {
  if (input?.kind === 'sequence') return input.n;
  return input?.kind === 'tokens' ? input.V : undefined;
}

const dimsOf = (d: LayerDescription, name: string) => {
  const row = d.rows.find((r) => r.names.includes(name));
  return row ? formatDims(row.dims) : '';
};

/**
 * The W and b columns of a kind that names its parameters other than W, b (rnn's Wax, Waa, ba; an
 * LSTM's gates; E; WQ … bO; γ, β): biases and β under b, the rest under W, those of one shape
 * together (`Wf, Wi, Wc, Wo (64, 91)`); undefined for a kind written W, b or without parameters.
 */
function namedColumns(named: readonly NamedParameter[]): [string, string] | undefined {
  if (named.length === 0 || named.some((p) => p.name === 'W')) return undefined;
  const column = (ps: readonly NamedParameter[]) => {
    const byShape = new Map<string, string[]>();
    for (const p of ps) byShape.set(formatDims(p.shape), [...(byShape.get(formatDims(p.shape)) ?? []), parameterSymbol(p.name)]);
    return [...byShape].map(([dims, names]) => `${names.join(', ')} ${dims}`).join('; ');
  };
  const bias = (p: NamedParameter) => p.name.startsWith('b');
  return [column(named.filter((p) => !bias(p))), column(named.filter(bias))];
}

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
    rows.push(['0', 'input X = A[0]', thousands(inputUnits(input) ?? network.inputSize), '', ...window(''), '', '', X, '']);
  }
  const layerRow = (s: LayerShapes, indent: string) => {
    const d = describeLayer(s);
    const activation = 'activation' in s.spec ? activationText(s.spec.activation) : '';
    const [W, b] = namedColumns(s.named) ?? [dimsOf(d, 'W'), dimsOf(d, 'b')];
    rows.push([String(s.l), indent + d.kind, unitsText(s, d), activation, ...window(windowText(d)), W, b, dimsOf(d, 'A'), thousands(d.params)]);
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
  if (layers.some((l) => l.input.kind === 'sequence' || l.input.kind === 'tokens')) footer.push('sequences: A[l] is (n[l], m, T_x), a⟨t⟩ (n[l], m) at each step t; with return: last A[l] = a⟨T_x⟩ (n[l], m)');
  if (images) footer.push('conv2d: W[l] is (f, f, n_C[l−1], n_C[l]), b[l] is (1, 1, 1, n_C[l]); images: A[l] is (m, n_H[l], n_W[l], n_C[l])');
  return `network ${network.name}: ${facts.join(', ')}\n\n${renderTable(columns, rows, footer)}`;
}
