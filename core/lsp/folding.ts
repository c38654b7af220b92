// Folding: network blocks, train blocks, and runs of two or more comment lines.

import * as vscode from 'vscode';
import type { Range } from '../core/language/api';
import type { Analyses } from './analysis';

export class FoldingProvider implements vscode.FoldingRangeProvider {
  constructor(private readonly analyses: Analyses) {}

  provideFoldingRanges(doc: vscode.TextDocument): vscode.FoldingRange[] {
    const { ast } = this.analyses.get(doc);
    const out: vscode.FoldingRange[] = [];
    // Fold from the `{` line to the line before `}`, so the closing brace stays visible.
    const block = (r: Range) => {
      if (r.end.line > r.start.line + 1) out.push(new vscode.FoldingRange(r.start.line - 1, r.end.line - 2));
    };
    for (const network of ast.networks) {
      block(network.body.range);
      for (const s of network.statements) if (s.kind === 'train') block(s.body.range);
    }
    let first = -1;
    let last = -2;
    const flush = () => {
      if (last > first) out.push(new vscode.FoldingRange(first, last, vscode.FoldingRangeKind.Comment));
    };
    for (const c of ast.comments) {
      const line = c.range.start.line - 1;
      // Only whole-line comments form a foldable run; a trailing comment after code does not.
      if (doc.lineAt(line).firstNonWhitespaceCharacterIndex !== c.range.start.column - 1) continue;
      if (line !== last + 1) {
        flush();
        first = line;
      }
      last = line;
    }
    flush();
    return out;
  }
}
