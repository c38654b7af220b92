// A plain LSP client for the tests: spawns `nn lsp --stdio` (the compiled CLI) and speaks JSON-RPC
// over its stdin/stdout, collecting the diagnostics it publishes.

import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ROOT } from '../language/helpers';

export interface Published {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number } }; message: string; code?: string; severity?: number }[];
}

/** Every server started and not yet stopped: a failed test must not leave one keeping the process alive. */
const running = new Set<ChildProcess>();

/** Kills the servers of the tests that failed before stopping theirs (call in an `after` hook). */
export function killAll(): void {
  for (const child of running) child.kill();
  running.clear();
}

export class TestClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  private readonly waiting: { ok: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  readonly published: Published[] = [];
  /** the registrations the server asked for (client/registerCapability) */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  stderr = '';

  /** `cli`: the `nn` entry point to run (default: the tsc output of core/adapters/cli/main.ts). */
  constructor(cli = path.join(ROOT, 'out', 'core', 'adapters', 'cli', 'main.js')) {
    this.child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(this.child);
    this.child.on('exit', () => running.delete(this.child));
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.published.push(p);
      for (const w of [...this.waiting]) {
        if (w.ok(p)) {
          this.waiting.splice(this.waiting.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    // The server asks for settings and registrations; a client without them answers plainly.
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.connection.listen();
  }

  async initialize(capabilities: object = {}, initializationOptions: object = {}, root = ROOT): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'nn', version, text } });
  }

  /** Replaces the whole text (a client may always send a full change). */
  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The first publication (already received or to come) for which `ok` holds. */
  diagnostics(uri: string, ok: (p: Published) => boolean = () => true, ms = 10_000): Promise<Published> {
    const test = (p: Published) => p.uri === uri && ok(p);
    const seen = this.published.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; stderr: ${this.stderr}`)), ms);
      this.waiting.push({ ok: test, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  request<T>(method: string, params: object): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  /** shutdown, exit; resolves with the exit code, or null (and kills the server) if it has not exited within 10 s. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.on('exit', (code) => resolve(code)));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 10_000)));
    const code = await Promise.race([
      (async () => {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
        return exited;
      })(),
      late,
    ]);
    clearTimeout(timer);
    if (code === null) this.child.kill();
    this.connection.dispose();
    return code;
  }
}
