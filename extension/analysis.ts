// The checker's networks of a document, from the language server (request `nn/networks`), and Show
// Shapes' table (`nn/shapes`): training, Show Shapes, Compare Runs, Check Gradients, Export and the
// status bar ask here instead of analysing again,
// so the extension host's event loop never runs the checker (core/adapters/lsp/server.ts does, in its own
// process). One answer is cached per document version.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { NetworkInfo } from '../core/language/api';
import { ask, DID_ANALYZE, listen, NETWORKS, SHAPES, type ShapesResult } from '../core/adapters/lsp/protocol';

export interface Networks {
  networks: NetworkInfo[];
}

interface Entry {
  doc: vscode.TextDocument;
  version: number;
  result: Networks;
}

/** How long to wait for the server to see a document version the editor already has. */
const SYNC_MS = 5000;

export class Analyses implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly subscriptions: vscode.Disposable[];
  /** Fires after the server analysed the active editor's document anew and its networks were fetched (for the status bar). */
  readonly onDidAnalyze = this.changed.event;

  constructor(private readonly client: LanguageClient) {
    this.subscriptions = [
      this.changed,
      listen(client, DID_ANALYZE, ({ uri, version }) => {
        // Only the status bar listens, and only for the active editor: other documents are fetched when asked for.
        const doc = vscode.window.activeTextEditor?.document;
        if (doc?.uri.toString() === uri && doc.version === version) void this.get(doc).then(() => this.changed.fire(doc), () => undefined);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.entries.delete(doc.uri.toString())),
    ];
  }

  /** The networks of this version of the document, as the server's checker sees them. */
  async get(doc: vscode.TextDocument): Promise<Networks> {
    const key = doc.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.doc === doc && hit.version === doc.version) return hit.result;
    const version = doc.version;
    const answer = await this.synced(doc, () => ask(this.client, NETWORKS, { uri: key }));
    const result = { networks: answer.networks };
    if (answer.version === version) this.entries.set(key, { doc, version, result });
    return result;
  }

  /** Show Shapes' table of the network named, else around `at`, else the first: formatted by the server (nn/shapes). */
  shapes(doc: vscode.TextDocument, name?: string, at?: vscode.Position): Promise<ShapesResult> {
    const position = at && { line: at.line, character: at.character };
    return this.synced(doc, () => ask(this.client, SHAPES, { uri: doc.uri.toString(), name, position }));
  }

  /** The server's answer for this version of the document, asked again while its open/change notifications may still be on their way. */
  private async synced<R extends { version?: number }>(doc: vscode.TextDocument, request: () => Promise<R>): Promise<R> {
    const version = doc.version;
    const deadline = Date.now() + SYNC_MS;
    for (;;) {
      const answer = await request();
      if (answer.version === version || Date.now() > deadline || doc.version !== version) return answer;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The newest networks there are, even of an older version: for views that must not wait. */
  latest(doc: vscode.TextDocument): Networks | undefined {
    const entry = this.entries.get(doc.uri.toString());
    return entry?.doc === doc ? entry.result : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.entries.clear();
  }
}
