// Live diagnostics: a .nn document is checked when it opens, again once typing pauses for
// `nnStudio.diagnostics.debounceMs`, and when a file it reads changes on disk (see watcher.ts).

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Diagnostic, Severity } from '../core/language/api';
import type { Analyses } from './analysis';
import { toVsRange } from './convert';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export const isNn = (doc: vscode.TextDocument): boolean => doc.languageId === 'nn';

export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('nn');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];
  private headings?: Map<string, number>;

  constructor(private readonly analyses: Analyses, private readonly docsPage: vscode.Uri) {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((doc) => this.check(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.clear(doc)),
    ];
    for (const doc of vscode.workspace.textDocuments) this.check(doc);
  }

  /** Check now (a no-op analysis when the document's version is already cached). */
  check(doc: vscode.TextDocument): void {
    if (!isNn(doc) || doc.isClosed) return;
    this.cancel(doc.uri.toString());
    const { diagnostics } = this.analyses.get(doc);
    this.collection.set(doc.uri, diagnostics.map((d) => this.toVs(d)));
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isNn(doc)) return;
    const key = doc.uri.toString();
    this.cancel(key);
    const delay = vscode.workspace.getConfiguration('nnStudio', doc.uri).get<number>('diagnostics.debounceMs', 150);
    this.timers.set(key, setTimeout(() => this.check(doc), delay));
  }

  private clear(doc: vscode.TextDocument): void {
    this.cancel(doc.uri.toString());
    this.collection.delete(doc.uri);
    this.analyses.forget(doc);
  }

  private cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private toVs(d: Diagnostic): vscode.Diagnostic {
    const out = new vscode.Diagnostic(toVsRange(d.range), d.message, SEVERITY[d.severity]);
    out.source = 'nn';
    out.code = { value: d.code, target: this.codePage(d.code) };
    return out;
  }

  /**
   * docs/diagnostics.md at the code's own `## NNxxx` heading. VS Code opens a file link in the text
   * editor and reads only a line fragment (`#L410`), not a Markdown anchor (`#nn301` opens line 1).
   */
  private codePage(code: string): vscode.Uri {
    this.headings ??= headingLines(this.docsPage);
    const line = this.headings.get(code);
    return line === undefined ? this.docsPage : this.docsPage.with({ fragment: `L${line}` });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The 1-based line of each `## NNxxx` heading of the diagnostics page (none if it cannot be read). */
function headingLines(page: vscode.Uri): Map<string, number> {
  const lines = new Map<string, number>();
  let text = '';
  try {
    text = fs.readFileSync(page.fsPath, 'utf8');
  } catch {
    return lines; // links then open the page at its top
  }
  text.split(/\r?\n/).forEach((line, i) => {
    const heading = /^## (NN\d{3})\s*$/.exec(line);
    if (heading && !lines.has(heading[1])) lines.set(heading[1], i + 1);
  });
  return lines;
}
