// Issue 22: completion offers spec §15's transformer encoder block as a snippet — its definition at
// the top level with d, h, f as tab stops, and its use in a network (with the definition added when
// the file has none) — through the provider the language server uses.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem } from 'vscode-languageserver';
import type { ShapeNode } from '../../../core/language/api';
import { defaultReach } from '../../../core/data/paths';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { NnCompletionProvider } from '../../../core/adapters/lsp/completion';
import { analyze, formatText } from '../../../core/language';
import { escapeBrackets } from '../../../core/services/format/markdown';
// the block's one text: what completion inserts and documents, and what the export test trains
import { ENCODER_BLOCK } from '../../../core/language/layerCompletion';

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

test('at the top level the encoder block is offered beside `network` and `block`, and expands to the block its documentation shows', () => {
  const items = complete('', 0);
  const it = items.find((i) => i.label === 'encoder');
  assert.ok(it, items.map((i) => i.label).join(', '));
  assert.equal(expand(it.insertText!).trimEnd(), ENCODER_BLOCK);
  assert.ok((it.documentation as { value: string }).value.endsWith(`\`\`\`nn\n${escapeBrackets(ENCODER_BLOCK)}\n\`\`\``), 'its documentation shows what it inserts');
  assert.equal(formatText(`${ENCODER_BLOCK}\n`), `${ENCODER_BLOCK}\n`, 'the snippet is already formatted');
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
  assert.ok(written.endsWith(`}\n\n${ENCODER_BLOCK}\n`));
  const { diagnostics, networks } = analyze(written);
  assert.deepEqual(diagnostics, []);
  // spec §15's encoder, as the checker expands it: attention in a residual, layer_norm, the
  // feed-forward pair (f relu, then d linear) in a residual, layer_norm
  const { layers, tree } = networks[0];
  const outline = (nodes: readonly ShapeNode[]): string[] => nodes.map((node) => {
    if (node.kind !== 'layer') return `${node.kind} ${node.activation?.name ?? node.name} { ${outline(node.children).join('; ')} }`;
    const { kind, output, activation, spec } = layers[node.l - 1];
    return [kind, output.kind === 'sequence' ? output.n : '?', activation.name, 'heads' in spec ? `heads ${spec.heads}` : ''].join(' ').trim();
  });
  assert.deepEqual(outline(tree!), [
    'positional_encoding 8 linear',
    'block encoder { residual linear { self_attention 8 linear heads 2 }; layer_norm 8 linear; residual linear { dense 32 relu; dense 8 linear }; layer_norm 8 linear }',
    'dense 1 linear',
  ]);
});

test('d follows an embedding above the cursor; once the file defines `encoder` its own use is offered and nothing is added twice', () => {
  const tokens = 'network t {\n  input tokens(steps: 6, vocab: 12)\n  embedding 10\n  \n  dense 12 softmax\n}\n';
  assert.equal(complete(tokens, 3).find((i) => i.label === 'encoder(d, h, f)')?.insertText, 'encoder(${1:10}, ${2:2}, ${3:40})');
  const defined = `${tokens}\n${ENCODER_BLOCK}\n`;
  const uses = complete(defined, 3).filter((i) => i.label === 'encoder(d, h, f)');
  assert.equal(uses.length, 1);
  assert.equal(uses[0].additionalTextEdits, undefined);
  assert.equal(uses[0].insertText, 'encoder(${1:d}, ${2:h}, ${3:f})');
});
