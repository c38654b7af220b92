// One analysis per document version, shared by every feature (diagnostics, hover, hints, …): a
// keystroke is analysed once however many requests ask, and checks again only the networks it
// changed (networkChecks.ts). Also tracks which CSV/weights files each document read, so a change on
// disk re-checks exactly the documents (and networks) that depend on a file.
// Which files a document may read follows workspace trust (docs/limits.md, "Paths"; reach.ts).

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { analyze, type Analysis } from '../../language';
import type { Reach } from '../../data/paths';
import { CachedFiles } from './files';
import { NetworkChecks } from './networkChecks';

export type { Analysis };

interface Entry {
  /**
   * The document analysed: an untitled URI is reused once its document is closed, and the close
   * event may reach us after the next `Untitled-1` opens, so the URI and version alone can match
   * another document's analysis.
   */
  doc: TextDocument;
  version: number;
  result: Analysis;
  /** absolute paths of the files this analysis read */
  reads: Set<string>;
}

export interface AnalysesEvents {
  /** After a document was analysed anew (the set of files it reads may have changed). */
  analyzed?(doc: TextDocument): void;
  /** With the URIs of the documents to check again once a big data file has loaded in the background. */
  loaded?(uris: string[]): void;
}

export class Analyses {
  private readonly entries = new Map<string, Entry>();
  /** CPU ms each open document's last analysis took: the debounce of its next change (debounce.ts) */
  private readonly took = new Map<string, number>();
  /** each open document's checked networks, reused by its next analysis */
  private readonly checks = new Map<string, NetworkChecks>();
  private readonly files = new CachedFiles((file) => this.events.loaded?.(this.invalidate(file)));

  /** `reach(path)`: where the `.nn` file at `path` may read from. */
  constructor(private readonly reach: (path: string) => Reach, private readonly events: AnalysesEvents = {}) {}

  get(doc: TextDocument): Analysis {
    const key = doc.uri;
    const hit = this.entries.get(key);
    if (hit && hit.doc === doc && hit.version === doc.version) return hit.result;
    const reads = new Set<string>();
    const file = filePath(doc.uri);
    // Untitled documents have no folder to resolve relative files against.
    const access = (into: Set<string>) => (file ? this.files.access(into, this.reach(file)) : null);
    let checks = this.checks.get(key);
    if (!checks) this.checks.set(key, (checks = new NetworkChecks()));
    const text = doc.getText();
    // CPU time, not wall time: the server's own work, which other processes on a busy machine do not inflate.
    const start = process.cpuUsage();
    const result = analyze(text, { path: file, files: access(reads) }, (ast, syntax, _files, resolve) => checks.check(text, ast, syntax, access, resolve, reads));
    const { user, system } = process.cpuUsage(start);
    this.took.set(key, (user + system) / 1000);
    this.entries.set(key, { doc, version: doc.version, result, reads });
    this.events.analyzed?.(doc);
    return result;
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
    this.checks.clear();
    return all;
  }

  private invalidate(file: string): string[] {
    for (const checks of this.checks.values()) checks.forgetReading(file);
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

  /** The CPU time the last analysis of the document at `uri` took, in ms; undefined before the first. */
  lastMs(uri: string): number | undefined {
    return this.took.get(uri);
  }

  forget(doc: TextDocument): void {
    const entry = this.entries.get(doc.uri);
    if (entry && entry.doc !== doc) return; // another document took the URI since
    this.entries.delete(doc.uri);
    this.took.delete(doc.uri);
    this.checks.delete(doc.uri);
  }
}

/** The file system path of a `file:` URI; undefined for an untitled or remote document. */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined; // a file: URI naming another host
  }
}
