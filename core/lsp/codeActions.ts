// Quick fixes: the checker already knows each fix (Diagnostic.fixes); this only turns them into
// CodeActions attached to the diagnostic they fix.

import * as vscode from 'vscode';
import type { Diagnostic } from '../core/language/api';
import type { Analyses } from './analysis';
import { toVsRange } from './convert';

export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly analyses: Analyses) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of this.analyses.get(doc).diagnostics) {
      const where = toVsRange(d.range);
      if (!d.fixes?.length || !where.intersection(range)) continue;
      const shown = context.diagnostics.filter((v) => sameDiagnostic(v, d, where));
      for (const fix of d.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(doc.uri, toVsRange(e.range), e.newText);
        action.diagnostics = shown;
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
    }
    return actions;
  }
}

function sameDiagnostic(v: vscode.Diagnostic, d: Diagnostic, where: vscode.Range): boolean {
  const code = typeof v.code === 'object' ? v.code.value : v.code;
  return code === d.code && v.range.isEqual(where);
}
