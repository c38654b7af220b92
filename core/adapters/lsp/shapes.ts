// Show Shapes (request nn/shapes): the `nn shapes` table of the network a command means, formatted
// here so that the editor prints what the command line prints without running the core itself.

import type { NetworkInfo } from '../../language/api';
import { formatShapesTable } from '../../services/format/shapesTable';
import { fromLspPosition } from './convert';
import { networkAt } from './locate';
import type { ShapesParams, ShapesResult } from './protocol';

export function shapesOf(networks: readonly NetworkInfo[], { name, position }: ShapesParams): Pick<ShapesResult, 'network' | 'table'> {
  const network = networkAt(networks, name, position && fromLspPosition(position));
  return network ? { network: network.name, table: formatShapesTable(network) } : {};
}
