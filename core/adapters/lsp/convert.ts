// Core positions are 1-based with an exclusive end and count UTF-16 code units (core/language/api.ts),
// so they map onto LSP's 0-based positions (also UTF-16) by subtracting one.

import type { Position as LspPosition, Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from '../../language/api';

export function toLspPosition(p: Position): LspPosition {
  return { line: p.line - 1, character: p.column - 1 };
}

export function toLspRange(r: Range): LspRange {
  return { start: toLspPosition(r.start), end: toLspPosition(r.end) };
}

export function fromLspPosition(p: LspPosition): Position {
  return { line: p.line + 1, column: p.character + 1 };
}

/** Whether core range `r` contains `p`; the end counts, so a cursor just after a word is inside it. */
export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.column >= r.start.column);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.column <= r.end.column);
  return afterStart && beforeEnd;
}

/** Whether two LSP ranges overlap (touching ends count, as VS Code's Range.intersection does). */
export function intersects(a: LspRange, b: LspRange): boolean {
  const before = (x: LspPosition, y: LspPosition) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The text of 0-based line `line`, without its line break. */
export function lineText(doc: TextDocument, line: number): string {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r?\n$|\r$/, '');
}
