// Core positions are 1-based with an exclusive end and count UTF-16 code units (core/language/api.ts),
// so they map onto VS Code's 0-based positions by subtracting one.

import * as vscode from 'vscode';
import type { Position, Range } from '../core/language/api';

export function toVsPosition(p: Position): vscode.Position {
  return new vscode.Position(p.line - 1, p.column - 1);
}

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(toVsPosition(r.start), toVsPosition(r.end));
}

export function fromVsPosition(p: vscode.Position): Position {
  return { line: p.line + 1, column: p.character + 1 };
}

/** Whether core range `r` contains `p`; the end counts, so a cursor just after a word is inside it. */
export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.column >= r.start.column);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.column <= r.end.column);
  return afterStart && beforeEnd;
}
