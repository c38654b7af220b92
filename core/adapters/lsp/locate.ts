// What the cursor is on: the network (its syntax node and the checker's NetworkInfo) and the statement.
// Navigation only; what the text means comes from the core's analysis.

import type { NetworkInfo, Position, Range } from '../../language/api';
import type { NetworkNode, Statement } from '../../language/ast';
import type { Analysis } from '../../language';
import { contains } from './convert';
import { allStatements } from '../../language/groupShapes';

export interface Located {
  node: NetworkNode;
  info?: NetworkInfo;
  statement?: Statement;
}

const sameStart = (a: Range, b: Range) => a.start.line === b.start.line && a.start.column === b.start.column;

export function locate(analysis: Analysis, p: Position): Located | undefined {
  const node = analysis.ast.networks.find((n) => contains(n.range, p));
  if (!node) return undefined;
  const info = infoOf(analysis, node);
  // the innermost statement: a layer inside a group rather than the group
  const statement = allStatements(node.statements).filter((s) => contains(s.range, p)).pop();
  return { node, info, statement };
}

/** Which network a command means: the one named, else the one around `p`, else the first. */
export function networkAt(networks: readonly NetworkInfo[], name?: string, p?: Position): NetworkInfo | undefined {
  if (name !== undefined) return networks.find((n) => n.name === name);
  return (p && networks.find((n) => contains(n.range, p))) ?? networks[0];
}

/** The checker's view of a network block. */
export function infoOf(analysis: Analysis, node: NetworkNode): NetworkInfo | undefined {
  return analysis.networks.find((n) => sameStart(n.range, node.range));
}
