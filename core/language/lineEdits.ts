// Edits on one layer line that the quick fixes share: removing a part (an option, a flag, an
// annotation) together with the space before it, so the line keeps its single spaces.

import type { Fix, Position, Range } from './api';
import type { LayerNode } from './ast';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

/** Where the element of a layer line just before `range` ends, so removing an option leaves no gap. */
function endBefore(node: LayerNode, range: Range): Position {
  let end = node.keywordRange.end;
  const pieces = [
    'units' in node ? node.units?.range : undefined,
    'filters' in node ? node.filters?.range : undefined,
    'activation' in node ? node.activation?.range : undefined,
    ...node.annotations.map((a) => a.range),
    ...node.options.map((o) => o.range),
    ...node.flags.map((f) => f.range),
  ];
  for (const r of pieces) {
    if (r && before(r.end, range.start) && before(end, r.end)) end = r.end;
  }
  return end;
}

/** A fix that deletes an option or annotation from its line, with the space before it. */
export function removePart(node: LayerNode, part: { range: Range }, title: string): Fix {
  return { title, edits: [{ range: { start: endBefore(node, part.range), end: part.range.end }, newText: '' }], preferred: true };
}

/** Where a layer line's last element ends (a comment aside): where a fix appends an option. */
export function lineEnd(node: LayerNode): Position {
  return endBefore(node, { start: { line: node.range.start.line, column: Number.MAX_SAFE_INTEGER }, end: node.range.end });
}
