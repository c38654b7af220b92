// Re-checks the open .nn documents that read a CSV or weights file when that file changes, appears
// or disappears on disk, or has finished loading in the background. Watches exactly the referenced
// files (files outside the workspace too, nothing else): through the client's file watching
// (`workspace/didChangeWatchedFiles`, registered dynamically with one relative pattern per file)
// when the client offers it, else with Node's fs.watch on each file's folder (Neovim 0.7, Helix).

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

  private changed(file: string): void {
    this.recheck(this.analyses.fileChanged(file));
  }

  private register(files: string[]): void {
    const previous = this.registration;
    const watchers: FileSystemWatcher[] = files.map((file) => ({
      globPattern: this.options.relative
        ? { baseUri: pathToFileURL(path.dirname(file)).href, pattern: path.basename(file) }
        : file.replace(/[[\]{}*?]/g, '[$&]'),
    }));
    this.registration = files.length === 0 ? undefined
      : this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    void previous?.then((d) => d.dispose(), () => undefined);
  }

  private watchFolders(files: Set<string>): void {
    const dirs = new Set([...files].map((f) => path.dirname(f)));
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
          const file = name ? path.join(dir, name.toString()) : undefined;
          if (file && this.watched.has(file)) this.changed(file);
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

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
