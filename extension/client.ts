// The language features of .nn files come from the language server (core/adapters/lsp/server.ts, bundled as
// dist/server.js), the same one `nn lsp --stdio` serves to other editors. This starts it as a Node
// child process over IPC and tells it what only VS Code knows: whether the workspace is trusted
// (files outside it are then read, docs/limits.md "Paths"), and that code lens titles may use icons.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_OPTIONS, tell, TRUST, type InitializationOptions } from '../core/adapters/lsp/protocol';

export function startClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const options = { execArgv: SERVER_NODE_OPTIONS };
  const server: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options },
    debug: { module, transport: TransportKind.ipc, options },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'nn' }],
    initializationOptions: { trusted: vscode.workspace.isTrusted, codicons: true } satisfies InitializationOptions,
    middleware: {
      // The server names documents by URI string; the commands take a vscode.Uri (nn.trainNetwork(uri, name)).
      provideCodeLenses: async (doc, token, next) => {
        const lenses = await next(doc, token);
        for (const lens of lenses ?? []) {
          const args = lens.command?.arguments;
          if (args && typeof args[0] === 'string') args[0] = vscode.Uri.parse(args[0]);
        }
        return lenses;
      },
    },
  };
  const client = new LanguageClient('nn', 'NN Studio Language Server', server, clientOptions);
  context.subscriptions.push(
    client,
    vscode.workspace.onDidGrantWorkspaceTrust(() => void tell(client, TRUST, { trusted: true })),
  );
  return client;
}
