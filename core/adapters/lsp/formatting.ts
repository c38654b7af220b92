// Format Document: the core's canonical layout (core formatText), applied as one edit so undo is one step.

import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatText } from '../../language';

export class FormattingProvider {
  provideDocumentFormattingEdits(doc: TextDocument): TextEdit[] {
    const text = doc.getText();
    const formatted = formatText(text);
    if (formatted === text) return [];
    const all = { start: doc.positionAt(0), end: doc.positionAt(text.length) };
    return [{ range: all, newText: formatted }];
  }
}
