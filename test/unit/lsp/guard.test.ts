// The language server against hostile clients (docs/limits.md, "The language server"): a document over
// the 8 MB limit, a message that is not JSON, a request without its params. Each through the real
// server process over stdio.

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { ROOT } from '../language/helpers';
import { killAll, TestClient } from './client';

after(killAll);

interface MarkupHover { contents: { kind: string; value: string } }

const SMALL = 'network n {\n  input 2\n  dense 4 relu\n  dense 1 sigmoid\n}\n';

describe('nn lsp: document size limit', () => {
  test('a 50 MB document gets one diagnostic on line 1 and no analysis; the server answers a hover afterwards', async () => {
    const client = new TestClient();
    await client.initialize();
    // Thousands of well-formed networks: analysing them would take minutes and gigabytes.
    const big = SMALL.repeat(Math.ceil((50 * 1024 * 1024) / SMALL.length) + 1);
    assert.ok(big.length > 50 * 1024 * 1024);
    const bigUri = 'untitled:big.nn';
    await client.open(bigUri, big);
    const { diagnostics } = await client.diagnostics(bigUri, () => true, 60_000);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0].code, 'NN501');
    assert.equal(diagnostics[0].range.start.line, 0);
    assert.match(diagnostics[0].message, /50\.\d MB, more than the 8 MB limit for \.nn files/);
    // No language feature runs on it.
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: bigUri }, position: { line: 2, character: 4 } }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: bigUri } }), []);

    const smallUri = 'untitled:small.nn';
    await client.open(smallUri, SMALL);
    const hover = await client.request<MarkupHover>('textDocument/hover', { textDocument: { uri: smallUri }, position: { line: 2, character: 4 } });
    assert.match(hover.contents.value, /\*\*Layer 1\*\* of `n`/);

    // Cut below the limit, the same document is checked as usual.
    await client.change(bigUri, SMALL, 2);
    const smaller = await client.diagnostics(bigUri, (p) => p.version === 2, 60_000);
    assert.deepEqual(smaller.diagnostics, []);
    assert.equal(await client.stop(), 0);
  });

  test('the limit counts UTF-8 bytes, as the CLI does: 3 million three-byte characters are over it', async () => {
    const client = new TestClient();
    await client.initialize();
    const uri = 'untitled:wide.nn';
    await client.open(uri, `# ${'€'.repeat(3_000_000)}\n${SMALL}`);
    const { diagnostics } = await client.diagnostics(uri, () => true, 60_000);
    assert.deepEqual(diagnostics.map((d) => d.code), ['NN501']);
    assert.match(diagnostics[0].message, /8\.6 MB, more than the 8 MB limit/);
    assert.equal(await client.stop(), 0);
  });
});

describe('nn lsp: malformed messages', () => {
  test('invalid JSON gets a −32700 Parse error reply (id null), and the server goes on', async () => {
    const replies = await rawSession(['{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}', '{"jsonrpc": "2.0", "id": 2, "method":', '{"jsonrpc": "2.0", "id": 3, "method": "shutdown"}'], 3);
    const parse = replies.find((r) => r.error?.code === -32700);
    assert.ok(parse, JSON.stringify(replies));
    assert.equal(parse.id, null);
    assert.match(parse.error!.message, /Parse error/);
    assert.ok(replies.some((r) => r.id === 3 && 'result' in r), 'answers the request after it');
  });

  test('a message that is JSON but no JSON-RPC object gets −32600 Invalid Request', async () => {
    const replies = await rawSession(['{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}', '[1, 2]', '{"jsonrpc": "2.0", "id": 3, "method": "shutdown"}'], 3);
    const invalid = replies.find((r) => r.error?.code === -32600);
    assert.ok(invalid, JSON.stringify(replies));
    assert.equal(invalid.id, null);
  });

  test('hover with null params, or a position that is no position, is InvalidParams in words, never a TypeError', async () => {
    const client = new TestClient();
    await client.initialize();
    await client.open('untitled:a.nn', SMALL);
    const bad: [string, unknown][] = [
      ['textDocument/hover', null],
      ['textDocument/hover', { textDocument: { uri: 'untitled:a.nn' } }],
      ['textDocument/completion', { textDocument: { uri: 'untitled:a.nn' }, position: { line: -1, character: 'x' } }],
      ['textDocument/inlayHint', { textDocument: { uri: 'untitled:a.nn' } }],
      ['textDocument/codeAction', { textDocument: { uri: 'untitled:a.nn' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
      ['textDocument/documentSymbol', { textDocument: null }],
      ['nn/networks', [1]],
    ];
    for (const [method, params] of bad) {
      await assert.rejects(client.connection.sendRequest(method, params), (e: { code: number; message: string }) => {
        assert.equal(e.code, -32602, `${method}: ${e.message}`);
        assert.doesNotMatch(e.message, /TypeError|Cannot (read|destructure)|undefined/);
        assert.match(e.message, new RegExp(`^${method.replace('/', '\\/')} needs`));
        return true;
      });
    }
    const hover = await client.request<MarkupHover>('textDocument/hover', { textDocument: { uri: 'untitled:a.nn' }, position: { line: 2, character: 4 } });
    assert.match(hover.contents.value, /Layer 1/);
    assert.equal(await client.stop(), 0);
  });
});

interface RawReply { id: number | null; result?: unknown; error?: { code: number; message: string } }

/** Writes each body as one framed message to a fresh `nn lsp --stdio`; resolves with the first `count` replies. */
function rawSession(bodies: string[], count: number): Promise<RawReply[]> {
  const child = spawn(process.execPath, [path.join(ROOT, 'out', 'core', 'adapters', 'cli', 'main.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const replies: RawReply[] = [];
  let buffer = Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    // A server that never answers fails the test instead of hanging it.
    const timer = setTimeout(() => (child.kill(), reject(new Error(`${replies.length} of ${count} replies: ${JSON.stringify(replies)}`))), 20_000);
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) after ${JSON.stringify(replies)}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())![1]);
        if (buffer.length < end + 4 + length) return;
        const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString()) as RawReply & { method?: string };
        buffer = buffer.subarray(end + 4 + length);
        if (message.method === undefined) replies.push(message);
        if (replies.length === count) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          child.kill();
          resolve(replies);
        }
      }
    });
    for (const body of bodies) child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}
