// Quick fixes: the checker already knows each fix (Diagnostic.fixes); this only turns them into
// CodeActions attached to the diagnostic they fix.

import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic as LspDiagnostic, type Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../../language/api';
import type { Analyses } from './analyses';
import { intersects, toLspRange } from './convert';

export class QuickFixProvider {
  static readonly kinds = [CodeActionKind.QuickFix];

  constructor(private readonly analyses: Analyses) {}

  provideCodeActions(doc: TextDocument, range: LspRange, context: CodeActionContext): CodeAction[] {
    // A request for other kinds only (`source.organizeImports`, …) gets none.
    if (context.only && !context.only.some((kind) => kind === CodeActionKind.QuickFix || kind.startsWith(`${CodeActionKind.QuickFix}.`))) return [];
    const actions: CodeAction[] = [];
    for (const d of this.analyses.get(doc).diagnostics) {
      const where = toLspRange(d.range);
      if (!d.fixes?.length || !intersects(where, range)) continue;
      const shown = context.diagnostics.filter((v) => sameDiagnostic(v, d, where));
      for (const fix of d.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          edit: { changes: { [doc.uri]: fix.edits.map((e) => ({ range: toLspRange(e.range), newText: e.newText })) } },
          diagnostics: shown,
          isPreferred: fix.preferred,
        });
      }
    }
    return actions;
  }
}

function sameDiagnostic(v: LspDiagnostic, d: Diagnostic, where: LspRange): boolean {
  const { start, end } = v.range;
  return v.code === d.code && start.line === where.start.line && start.character === where.start.character
    && end.line === where.end.line && end.character === where.end.character;
}
