// One analysis per document version, shared by every provider (diagnostics, hover, hints, …): a
// keystroke is analysed once however many providers ask. Also tracks which CSV/weights files each
// document read, so the file watcher can re-check exactly the documents that depend on a file.
// Which files a document may read follows workspace trust (docs/limits.md, "Paths").

import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyze, type Analysis } from '../core/language';
import type { Reach } from '../core/language/paths';
import { CachedFiles } from './files';

export type { Analysis };

interface Entry {
  /**
   * The document analysed: an untitled URI is reused once its document is closed, and the close
   * event may reach us after the next `Untitled-1` opens, so the URI and version alone can match
   * another document's analysis.
   */
  doc: vscode.TextDocument;
  version: number;
  result: Analysis;
  /** absolute paths of the files this analysis read */
  reads: Set<string>;
}

export class Analyses implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly files = new CachedFiles((file) => this.loaded.fire(this.invalidate(file)));
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly loaded = new vscode.EventEmitter<string[]>();
  /** Fires after a document was analysed anew (for views that show the result, e.g. the status bar). */
  readonly onDidAnalyze = this.changed.event;
  /** Fires with the URIs of the documents to check again once a big data file has loaded in the background. */
  readonly onDidLoadFile = this.loaded.event;

  get(doc: vscode.TextDocument): Analysis {
    const key = doc.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.doc === doc && hit.version === doc.version) return hit.result;
    const reads = new Set<string>();
    const file = doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined;
    // Untitled documents have no folder to resolve relative files against.
    const result = analyze(doc.getText(), { path: file, files: file ? this.files.access(reads, reach(doc.uri)) : null });
    this.entries.set(key, { doc, version: doc.version, result, reads });
    this.changed.fire(doc);
    return result;
  }

  /** The newest analysis there is, even of an older version: for views that must not force a re-analysis. */
  latest(doc: vscode.TextDocument): Analysis | undefined {
    const entry = this.entries.get(doc.uri.toString());
    return entry?.doc === doc ? entry.result : undefined;
  }

  /** A file changed on disk: forget it, and every analysis that read it. Returns the affected documents' URIs. */
  fileChanged(file: string): string[] {
    this.files.forget(file);
    return this.invalidate(file);
  }

  /** Forgets every analysis (workspace trust changed what may be read); returns their URIs. */
  forgetAll(): string[] {
    const all = [...this.entries.keys()];
    this.entries.clear();
    return all;
  }

  private invalidate(file: string): string[] {
    const affected: string[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.reads.has(file)) {
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
    this.loaded.dispose();
    this.entries.clear();
  }
}

/** A document may read files in its workspace folder (or its own folder); others only when the workspace is trusted. */
function reach(uri: vscode.Uri): Reach {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return {
    roots: [folder ? folder.uri.fsPath : path.dirname(uri.fsPath)],
    name: folder ? `the workspace folder ${folder.name}` : "the `.nn` file's folder",
    outside: vscode.workspace.isTrusted ? 'warn' : 'deny',
  };
}
