// `nn lsp --stdio`: the language server (spec §11) for any editor's LSP client. The process lives
// until the client sends `exit` (or closes stdin); nothing else may be written to stdout.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { UsageError } from './args';
import { startServer } from '../lsp/server';

export const LSP_USAGE = 'nn lsp --stdio';
/** The transports vscode-languageserver reads from the command line. */
const TRANSPORT = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;

export function run(argv: string[]): Promise<number> {
  const unknown = argv.find((a) => !TRANSPORT.test(a));
  if (unknown !== undefined) throw new UsageError(`unknown option '${unknown}'`);
  if (argv.length !== 1) throw new UsageError('give one transport: --stdio');
  startServer(createConnection(ProposedFeatures.all));
  // The connection ends the process on `exit`; until then the server runs.
  return new Promise<number>(() => undefined);
}
