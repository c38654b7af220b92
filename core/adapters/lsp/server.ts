// `nn lsp`: the Language Server Protocol over stdio (`--stdio`, every editor) or Node IPC
// (`--node-ipc`, the VS Code extension). This file only wires the protocol to the feature modules
// beside it, each of which turns the core's analysis into one kind of LSP result (spec §11).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyses } from './analyses';
import { QuickFixProvider } from './codeActions';
import { NetworkLensProvider } from './codeLens';
import { NnCompletionProvider } from './completion';
import { Diagnostics } from './diagnostics';
import { FoldingProvider } from './folding';
import { FormattingProvider } from './formatting';
import { ShapeHoverProvider } from './hover';
import { ShapeHintProvider } from './inlayHints';
import { answer, DID_ANALYZE, listen, NETWORKS, SHAPES, tell, TRUST, type InitializationOptions } from './protocol';
import { Workspace } from './reach';
import { Settings } from './settings';
import { shapesOf } from './shapes';
import { SizeLimit } from './sizeLimit';
import { SymbolProvider } from './symbols';
import { guardedConnection } from './transport';
import { ReferencedFileWatcher } from './watcher';

/** Serves one client until it exits. The transport comes from the command line (`--stdio`, `--node-ipc`). */
export function startServer(connection: Connection = guardedConnection()): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace([], true);
  let watcher: ReferencedFileWatcher | undefined;
  let settings = new Settings(connection, false);
  const analyses = new Analyses((file) => workspace.reach(file), {
    analyzed: (doc) => {
      watcher?.sync();
      void tell(connection, DID_ANALYZE, { uri: doc.uri, version: doc.version });
    },
    loaded: (uris) => recheck(uris),
  });
  const diagnostics = new Diagnostics(analyses, {
    publish: (uri, version, list) => void connection.sendDiagnostics({ uri, version, diagnostics: list }),
    debounceMs: (uri) => settings.debounceMs(uri),
  }, docsPage());
  const hover = new ShapeHoverProvider(analyses);
  const completion = new NnCompletionProvider(analyses);
  const hints = new ShapeHintProvider(analyses);
  const fixes = new QuickFixProvider(analyses);
  const symbols = new SymbolProvider(analyses);
  const folding = new FoldingProvider(analyses);
  const formatting = new FormattingProvider();
  let lenses = new NetworkLensProvider(analyses, false);
  const size = new SizeLimit((uri, version, list) => void connection.sendDiagnostics({ uri, version, diagnostics: list }));
  /** An open document within the size limit: others are not analysed, and requests on them get nothing. */
  const open = (uri: string) => size.within(documents.get(uri));

  /** Checks the open documents among `uris` again. */
  function recheck(uris: string[]): void {
    for (const uri of uris) {
      const doc = open(uri);
      if (doc) diagnostics.check(doc);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    workspace.folders = params.workspaceFolders ?? [];
    workspace.trusted = options.trusted ?? true;
    const caps = params.capabilities;
    settings = new Settings(connection, caps.workspace?.configuration === true);
    lenses = new NetworkLensProvider(analyses, options.codicons === true);
    watcher = new ReferencedFileWatcher(connection, analyses, {
      dynamic: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      relative: caps.workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
    }, recheck);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: NnCompletionProvider.triggers },
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: QuickFixProvider.kinds },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'nn lsp' },
    };
  });

  connection.onInitialized(() => {
    if (settings.pulled) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'nnStudio' });
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      workspace.folders = [...workspace.folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)), ...e.added];
      recheck(analyses.forgetAll());
    });
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    // The views that a setting turns off ask again.
    void connection.languages.inlayHint.refresh().catch(() => undefined);
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  });

  listen(connection, TRUST, ({ trusted }) => {
    workspace.trusted = trusted;
    recheck(analyses.forgetAll());
  });

  documents.onDidOpen(({ document }) => size.admits(document) && diagnostics.check(document));
  documents.onDidChangeContent(({ document }) => size.admits(document) && void diagnostics.schedule(document, () => open(document.uri)));
  documents.onDidClose(({ document }) => diagnostics.clear(document));

  connection.onHover(({ textDocument, position }) => withDoc(open(textDocument.uri), (doc) => hover.provideHover(doc, position)));
  connection.onCompletion(({ textDocument, position }) => withDoc(open(textDocument.uri), (doc) => completion.provideCompletionItems(doc, position)) ?? []);
  connection.languages.inlayHint.on(async ({ textDocument, range }) => {
    const doc = open(textDocument.uri);
    return doc && (await settings.flag(doc.uri, 'inlayHints.enabled')) ? hints.provideInlayHints(doc, range) : [];
  });
  connection.onCodeAction(({ textDocument, range, context }) => withDoc(open(textDocument.uri), (doc) => fixes.provideCodeActions(doc, range, context)) ?? []);
  connection.onDocumentSymbol(({ textDocument }) => withDoc(open(textDocument.uri), (doc) => symbols.provideDocumentSymbols(doc)) ?? []);
  connection.onFoldingRanges(({ textDocument }) => withDoc(open(textDocument.uri), (doc) => folding.provideFoldingRanges(doc)) ?? []);
  connection.onDocumentFormatting(({ textDocument }) => withDoc(open(textDocument.uri), (doc) => formatting.provideDocumentFormattingEdits(doc)) ?? []);
  connection.onCodeLens(async ({ textDocument }) => {
    const doc = open(textDocument.uri);
    return doc && (await settings.flag(doc.uri, 'codeLens.enabled')) ? lenses.provideCodeLenses(doc) : [];
  });
  answer(connection, NETWORKS, ({ uri }) => {
    const doc = open(uri);
    return doc ? { version: doc.version, networks: analyses.get(doc).networks } : { networks: [] };
  });
  answer(connection, SHAPES, (params) => {
    const doc = open(params.uri);
    return doc ? { version: doc.version, ...shapesOf(analyses.get(doc).networks, params) } : {};
  });

  connection.onShutdown(() => {
    diagnostics.dispose();
    watcher?.dispose();
  });
  documents.listen(connection);
  connection.listen();
}

/** Runs `provide` on an open document; a request for a document the client never opened gets nothing. */
function withDoc<T>(doc: TextDocument | undefined, provide: (doc: TextDocument) => T): T | undefined {
  return doc ? provide(doc) : undefined;
}

/** docs/diagnostics.md of this installation: beside dist/ in the extension and the npm package. */
function docsPage(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const page = path.join(dir, 'docs', 'diagnostics.md');
    if (fs.existsSync(page)) return page;
    if (path.dirname(dir) === dir) return undefined;
  }
}
