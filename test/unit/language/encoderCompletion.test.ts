// Issue 22: completion offers spec §15's transformer encoder block as a snippet — its definition at
// the top level with d, h, f as tab stops, and its use in a network (with the definition added when
// the file has none) — through the provider the language server uses.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem } from 'vscode-languageserver';
import { defaultReach } from '../../../core/data/paths';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { NnCompletionProvider } from '../../../core/adapters/lsp/completion';
import { analyze, formatText } from '../../../core/language';

/** Spec §15's text of the block, as the spec prints it. */
const SPEC_BLOCK = `block encoder(d, h, f) {
  residual linear { self_attention heads: h }
  layer_norm
  residual linear {
    dense f relu
    dense d linear
  }
  layer_norm
}`;

function complete(text: string, line: number): CompletionItem[] {
  const doc = TextDocument.create('untitled:encoder.nn', 'nn', 1, text);
  const provider = new NnCompletionProvider(new Analyses(() => defaultReach('/')));
  return provider.provideCompletionItems(doc, { line, character: text.split('\n')[line].length });
}

/** A snippet with each tab stop given `values[stop]` (its placeholder when absent), `$0` dropped. */
function expand(snippet: string, values: Record<number, string> = {}): string {
  return snippet.replace(/\$\{(\d+):([^}]*)\}/g, (_m, n: string, placeholder: string) => values[Number(n)] ?? placeholder).replace(/\$0/g, '');
}

/** Applies an item as an editor does: its text at the cursor (line, end of line), its additional edits (at the end here) after. */
function accept(text: string, line: number, it: CompletionItem, values: Record<number, string> = {}): string {
  const lines = text.split('\n');
  lines[line] += expand(it.insertText!, values);
  let out = lines.join('\n');
  for (const e of it.additionalTextEdits ?? []) {
    assert.deepEqual(e.range.start, TextDocument.create('u', 'nn', 1, text).positionAt(text.length), 'the definition goes at the end of the file');
    out += e.newText;
  }
  return out;
}

test('at the top level the encoder block is offered beside `network` and `block`, and expands to the spec\'s text', () => {
  const items = complete('', 0);
  const it = items.find((i) => i.label === 'encoder');
  assert.ok(it, items.map((i) => i.label).join(', '));
  assert.equal(expand(it.insertText!).trimEnd(), SPEC_BLOCK);
  assert.equal(formatText(`${SPEC_BLOCK}\n`), `${SPEC_BLOCK}\n`, 'the snippet is already formatted');
});

test('the snippet\'s tab stops are the name and d, h, f, each use in the body following its parameter', () => {
  const it = complete('', 0).find((i) => i.label === 'encoder')!;
  assert.match(it.insertText!, /^block \$\{1:encoder\}\(\$\{2:d\}, \$\{3:h\}, \$\{4:f\}\) \{/);
  const renamed = expand(it.insertText!, { 1: 'layer', 2: 'd_model', 3: 'heads', 4: 'd_ff' });
  assert.match(renamed, /self_attention heads: heads \}/);
  assert.match(renamed, /dense d_ff relu\n {4}dense d_model linear/);
});

test('in a network the use is offered with d from the sequence at the cursor, and brings the definition; the result checks clean', () => {
  const text = 'network t {\n  input sequence(steps: 6, features: 8)\n  positional_encoding\n  \n  dense 1 linear\n}\n';
  const it = complete(text, 3).find((i) => i.label === 'encoder(d, h, f)');
  assert.ok(it);
  assert.equal(it.insertText, 'encoder(${1:8}, ${2:2}, ${3:32})');
  const written = accept(text, 3, it);
  assert.match(written, /\n {2}encoder\(8, 2, 32\)\n/);
  assert.ok(written.endsWith(`}\n\n${SPEC_BLOCK}\n`));
  const { diagnostics, networks } = analyze(written);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(networks[0].layers.map((l) => l.kind), ['positional_encoding', 'self_attention', 'layer_norm', 'dense', 'dense', 'layer_norm', 'dense']);
});

test('d follows an embedding above the cursor; once the file defines `encoder` its own use is offered and nothing is added twice', () => {
  const tokens = 'network t {\n  input tokens(steps: 6, vocab: 12)\n  embedding 10\n  \n  dense 12 softmax\n}\n';
  assert.equal(complete(tokens, 3).find((i) => i.label === 'encoder(d, h, f)')?.insertText, 'encoder(${1:10}, ${2:2}, ${3:40})');
  const defined = `${tokens}\n${SPEC_BLOCK}\n`;
  const uses = complete(defined, 3).filter((i) => i.label === 'encoder(d, h, f)');
  assert.equal(uses.length, 1);
  assert.equal(uses[0].additionalTextEdits, undefined);
  assert.equal(uses[0].insertText, 'encoder(${1:d}, ${2:h}, ${3:f})');
});
