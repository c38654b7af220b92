// One comparison panel per .nn file: the webview, the Comparison (core/services/session/compare.ts) behind
// it with one worker per run, and the routing between the two. The webview's intents are checked
// before anything acts on them. Closing the panel ends every worker.

import * as vscode from 'vscode';
import { checkCompareIntent, Comparison, type CompareMessage, type CompareOutcome } from '../../core/services/session/compare';
import { PageOutbox } from '../outbox';
import { WorkerHost } from '../train/workerHost';
import { compareHtml } from './html';
import type { CompareTarget } from './pick';

/** `pickRuns` bound to the editor's shared analysis: checks the file again before each round. */
export type PickRuns = (uri?: vscode.Uri, names?: readonly string[]) => Promise<CompareTarget | undefined>;

export class ComparePanel {
  static readonly viewType = 'nnStudio.compare';
  private static readonly panels = new Map<string, ComparePanel>();

  private comparison?: Comparison;
  private readonly outbox: PageOutbox<CompareMessage>;

  /** The panel of this file, revealed where it is, or a new one beside the editor (which keeps the focus). */
  static show(context: vscode.ExtensionContext, uri: vscode.Uri, pick: PickRuns): ComparePanel {
    const open = ComparePanel.panels.get(uri.toString());
    if (open) {
      open.panel.reveal(undefined, true);
      return open;
    }
    const title = `Compare ${uri.path.split('/').pop()}`;
    const panel = vscode.window.createWebviewPanel(ComparePanel.viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
      // The runs go on while the panel is hidden; keeping the page alive keeps the live charts whole.
      retainContextWhenHidden: true,
    });
    return new ComparePanel(context, panel, pick, uri);
  }

  /** A panel VS Code restored after a reload: its page restores its own state; the runs are gone. */
  static revive(context: vscode.ExtensionContext, panel: vscode.WebviewPanel, state: unknown, pick: PickRuns): ComparePanel {
    const uri = (state as { uri?: unknown } | undefined)?.uri;
    return new ComparePanel(context, panel, pick, typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined);
  }

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly panel: vscode.WebviewPanel,
    private readonly pick: PickRuns,
    private readonly uri: vscode.Uri | undefined,
  ) {
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    panel.webview.html = compareHtml(panel.webview, dist);
    this.outbox = new PageOutbox(panel.webview);
    if (uri) ComparePanel.panels.set(uri.toString(), this);
    panel.webview.onDidReceiveMessage((message: unknown) => void this.onIntent(message));
    panel.onDidDispose(() => {
      if (uri && ComparePanel.panels.get(uri.toString()) === this) ComparePanel.panels.delete(uri.toString());
      this.comparison?.close('closed');
    });
  }

  /** Train every run of `target` side by side from the start; resolves when all have ended. */
  compare(target: CompareTarget): Promise<CompareOutcome[]> {
    this.comparison?.close('stopped');
    const worker = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'worker.js').fsPath;
    const source = { uri: target.uri.toString(), file: vscode.workspace.asRelativePath(target.uri) };
    this.comparison = new Comparison(source, target.runs, (onReport) => new WorkerHost(worker, onReport), (m) => this.post(m));
    return this.comparison.start();
  }

  private async onIntent(message: unknown): Promise<void> {
    const intent = checkCompareIntent(message);
    if (typeof intent === 'string') return;
    switch (intent.type) {
      case 'ready':
        this.outbox.open();
        return;
      case 'stop':
        return this.comparison?.stop();
      case 'train': {
        if (!this.uri) {
          void vscode.window.showWarningMessage('Open the .nn file and run "NN: Compare Runs" to compare its networks.');
          return;
        }
        // The same networks as before (all of the file's after a reload), as the file reads now.
        const target = await this.pick(this.uri, this.comparison?.runs.map((r) => r.name));
        if (target) void this.compare(target);
        return;
      }
    }
  }

  private post(message: CompareMessage): void {
    this.outbox.post(message);
  }
}
