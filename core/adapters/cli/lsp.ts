// `nn lsp --stdio`: the language server (spec §11) for any editor's LSP client. The process lives
// until the client sends `exit` (or closes stdin); nothing else may be written to stdout.

import { spawn } from 'node:child_process';
import { UsageError } from './args';
import { SERVER_NODE_OPTIONS } from '../lsp/protocol';
import { startServer } from '../lsp/server';

export const LSP_USAGE = 'nn lsp --stdio';
/** The transports vscode-languageserver reads from the command line. */
const TRANSPORT = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;

export function run(argv: string[]): Promise<number> {
  const unknown = argv.find((a) => !TRANSPORT.test(a));
  if (unknown !== undefined) throw new UsageError(`unknown option '${unknown}'`);
  if (argv.length !== 1) throw new UsageError('give one transport: --stdio');
  const missing = SERVER_NODE_OPTIONS.filter((o) => !process.execArgv.includes(o));
  if (missing.length > 0) {
    // Node reads heap options only at start: run the server in a Node started with them, on our stdio.
    const child = spawn(process.execPath, [...process.execArgv, ...missing, ...process.argv.slice(1)], { stdio: 'inherit' });
    // An editor that stops the server signals this process: pass it on.
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
    return new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  }
  startServer();
  // The connection ends the process on `exit`; until then the server runs.
  return new Promise<number>(() => undefined);
}
