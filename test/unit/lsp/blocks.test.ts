// Spec §12 through the real language-server providers: hover on a group and on a block use, the
// inlay hint on a group's closing line, the Outline's nesting and every braced group folding.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { NnCompletionProvider } from '../../../core/adapters/lsp/completion';
import { FoldingProvider } from '../../../core/adapters/lsp/folding';
import { ShapeHoverProvider } from '../../../core/adapters/lsp/hover';
import { ShapeHintProvider } from '../../../core/adapters/lsp/inlayHints';
import { SymbolProvider } from '../../../core/adapters/lsp/symbols';
import { defaultReach } from '../../../core/data/paths';

const SOURCE = [
  'block identity(n_C) {', //               1
  '  residual relu {', //                   2
  '    conv2d n_C relu f: 3 pad: same', //  3
  '    conv2d n_C linear f: 3 pad: same', // 4
  '  }', //                                 5
  '}', //                                   6
  'network res {', //                       7
  '  input (8, 8, 4)', //                   8
  '  identity(4)', //                       9
  '  residual relu {', //                  10
  '    conv2d 8 relu f: 3 stride: 2 pad: 1', // 11
  '    shortcut { conv2d 8 linear f: 1 stride: 2 }', // 12
  '  }', //                                13
  '  flatten', //                          14
  '  dense 1 sigmoid', //                  15
  '}', //                                  16
  '',
].join('\n');

const doc = TextDocument.create('file:///tmp/blocks.nn', 'nn', 1, SOURCE);
const analyses = new Analyses(() => defaultReach('/tmp'));
const lineOf = (n: number) => SOURCE.split('\n')[n - 1];

function hoverText(line: number, word: string): string {
  const h = new ShapeHoverProvider(analyses).provideHover(doc, { line: line - 1, character: lineOf(line).indexOf(word) });
  return h ? (h.contents as { value: string }).value : '';
}

test('hover on a use shows its expansion with every layer\'s l and shapes', () => {
  const text = hoverText(9, 'identity');
  assert.match(text, /`identity\(4\)` expands to → \(m, 8, 8, 4\) · 296 parameters/);
  assert.match(text, /layer 1 `conv2d`: W \(3, 3, 4, 4\) · A \(m, 8, 8, 4\)/);
  assert.match(text, /layer 2 `conv2d`: W \(3, 3, 4, 4\) · A \(m, 8, 8, 4\)/);
});

test('hover on a residual shows its output, parameters and layers, the shortcut\'s numbered after the body\'s', () => {
  const text = hoverText(10, 'residual');
  assert.match(text, /\*\*residual\*\* → \(m, 4, 4, 8\) · 336 parameters/);
  assert.match(text, /layer 3 `conv2d`[^\n]*\n- layer 4 `conv2d`: W \(1, 1, 4, 8\)/);
  assert.match(hoverText(12, 'conv2d'), /W\[4\]/, 'a layer inside a one-line shortcut hovers as layer 4');
});

test('inlay hints: a group\'s closing line and a use\'s line show what they give', () => {
  const hints = new ShapeHintProvider(analyses).provideInlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } });
  const at = (line: number) => hints.filter((h) => h.position.line === line - 1).map((h) => h.label);
  assert.deepEqual(at(9), ['→ (m, 8, 8, 4) · 296 parameters']);
  assert.deepEqual(at(13), ['→ (m, 4, 4, 8) · 336 parameters']);
  assert.ok(at(12).includes('→ (m, 4, 4, 8) · 40 parameters'), JSON.stringify(at(12)));
});

test('the Outline nests groups, shows a use with its expanded layers (layers after them keep their l) and lists block definitions', () => {
  const [block, network] = new SymbolProvider(analyses).provideDocumentSymbols(doc);
  assert.deepEqual([block.name, block.detail, block.children?.[0].name, block.children?.[0].children?.map((c) => c.name)], ['block identity', '(n_C)', 'residual', ['layer', 'layer']]);
  const names = (symbols: { name: string; children?: unknown[] }[]): unknown[] =>
    symbols.map((s) => (s.children && s.children.length > 0 ? [s.name, names(s.children as never)] : s.name));
  assert.deepEqual(names(network.children!), ['input', ['identity(4)', ['layer 1', 'layer 2']], ['residual', ['layer 3', ['shortcut', ['layer 4']]]], 'layer 5', 'layer 6']);
});

test('every braced group folds, a block\'s and a one-line group\'s aside', () => {
  const ranges = new FoldingProvider(analyses).provideFoldingRanges(doc).map((r) => `${r.startLine + 1}-${r.endLine + 1}`);
  assert.deepEqual(ranges.sort(), ['1-5', '10-12', '2-4', '7-15'].sort());
});

test('completion offers the groups\' snippets, a block definition at file level, and each block\'s use with its parameters', () => {
  const source = `${SOURCE}\nnetwork other {\n  input (8, 8, 4)\n  \n}\n\n`;
  const d = TextDocument.create('file:///tmp/complete.nn', 'nn', 1, source);
  const provider = new NnCompletionProvider(analyses);
  const lines = source.split('\n');
  const inNetwork = provider.provideCompletionItems(d, { line: lines.indexOf('network other {') + 2, character: 2 });
  const byLabel = new Map(inNetwork.map((i) => [i.label, i]));
  assert.equal(byLabel.get('identity(n_C)')?.insertText, 'identity(${1:n_C})');
  assert.match(String(byLabel.get('residual')?.insertText), /^residual \$\{1\|relu,linear\|\} \{\n\tconv2d/);
  assert.match(String(byLabel.get('residual + shortcut')?.insertText), /\tshortcut \{ conv2d \$\{2:128\} linear f: 1 stride: 2 \}\n\}$/);
  assert.match(String(byLabel.get('concat')?.insertText), /\tbranch \{ \}\n\}$/);
  assert.ok(byLabel.has('repeat') && byLabel.has('dense'));
  const atTop = provider.provideCompletionItems(d, { line: lines.length - 1, character: 0 }).map((i) => i.label);
  assert.deepEqual(atTop, ['network', 'block', 'lenet', 'encoder']);
  const inBlock = provider.provideCompletionItems(d, { line: 2, character: 4 }).map((i) => i.label);
  assert.ok(inBlock.includes('conv2d') && inBlock.includes('residual') && !inBlock.includes('input'), inBlock.join(', '));
});
