// Re-checks the open .nn documents that read a CSV or weights file (or an image folder) when it
// changes, appears or disappears on disk. Watches exactly the referenced paths (outside the
// workspace too, nothing else): through the client's file watching (`workspace/didChangeWatchedFiles`,
// registered dynamically with one relative pattern per path; a folder's pattern covers everything
// in it) when the client offers it, else with Node's fs.watch (Neovim 0.7, Helix).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, type Connection, type Disposable, type FileSystemWatcher } from 'vscode-languageserver';
import { filePath, type Analyses } from './analyses';

export interface WatchOptions {
  /** the client registers file watchers on request (else the server watches itself) */
  dynamic: boolean;
  /** the client understands `{ baseUri, pattern }` (else a watcher is an absolute glob) */
  relative: boolean;
}

export class ReferencedFileWatcher {
  private watched = new Set<string>();
  private registration?: Promise<Disposable>;
  private readonly folders = new Map<string, fs.FSWatcher>();

  /** `recheck(uris)`: check those documents again, if they are open. */
  constructor(private readonly connection: Connection, private readonly analyses: Analyses,
    private readonly options: WatchOptions, private readonly recheck: (uris: string[]) => void) {
    if (options.dynamic) {
      connection.onDidChangeWatchedFiles(({ changes }) => {
        for (const change of changes) {
          const file = filePath(change.uri);
          if (file) this.changed(file);
        }
      });
    }
  }

  /** The set of referenced files can only change when a document is analysed anew: call then. */
  sync(): void {
    const wanted = this.analyses.referencedFiles();
    if (sameSet(wanted, this.watched)) return;
    this.watched = wanted;
    if (this.options.dynamic) this.register([...wanted]);
    else this.watchFolders(wanted);
  }

  /** Something changed at `file`: the referenced paths it is, or lies in, were read before. */
  private changed(file: string): void {
    for (const owner of referencesAt(file, this.watched)) this.recheck(this.analyses.fileChanged(owner));
  }

  private register(files: string[]): void {
    const previous = this.registration;
    const watchers: FileSystemWatcher[] = files.map((file) => ({ globPattern: watchPattern(file, isFolder(file), this.options.relative) }));
    this.registration = files.length === 0 ? undefined
      : this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    void previous?.then((d) => d.dispose(), () => undefined);
  }

  private watchFolders(files: Set<string>): void {
    // Each file's folder; a referenced folder itself too (its entries are the class subfolders).
    const dirs = new Set([...files].flatMap((f) => (isFolder(f) ? [path.dirname(f), f] : [path.dirname(f)])));
    for (const [dir, watcher] of this.folders) {
      if (!dirs.has(dir)) {
        watcher.close();
        this.folders.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (this.folders.has(dir)) continue;
      try {
        const watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
          if (name) this.changed(path.join(dir, name.toString()));
        });
        watcher.on('error', () => this.folders.delete(dir));
        this.folders.set(dir, watcher);
      } catch {
        // a folder that does not exist (yet): the file's next check reports it missing
      }
    }
  }

  dispose(): void {
    void this.registration?.then((d) => d.dispose(), () => undefined);
    for (const w of this.folders.values()) w.close();
    this.folders.clear();
  }
}

/** The pattern that watches `file` (a folder: everything in it), relative or as an absolute glob. */
export function watchPattern(file: string, folder: boolean, relative: boolean): FileSystemWatcher['globPattern'] {
  const literal = (p: string) => p.replace(/[[\]{}*?]/g, '[$&]');
  if (relative) {
    return folder
      ? { baseUri: pathToFileURL(file).href, pattern: '**' }
      : { baseUri: pathToFileURL(path.dirname(file)).href, pattern: path.basename(file) };
  }
  return folder ? `${literal(file)}/**` : literal(file);
}

/** The referenced paths a change at `file` concerns: `file` itself, and the folders it lies in. */
export function referencesAt(file: string, referenced: ReadonlySet<string>): string[] {
  return [...referenced].filter((p) => file === p || file.startsWith(p.endsWith(path.sep) ? p : p + path.sep));
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false; // missing: watched as a file, which is what appears there next
  }
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
