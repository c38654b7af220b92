// Format Document: the core's canonical layout (core formatText), applied as one edit so undo is one step.

import * as vscode from 'vscode';
import { formatText } from '../core/language';

export class FormattingProvider implements vscode.DocumentFormattingEditProvider {
  provideDocumentFormattingEdits(doc: vscode.TextDocument): vscode.TextEdit[] {
    const text = doc.getText();
    const formatted = formatText(text);
    if (formatted === text) return [];
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(text.length));
    return [vscode.TextEdit.replace(all, formatted)];
  }
}
