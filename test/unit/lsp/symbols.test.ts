// The Outline: every layer kind by one path. By the hover's rule, a layer from column vectors to
// column vectors reads as course 1 writes it, a layer on volumes names its kind; a layer the checker
// could not resolve shows the words of its line.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { SymbolProvider } from '../../../core/adapters/lsp/symbols';
import { defaultReach } from '../../../core/data/paths';

function layers(source: string): { name: string; detail?: string }[] {
  const doc = TextDocument.create('file:///tmp/outline.nn', 'nn', 1, source);
  const [network] = new SymbolProvider(new Analyses(() => defaultReach('/tmp'))).provideDocumentSymbols(doc);
  return network.children!.filter((c) => c.name.startsWith('layer')).map(({ name, detail }) => ({ name, detail }));
}

test('a layer on volumes names its kind, a layer on column vectors reads as course 1 writes it', () => {
  const source = ['network lenet {', '  input (28, 28, 1)', '  conv2d 6 relu f: 5', '  max_pool f: 2', '  flatten',
    '  dense 16 relu', '  dense 10 softmax', '}', ''].join('\n');
  assert.deepEqual(layers(source), [
    { name: 'layer 1', detail: 'conv2d · W (5, 5, 1, 6) · A (m, 24, 24, 6)' },
    { name: 'layer 2', detail: 'max_pool · A (m, 12, 12, 6)' },
    { name: 'layer 3', detail: 'flatten · A (864, m)' },
    { name: 'layer 4', detail: '16 relu W (16, 864)' },
    { name: 'layer 5', detail: '10 softmax W (10, 16)' },
  ]);
});

test('a layer whose shapes are unknown shows what its line says, whatever its kind', () => {
  const source = ['network broken {', '  input (28, 28, 1)', '  conv2d 6 relu f: 50', '  flatten', '  dense 4 relu', '}', ''].join('\n');
  assert.deepEqual(layers(source).map((x) => x.detail), ['conv2d 6 relu', 'flatten', 'dense 4 relu']);
});
