// Re-checks the open .nn documents that read a CSV or weights file when that file changes, appears
// or disappears on disk. One watcher per referenced file (RelativePattern on its folder), so files
// outside the workspace are watched too and nothing else is.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analyses } from './analysis';
import type { Diagnostics } from './diagnostics';

export class ReferencedFileWatcher implements vscode.Disposable {
  private readonly watchers = new Map<string, vscode.FileSystemWatcher>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly analyses: Analyses, private readonly diagnostics: Diagnostics) {
    // The set of referenced files can only change when a document is analysed anew.
    this.subscription = analyses.onDidAnalyze(() => this.sync());
  }

  private sync(): void {
    const wanted = this.analyses.referencedFiles();
    for (const [file, watcher] of this.watchers) {
      if (!wanted.has(file)) {
        watcher.dispose();
        this.watchers.delete(file);
      }
    }
    for (const file of wanted) {
      if (this.watchers.has(file)) continue;
      const pattern = new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file));
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const recheck = () => this.recheck(file);
      watcher.onDidChange(recheck);
      watcher.onDidCreate(recheck);
      watcher.onDidDelete(recheck);
      this.watchers.set(file, watcher);
    }
  }

  private recheck(file: string): void {
    const affected = new Set(this.analyses.fileChanged(file));
    for (const doc of vscode.workspace.textDocuments) {
      if (affected.has(doc.uri.toString())) this.diagnostics.check(doc);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
  }
}
