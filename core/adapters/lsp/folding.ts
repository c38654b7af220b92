// Folding: network, block, train and group bodies, and runs of two or more comment lines.

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from '../../language/api';
import type { Analyses } from './analyses';
import { lineText } from './convert';
import { allStatements } from '../../language/groupShapes';

export class FoldingProvider {
  constructor(private readonly analyses: Analyses) {}

  provideFoldingRanges(doc: TextDocument): FoldingRange[] {
    const { ast } = this.analyses.get(doc);
    const out: FoldingRange[] = [];
    // Fold from the `{` line to the line before `}`, so the closing brace stays visible.
    const block = (r: Range) => {
      if (r.end.line > r.start.line + 1) out.push({ startLine: r.start.line - 1, endLine: r.end.line - 2 });
    };
    // every braced part: networks, blocks, train and the groups of spec §12, however nested
    for (const outer of [...ast.networks, ...ast.blocks]) {
      block(outer.body.range);
      for (const s of allStatements(outer.statements)) if ('body' in s) block(s.body.range);
    }
    let first = -1;
    let last = -2;
    const flush = () => {
      if (last > first) out.push({ startLine: first, endLine: last, kind: FoldingRangeKind.Comment });
    };
    for (const c of ast.comments) {
      const line = c.range.start.line - 1;
      // Only whole-line comments form a foldable run; a trailing comment after code does not.
      if (lineText(doc, line).search(/\S/) !== c.range.start.column - 1) continue;
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
