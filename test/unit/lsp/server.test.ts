// The language server through a plain JSON-RPC client over stdio, as any editor starts it.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../language/helpers';
import { ask, DID_ANALYZE, listen, NETWORKS, SHAPES, type DidAnalyzeParams } from '../../../core/adapters/lsp/protocol';
import { analyze } from '../../../core/language';
import { checkedFootprint, describeNeed } from '../../../core/language/memory';
import { formatShapesTable } from '../../../core/services/format/shapesTable';
import { shapesJson } from '../../../core/services/format/shapesJson';
import { killAll, TestClient } from './client';

const BROKEN = path.join(ROOT, 'examples', 'broken', 'broken.nn');
const brokenUri = pathToFileURL(BROKEN).href;
const brokenText = fs.readFileSync(BROKEN, 'utf8');

after(killAll);

interface MarkupHover { contents: { kind: string; value: string }; range?: unknown }

describe('nn lsp --stdio', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize();
    await client.open(brokenUri, brokenText);
  });
  after(async () => {
    assert.equal(await client.stop(), 0, 'exits cleanly after shutdown and exit');
  });

  test('announces every language feature', async () => {
    const other = new TestClient();
    const { capabilities } = (await other.initialize()) as { capabilities: Record<string, unknown> };
    for (const feature of ['hoverProvider', 'completionProvider', 'inlayHintProvider', 'codeActionProvider', 'documentSymbolProvider',
      'foldingRangeProvider', 'documentFormattingProvider', 'codeLensProvider']) {
      assert.ok(capabilities[feature], feature);
    }
    await other.stop();
  });

  test('pushes the broken example\'s NN301 on line 5, with a link to its explanation', async () => {
    const { diagnostics } = await client.diagnostics(brokenUri);
    const d = diagnostics.find((x) => x.code === 'NN301');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.equal(d.range.start.line + 1, 5);
    assert.match(d.message, /W\[2\] must be \(n\[2\], n\[1\]\) = \(1, 4\), not \(1, 3\)/);
    const link = (d as { codeDescription?: { href: string } }).codeDescription?.href;
    assert.match(link ?? '', /docs\/diagnostics\.md#L\d+$/);
  });

  test('hover on a dense line is the table of its matrices', async () => {
    const hover = await client.request<MarkupHover>('textDocument/hover', { textDocument: { uri: brokenUri }, position: { line: 3, character: 4 } });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /\*\*Layer 1\*\* of `broken`/);
    assert.match(hover.contents.value, /\| W\\\[1\\\], dW\\\[1\\\] \| `\(n\[1\], n\[0\]\) = \(4, 2\)` \|/);
    assert.match(hover.contents.value, /\| Z\\\[1\\\], A\\\[1\\\], dZ\\\[1\\\] \| `\(n\[1\], m\) = \(4, 400\)` \|/);
  });

  test('completion after `dense 4 ` offers the activations', async () => {
    const uri = 'untitled:completion.nn';
    await client.open(uri, 'network n {\n  input 2\n  dense 4 \n}\n');
    const items = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 10 } });
    const labels = items.map((i) => i.label);
    for (const name of ['relu', 'tanh', 'sigmoid', 'softmax']) assert.ok(labels.includes(name), `${name} in ${labels}`);
  });

  test('the quick fix writes the right shape', async () => {
    const { diagnostics } = await client.diagnostics(brokenUri);
    const nn301 = diagnostics.find((x) => x.code === 'NN301')!;
    const actions = await client.request<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: brokenUri }, range: nn301.range, context: { diagnostics: [nn301] },
    });
    const edits = actions.flatMap((a) => a.edit.changes[brokenUri]);
    assert.ok(edits.some((e) => e.newText === '(1, 4)'), JSON.stringify(actions));
  });

  test('document symbols: the network and its layers', async () => {
    const symbols = await client.request<{ name: string; children: { name: string; detail: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: brokenUri } });
    assert.deepEqual(symbols.map((s) => s.name), ['broken']);
    assert.deepEqual(symbols[0].children.map((c) => c.name), ['input', 'layer 1', 'layer 2', 'train']);
  });

  test('formatting returns the canonical layout as one edit', async () => {
    const uri = 'untitled:format.nn';
    await client.open(uri, 'network n {\ninput 2\n     dense 1 sigmoid\n}\n');
    const edits = await client.request<{ newText: string }[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.equal(edits.length, 1);
    assert.equal(edits[0].newText, 'network n {\n  input 2\n  dense 1 sigmoid\n}\n');
  });

  test('inlay hints, folding ranges and code lenses (plain titles for other editors)', async () => {
    const hints = await client.request<{ label: string; position: { line: number } }[]>('textDocument/inlayHint', {
      textDocument: { uri: brokenUri }, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
    });
    assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[3, 'W (4, 2) · b (4, 1)'], [4, 'b (1, 1)']]);
    const folds = await client.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri: brokenUri } });
    assert.ok(folds.some((f) => f.startLine === 1 && f.endLine === 8), JSON.stringify(folds));
    const lenses = await client.request<{ command: { title: string; command: string } }[]>('textDocument/codeLens', { textDocument: { uri: brokenUri } });
    assert.equal(lenses[0].command.title, 'Train');
    assert.equal(lenses[0].command.command, 'nn.trainNetwork');
  });

  test('a change is checked again: fixing the shape clears NN301', async () => {
    await client.change(brokenUri, brokenText.replace('W: (1, 3)', 'W: (1, 4)'), 2);
    const { diagnostics } = await client.diagnostics(brokenUri, (p) => p.version === 2);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'NN301'), []);
  });

  test('the custom messages typed in core/adapters/lsp/protocol.ts: nn/didAnalyze announces a version, nn/networks answers for it', async () => {
    const uri = pathToFileURL(path.join(ROOT, 'examples', 'planar.nn')).href;
    const analysed = new Promise<DidAnalyzeParams>((resolve) => listen(client.connection, DID_ANALYZE, (p) => p.uri === uri && resolve(p)));
    await client.open(uri, fs.readFileSync(path.join(ROOT, 'examples', 'planar.nn'), 'utf8'), 7);
    assert.deepEqual(await analysed, { uri, version: 7 });
    const { version, networks } = await ask(client.connection, NETWORKS, { uri });
    assert.equal(version, 7);
    assert.deepEqual(networks.map((n) => [n.name, n.params, n.layers.map((l) => l.index)]), [['planar', 17, [1, 2]]]);
    // the engine's footprint comes with the resolved network: the extension never counts it again
    const [planar] = analyze(fs.readFileSync(path.join(ROOT, 'examples', 'planar.nn'), 'utf8'), { files: null }).networks;
    const engine = checkedFootprint(planar.layers, planar.spec!.train, planar.m);
    assert.deepEqual(networks[0].footprint, { bytes: engine.bytes, need: describeNeed(engine) });
    assert.match(networks[0].footprint!.need, /^about [\d.]+ kB of memory, most of it for /);
    assert.deepEqual(await ask(client.connection, NETWORKS, { uri: 'file:///not-open.nn' }), { networks: [] });
  });

  test('nn/shapes answers with the `nn shapes` table and JSON of the network named, else around the position, else the first', async () => {
    const uri = 'file:///two-networks.nn';
    const text = 'network a {\n  input 2\n  dense 1 sigmoid\n}\n\nnetwork b {\n  input 3\n  dense 4 relu\n  dense 1 sigmoid\n}\n';
    await client.open(uri, text, 3);
    const [infoA, infoB] = analyze(text).networks;
    const [a, b] = [infoA, infoB].map(formatShapesTable);
    assert.match(b, /\(4, 3\)/);
    // The diagram's data: `nn shapes --json`, X's shape, each layer's 1-based line and input.
    const B = { version: 3, network: 'b', table: b, json: JSON.parse(JSON.stringify(shapesJson(infoB))), X: [3, 'm'], lines: [8, 9], inputs: [[3, 'm'], [4, 'm']] };
    assert.deepEqual(await ask(client.connection, SHAPES, { uri, name: 'b' }), B);
    assert.deepEqual(await ask(client.connection, SHAPES, { uri, position: { line: 7, character: 4 } }), B);
    assert.deepEqual(await ask(client.connection, SHAPES, { uri }), { version: 3, network: 'a', table: a, json: JSON.parse(JSON.stringify(shapesJson(infoA))), X: [2, 'm'], lines: [3], inputs: [[2, 'm']] });
    assert.deepEqual(await ask(client.connection, SHAPES, { uri, name: 'c' }), { version: 3 });
    assert.deepEqual(await ask(client.connection, SHAPES, { uri: 'file:///not-open.nn' }), {});
  });
});

describe('nn lsp: referenced files', () => {
  test('a CSV that changes on disk re-checks the document that reads it (the server watches when the client cannot)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-lsp-'));
    const csv = path.join(dir, 'data.csv');
    fs.writeFileSync(csv, 'x1,x2,y\n1,2,0\n3,4,1\n');
    const file = path.join(dir, 'net.nn');
    const uri = pathToFileURL(file).href;
    const client = new TestClient();
    await client.initialize({}, {}, dir);
    await client.open(uri, 'network n {\n  input 2\n  dense 1 sigmoid\n  train {\n    data "data.csv"\n  }\n}\n');
    const first = await client.diagnostics(uri);
    assert.deepEqual(first.diagnostics.filter((d) => d.severity === 1), [], 'two features fit input 2');
    fs.writeFileSync(csv, 'x1,x2,x3,y\n1,2,3,0\n');
    // The watcher may see the write half done (an empty file): wait for the check of the whole file.
    const second = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'NN503'));
    assert.deepEqual(second.diagnostics.map((d) => d.code), ['NN503']);
    assert.match(second.diagnostics[0].message, /data\.csv has 4 columns/);
    await client.stop();
  });

  test('a client with file watching is asked to watch each referenced file, and its change events re-check', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-lsp-'));
    const csv = path.join(dir, 'data.csv');
    fs.writeFileSync(csv, '1,2,0\n3,4,1\n');
    const uri = pathToFileURL(path.join(dir, 'net.nn')).href;
    const client = new TestClient();
    await client.initialize({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } }, {}, dir);
    await client.open(uri, 'network n {\n  input 2\n  dense 1 sigmoid\n  train {\n    data "data.csv"\n  }\n}\n');
    await client.diagnostics(uri);
    const watchers = () => client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r) => (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers.map((w) => w.globPattern));
    for (let i = 0; i < 100 && watchers().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(watchers(), [{ baseUri: pathToFileURL(dir).href, pattern: 'data.csv' }]);
    // Written where the server cannot see it happen but through the client's notification.
    fs.writeFileSync(csv, '1,2,3,0\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(csv).href, type: 2 }] });
    const after = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'NN503'));
    assert.match(after.diagnostics[0].message, /data\.csv has 4 columns/);
    await client.stop();
  });

  test('in an untrusted workspace a file outside it is not read (NN512)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-lsp-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-lsp-outside-'));
    fs.writeFileSync(path.join(outside, 'data.csv'), '1,2,0\n');
    const uri = pathToFileURL(path.join(dir, 'net.nn')).href;
    const client = new TestClient();
    await client.initialize({}, { trusted: false }, dir);
    await client.open(uri, `network n {\n  input 2\n  dense 1 sigmoid\n  train {\n    data "${path.join(outside, 'data.csv')}"\n  }\n}\n`);
    const { diagnostics } = await client.diagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'NN512'), JSON.stringify(diagnostics));
    await client.stop();
  });
});
