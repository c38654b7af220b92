// The server's end of the connection, on the transport named on the command line (`--stdio`,
// `--node-ipc`, `--socket=N`, `--pipe=NAME`), with a guard in front of the feature handlers. JSON-RPC
// prescribes replies the library does not send: a message that is not JSON gets −32700 Parse error,
// one that is no JSON-RPC object −32600 Invalid Request (both with id null), and a request without
// the params it needs (a document, a position, a range) gets −32602 InvalidParams in words — not a
// JavaScript TypeError from a handler that took its params apart.

import {
  createConnection, createServerPipeTransport, createServerSocketTransport, ErrorCodes, IPCMessageReader, IPCMessageWriter,
  ProposedFeatures, StreamMessageReader, StreamMessageWriter,
  type Connection, type DataCallback, type Disposable, type Message, type MessageReader, type MessageWriter,
} from 'vscode-languageserver/node';
import { invalidParams } from './params';

export function guardedConnection(argv: readonly string[] = process.argv.slice(2)): Connection {
  const [inner, writer] = transport(argv);
  const reader = new GuardedReader(inner, writer);
  if (argv.includes('--stdio')) {
    // What the library does for streams, which it skips for a reader: end with the client's stdin, and
    // keep stray console output off stdout, where it would corrupt the protocol.
    const end = () => process.exit(reader.shutdown ? 0 : 1);
    process.stdin.on('end', end).on('close', end);
    console.log = console.info = console.debug = console.error;
  }
  return createConnection(ProposedFeatures.all, reader, writer);
}

function transport(argv: readonly string[]): [MessageReader, MessageWriter] {
  if (argv.includes('--node-ipc')) return [new IPCMessageReader(process), new IPCMessageWriter(process)];
  const socket = argv.map((a) => /^--socket=(\d+)$/.exec(a)).find(Boolean);
  if (socket) return createServerSocketTransport(Number(socket[1]));
  const pipe = argv.map((a) => /^--pipe=(.+)$/.exec(a)).find(Boolean);
  if (pipe) return createServerPipeTransport(pipe[1]);
  return [new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout)];
}

/** Passes well-formed messages on and answers the others itself. */
class GuardedReader implements MessageReader {
  /** whether the client asked to shut down: leaving without it is exit code 1 (LSP `exit`) */
  shutdown = false;

  constructor(private readonly inner: MessageReader, private readonly writer: MessageWriter) {}

  get onError() {
    // A parse error is answered here; the connection hears of the others.
    return (listener: (e: Error) => void): Disposable => this.inner.onError((e) => {
      if (e instanceof SyntaxError) this.reply(null, ErrorCodes.ParseError, 'Parse error: the message is not valid JSON');
      else listener(e);
    });
  }

  get onClose() {
    return this.inner.onClose;
  }

  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message: Message) => {
      const m = message as unknown as Record<string, unknown>;
      if (typeof m !== 'object' || m === null || Array.isArray(m) || m.jsonrpc !== '2.0') {
        this.reply(null, ErrorCodes.InvalidRequest, 'Invalid Request: not a JSON-RPC 2.0 message object');
        return;
      }
      if (typeof m.method === 'string' && (typeof m.id === 'number' || typeof m.id === 'string')) {
        const why = invalidParams(m.method, m.params);
        if (why !== undefined) {
          this.reply(m.id, ErrorCodes.InvalidParams, why);
          return;
        }
        if (m.method === 'shutdown') this.shutdown = true;
      }
      callback(message);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }

  private reply(id: number | string | null, code: number, message: string): void {
    void this.writer.write({ jsonrpc: '2.0', id, error: { code, message } } as Message);
  }
}
