// "NN: Show Network Diagram": one panel that follows the editor. It shows the network under the
// cursor of the active .nn editor as the language server describes it (request nn/shapes, the
// extension works out no shape itself), marks the statement under the cursor, and draws again after
// each analysis of the file. Clicking a box shows its line.

import * as vscode from 'vscode';
import { checkDiagramIntent, type DiagramDrawn, type DiagramMessage } from '../../core/services/diagram';
import type { Analyses } from '../analysis';
import { PageOutbox } from '../outbox';
import { besideEditorColumn } from '../panelColumn';
import { diagramHtml } from './html';

/** How long the cursor rests before the network under it is asked for again. */
const CURSOR_MS = 60;

export class DiagramPanel {
  static readonly viewType = 'nnStudio.diagram';
  private static current?: DiagramPanel;

  private readonly outbox: PageOutbox<DiagramMessage>;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** the document followed: the last active .nn editor's */
  private doc?: vscode.TextDocument;
  /** a network asked for by name (the command's argument) until the cursor moves */
  private name?: string;
  /** what the page last drew (`nn.diagramDrawn`) */
  drawn?: DiagramDrawn;
  /** answers older than the newest request are dropped */
  private asked = 0;
  private timer?: ReturnType<typeof setTimeout>;
  /** the page said it was ready once already */
  private opened = false;
  private disposed = false;

  /** The panel, revealed, now following `doc` (else the active editor's). */
  static show(context: vscode.ExtensionContext, analyses: Analyses, doc?: vscode.TextDocument, name?: string): DiagramPanel {
    let panel = DiagramPanel.current;
    // Beside the editor it follows, never over it: a panel in that editor's group moves out of it.
    const editor = vscode.window.activeTextEditor?.viewColumn;
    if (panel) panel.panel.reveal(panel.panel.viewColumn === editor ? besideEditorColumn() : undefined, true);
    else {
      const webview = vscode.window.createWebviewPanel(DiagramPanel.viewType, 'Network Diagram', { viewColumn: besideEditorColumn(), preserveFocus: true }, { enableScripts: true });
      panel = new DiagramPanel(context, analyses, webview);
    }
    panel.follow(doc ?? nnEditor(vscode.window.activeTextEditor)?.document, name);
    return panel;
  }

  /** The panel VS Code restored after a reload: its page shows what it showed; it follows the active editor again. */
  static revive(context: vscode.ExtensionContext, analyses: Analyses, webview: vscode.WebviewPanel): void {
    DiagramPanel.current?.panel.dispose();
    new DiagramPanel(context, analyses, webview).follow(nnEditor(vscode.window.activeTextEditor)?.document);
  }

  static drawnNow(): DiagramDrawn | undefined {
    return DiagramPanel.current?.drawn;
  }

  private constructor(context: vscode.ExtensionContext, private readonly analyses: Analyses, private readonly panel: vscode.WebviewPanel) {
    DiagramPanel.current = this;
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    panel.webview.html = diagramHtml(panel.webview, dist);
    this.outbox = new PageOutbox(panel.webview);
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.onIntent(message)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const doc = nnEditor(editor)?.document;
        if (doc && doc !== this.doc) this.follow(doc);
      }),
      vscode.window.onDidChangeTextEditorSelection(({ textEditor }) => {
        if (textEditor.document !== this.doc) return;
        this.name = undefined;
        this.post({ type: 'cursor', line: textEditor.selection.active.line + 1 });
        // The cursor may have moved into another network of the file.
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), CURSOR_MS);
      }),
      analyses.onDidAnalyze((doc) => {
        if (doc === this.doc) void this.refresh();
      }),
    );
    panel.onDidDispose(() => {
      this.disposed = true;
      clearTimeout(this.timer);
      for (const s of this.subscriptions) s.dispose();
      if (DiagramPanel.current === this) DiagramPanel.current = undefined;
    });
  }

  private follow(doc: vscode.TextDocument | undefined, name?: string): void {
    this.doc = doc;
    this.name = name;
    void this.refresh();
  }

  /** Asks the server for the network now under the cursor and sends it to the page. */
  private async refresh(): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    const asked = ++this.asked;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const cursor = editor?.selection.active;
    const result = await this.analyses.shapes(doc, this.name, this.name ? undefined : cursor).catch(() => undefined);
    // the answer may come after the panel was closed: a disposed webview throws on any use
    if (asked !== this.asked || !result || this.disposed) return;
    const file = vscode.workspace.asRelativePath(doc.uri);
    const { network, json, X, lines, inputs } = result;
    this.panel.title = network ? `Diagram ${network}` : 'Network Diagram';
    this.post({
      type: 'diagram', uri: doc.uri.toString(), file, network,
      data: json && { json, X, lines, inputs },
      note: network ? undefined : this.name ? `There is no network \`${this.name}\` in ${file}.` : `${file} holds no network.`,
      line: cursor && cursor.line + 1,
    });
  }

  private post(message: DiagramMessage): void {
    this.outbox.post(message);
  }

  private onIntent(message: unknown): void {
    const intent = checkDiagramIntent(message);
    if (typeof intent === 'string') return;
    if (intent.type === 'ready') {
      // The page was hidden and made again (it keeps no context while hidden): it shows what it
      // saved; send what is true now.
      if (this.opened) void this.refresh();
      this.opened = true;
      this.outbox.open();
    }
    else if (intent.type === 'drawn') this.drawn = intent.drawn;
    else if (intent.type === 'reveal' && this.doc) {
      const at = new vscode.Position(Math.min(intent.line - 1, this.doc.lineCount - 1), 0);
      const column = vscode.window.visibleTextEditors.find((e) => e.document === this.doc)?.viewColumn;
      void vscode.window.showTextDocument(this.doc, { viewColumn: column, selection: new vscode.Range(at, at) });
    }
  }
}

function nnEditor(editor: vscode.TextEditor | undefined): vscode.TextEditor | undefined {
  return editor?.document.languageId === 'nn' ? editor : undefined;
}
