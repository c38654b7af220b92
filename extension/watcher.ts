// Re-checks the open .nn documents that read a CSV or weights file or an image folder when it (or,
// for a folder, anything in it) changes, appears or disappears on disk, or has finished loading in
// the background, and every document when the workspace becomes trusted (files outside it may then
// be read). One watcher per referenced file
// (RelativePattern on its folder), so files outside the workspace are watched too and nothing else is.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analyses } from './analysis';
import type { Diagnostics } from './diagnostics';

/**
 * How long a referenced path must stay quiet before its documents are checked again: writing a
 * folder of images fires one event per file, and each check reads the folder's headers anew, so a
 * burst of thousands of events gives one check after it, not one per file.
 */
const SETTLE_MS = 200;

export class ReferencedFileWatcher implements vscode.Disposable {
  private readonly watchers = new Map<string, vscode.FileSystemWatcher>();
  private readonly settling = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly analyses: Analyses, private readonly diagnostics: Diagnostics) {
    this.subscriptions = [
      // The set of referenced files can only change when a document is analysed anew.
      analyses.onDidAnalyze(() => this.sync()),
      analyses.onDidLoadFile((uris) => this.recheck(uris)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.recheck(analyses.forgetAll())),
    ];
  }

  private sync(): void {
    const wanted = this.analyses.referencedFiles();
    for (const [file, watcher] of this.watchers) {
      if (!wanted.has(file)) {
        watcher.dispose();
        this.watchers.delete(file);
        clearTimeout(this.settling.get(file));
        this.settling.delete(file);
      }
    }
    for (const file of wanted) {
      if (this.watchers.has(file)) continue;
      // The path itself and, for an image folder, everything under it (a CSV file has nothing under it).
      const name = path.basename(file);
      const pattern = new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), `{${name},${name}/**}`);
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const recheck = () => this.changed(file);
      watcher.onDidChange(recheck);
      watcher.onDidCreate(recheck);
      watcher.onDidDelete(recheck);
      this.watchers.set(file, watcher);
    }
  }

  private changed(file: string): void {
    clearTimeout(this.settling.get(file));
    this.settling.set(file, setTimeout(() => {
      this.settling.delete(file);
      this.recheck(this.analyses.fileChanged(file));
    }, SETTLE_MS));
  }

  private recheck(uris: string[]): void {
    const affected = new Set(uris);
    for (const doc of vscode.workspace.textDocuments) {
      if (affected.has(doc.uri.toString())) this.diagnostics.check(doc);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const w of this.watchers.values()) w.dispose();
    for (const t of this.settling.values()) clearTimeout(t);
    this.settling.clear();
    this.watchers.clear();
  }
}
