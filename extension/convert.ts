// Core positions are 1-based with an exclusive end and count UTF-16 code units (core/language/api.ts),
// so they map onto VS Code's 0-based positions by subtracting one. For the commands that stay in the
// extension (training, gradient check); the language features convert in core/adapters/lsp/convert.ts.

import * as vscode from 'vscode';
import type { Position, Range } from '../core/language/api';

export { contains } from '../core/adapters/lsp/convert';

export function toVsPosition(p: Position): vscode.Position {
  return new vscode.Position(p.line - 1, p.column - 1);
}

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(toVsPosition(r.start), toVsPosition(r.end));
}

export function fromVsPosition(p: vscode.Position): Position {
  return { line: p.line + 1, column: p.character + 1 };
}
