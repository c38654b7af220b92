// Live diagnostics: a .nn document is checked when it opens, again once typing pauses for
// `nnStudio.diagnostics.debounceMs`, and when a file it reads changes on disk (see watcher.ts); the
// result is pushed to the client (textDocument/publishDiagnostics).

import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Severity } from '../../language/api';
import type { Analyses } from './analyses';
import { toLspRange } from './convert';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** How diagnostics reach the client, and how long to wait after a keystroke. */
export interface DiagnosticsHost {
  publish(uri: string, version: number, diagnostics: LspDiagnostic[]): void;
  debounceMs(uri: string): Promise<number>;
}

export class Diagnostics {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** the version last published per document: opening a document is a change too, checked once */
  private readonly published = new Map<string, number>();
  private headings?: Map<string, number>;

  /** `docsPage`: docs/diagnostics.md, where each code links (undefined: no links). */
  constructor(private readonly analyses: Analyses, private readonly host: DiagnosticsHost, private readonly docsPage?: string) {}

  /** Check now (a no-op analysis when the document's version is already cached). */
  check(doc: TextDocument): void {
    this.cancel(doc.uri);
    const { diagnostics } = this.analyses.get(doc);
    this.published.set(doc.uri, doc.version);
    this.host.publish(doc.uri, doc.version, diagnostics.map((d) => this.toLsp(d)));
  }

  /** Check once typing pauses; `current()` is the document then (undefined once it is closed). */
  async schedule(doc: TextDocument, current: () => TextDocument | undefined): Promise<void> {
    const key = doc.uri;
    if (this.published.get(key) === doc.version) return;
    this.cancel(key);
    const delay = await this.host.debounceMs(key);
    this.cancel(key); // a newer keystroke scheduled while the setting was asked for
    this.timers.set(key, setTimeout(() => {
      const now = current();
      if (now) this.check(now);
    }, delay));
  }

  clear(doc: TextDocument): void {
    this.cancel(doc.uri);
    this.published.delete(doc.uri);
    this.host.publish(doc.uri, doc.version, []);
    this.analyses.forget(doc);
  }

  private cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private toLsp(d: Diagnostic): LspDiagnostic {
    const out: LspDiagnostic = { range: toLspRange(d.range), message: d.message, severity: SEVERITY[d.severity], source: 'nn', code: d.code };
    const href = this.codePage(d.code);
    if (href) out.codeDescription = { href };
    return out;
  }

  /**
   * docs/diagnostics.md at the code's own `## NNxxx` heading. VS Code opens a file link in the text
   * editor and reads only a line fragment (`#L410`), not a Markdown anchor (`#nn301` opens line 1).
   */
  private codePage(code: string): string | undefined {
    if (!this.docsPage) return undefined;
    this.headings ??= headingLines(this.docsPage);
    const line = this.headings.get(code);
    const page = pathToFileURL(this.docsPage).href;
    return line === undefined ? page : `${page}#L${line}`;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/** The 1-based line of each `## NNxxx` heading of the diagnostics page (none if it cannot be read). */
function headingLines(page: string): Map<string, number> {
  const lines = new Map<string, number>();
  let text = '';
  try {
    text = fs.readFileSync(page, 'utf8');
  } catch {
    return lines; // links then open the page at its top
  }
  text.split(/\r?\n/).forEach((line, i) => {
    const heading = /^## (NN\d{3})\s*$/.exec(line);
    if (heading && !lines.has(heading[1])) lines.set(heading[1], i + 1);
  });
  return lines;
}
