// The `nn shapes` table of a network: printed by the CLI and by the editor's NN: Show Shapes.

import type { Activation } from '../model';
import type { NetworkInfo } from '../language/api';
import { thousands } from './numbers';
import { renderTable } from './table';

function activationText(a: Activation): string {
  return a.slope === undefined ? a.name : `${a.name}(${a.slope})`;
}

const shape = (s: readonly (number | string)[]) => `(${s.join(', ')})`;

/** A Keras summary()-like table in the course's notation. */
export function formatShapesTable(network: NetworkInfo): string {
  const facts = [`${network.layers.length} layer${network.layers.length === 1 ? '' : 's'}`];
  facts.push(network.m === undefined ? 'm unknown (no data)' : `m = ${thousands(network.m)} examples`);
  if (network.loss) facts.push(`loss ${network.loss}${network.lossInferred ? ' (inferred)' : ''}`);
  const rows: string[][] = [];
  if (network.inputSize !== undefined) rows.push(['0', 'input X = A[0]', thousands(network.inputSize), '', '', '', shape([network.inputSize, 'm']), '']);
  for (const l of network.layers) {
    rows.push([String(l.index), 'dense', thousands(l.units), activationText(l.activation), shape(l.W), shape(l.b), shape(l.Z), thousands(l.params)]);
  }
  const table = renderTable([
    { title: 'l', align: 'right' }, { title: 'layer' }, { title: 'units', align: 'right' }, { title: 'activation' },
    { title: 'W[l], dW[l]' }, { title: 'b[l], db[l]' }, { title: 'Z, A, dZ[l]' }, { title: 'params', align: 'right' },
  ], rows, [`total params: ${thousands(network.params)}   (W[l] is (n[l], n[l−1]), b[l] is (n[l], 1), Z[l] is (n[l], m))`]);
  return `network ${network.name}: ${facts.join(', ')}\n\n${table}`;
}
