// One analysis per document version, shared by every provider (diagnostics, hover, hints, …): a
// keystroke is analysed once however many providers ask. Also tracks which CSV/weights files each
// document read, so the file watcher can re-check exactly the documents that depend on a file.

import * as vscode from 'vscode';
import { analyze, type Analysis } from '../core/language';
import { CachedFiles } from './files';

export type { Analysis };

interface Entry {
  version: number;
  result: Analysis;
  /** absolute paths of the files this analysis read */
  reads: Set<string>;
}

export class Analyses implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly files = new CachedFiles();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after a document was analysed anew (for views that show the result, e.g. the status bar). */
  readonly onDidAnalyze = this.changed.event;

  get(doc: vscode.TextDocument): Analysis {
    const key = doc.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === doc.version) return hit.result;
    const reads = new Set<string>();
    const path = doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined;
    // Untitled documents have no folder to resolve relative files against.
    const result = analyze(doc.getText(), { path, files: path ? this.files.access(reads) : null });
    this.entries.set(key, { version: doc.version, result, reads });
    this.changed.fire(doc);
    return result;
  }

  /** The newest analysis there is, even of an older version: for views that must not force a re-analysis. */
  latest(doc: vscode.TextDocument): Analysis | undefined {
    return this.entries.get(doc.uri.toString())?.result;
  }

  /** A file changed on disk: forget it, and every analysis that read it. Returns the affected documents' URIs. */
  fileChanged(path: string): string[] {
    this.files.forget(path);
    const affected: string[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.reads.has(path)) {
        this.entries.delete(key);
        affected.push(key);
      }
    }
    return affected;
  }

  /** Every path some cached analysis read. */
  referencedFiles(): Set<string> {
    const all = new Set<string>();
    for (const entry of this.entries.values()) for (const p of entry.reads) all.add(p);
    return all;
  }

  forget(doc: vscode.TextDocument): void {
    this.entries.delete(doc.uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
    this.entries.clear();
  }
}
