// Completion's gaps of issue 24 item 8, through the provider the server uses: values after `input `,
// `images("…")` after `data ` with the folders inside its quotes, a space and the values after
// accepting a setting such as `optimizer` (as `loss` does), and softmax on the output layer only.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem } from 'vscode-languageserver';
import { defaultReach } from '../../../core/data/paths';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { NnCompletionProvider } from '../../../core/adapters/lsp/completion';

/** The items at the end of `line` (0-based) of `text`, the document living at `file` when given. */
function complete(text: string, line: number, file?: string): CompletionItem[] {
  const uri = file ? pathToFileURL(file).href : 'untitled:completion.nn';
  const doc = TextDocument.create(uri, 'nn', 1, text);
  const provider = new NnCompletionProvider(new Analyses((f) => defaultReach(path.dirname(f))));
  return provider.provideCompletionItems(doc, { line, character: text.split('\n')[line].length });
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

test('after `input ` completion offers n[0] (the generator\'s feature count), an image size, and the sequence and tokens inputs', () => {
  const items = complete('network a {\n  input \n  dense 1 sigmoid\n  train {\n    data moons(m: 200)\n  }\n}\n', 1);
  assert.deepEqual(labels(items), ['n[0]', '(N_H, N_W, N_C)', 'sequence(…)', 'tokens(…)']);
  assert.equal(items[2].insertText, 'sequence(steps: ${1:10}, features: ${2:3})');
  assert.equal(items[3].insertText, 'tokens(steps: ${1:25}, vocab: ${2:27})');
  assert.equal(items[0].insertText, '${1:2}', 'moons makes 2 features');
  assert.equal(items[1].insertText, '(${1:28}, ${2:28}, ${3:1})');
});

test('inside `input sequence(` completion offers the sizes not written yet', () => {
  assert.deepEqual(labels(complete('network a {\n  input sequence(\n}\n', 1)), ['steps', 'features']);
  assert.deepEqual(labels(complete('network a {\n  input tokens(steps: 5, \n}\n', 1)), ['vocab']);
});

test('after `data ` images("…") is offered beside the generators, and inside its quotes the folders', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-completion-'));
  try {
    for (const folder of ['digits/train/0', 'digits/test/0', '.hidden']) fs.mkdirSync(path.join(dir, folder), { recursive: true });
    const file = path.join(dir, 'net.nn');
    const text = (data: string) => `network a {\n  input (28, 28, 1)\n  flatten\n  dense 10 softmax\n  train {\n    ${data}\n  }\n}\n`;
    const items = complete(text('data '), 5, file);
    const images = items.find((i) => i.label === 'images');
    assert.ok(images, labels(items).join(', '));
    assert.equal(images.insertText, 'images("$1")');
    assert.equal(images.command?.command, 'editor.action.triggerSuggest', 'the folders follow at once');
    assert.deepEqual(labels(complete(text('data images("'), 5, file)), ['digits', 'digits/test', 'digits/train']);
    assert.deepEqual(labels(complete(text('test images("dig'), 5, file)), ['digits', 'digits/test', 'digits/train']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('accepting a setting writes a space after it and opens its values where it has some, as `loss` does', () => {
  const items = complete('network a {\n  input 2\n  dense 1 sigmoid\n  train {\n    \n  }\n}\n', 4);
  const optimizer = items.find((i) => i.label === 'optimizer');
  assert.equal(optimizer?.insertText, 'optimizer ');
  assert.equal(optimizer?.command?.command, 'editor.action.triggerSuggest');
  const rate = items.find((i) => i.label === 'learning_rate');
  assert.equal(rate?.insertText, 'learning_rate ');
  assert.equal(rate?.command, undefined, 'a number is typed by hand: no list to open');
  const values = labels(complete('network a {\n  input 2\n  dense 1 sigmoid\n  train {\n    optimizer \n  }\n}\n', 4));
  assert.deepEqual(values, ['gd', 'momentum', 'rmsprop', 'adam']);
});

test('softmax is offered on the output layer only', () => {
  const hidden = labels(complete('network a {\n  input 2\n  dense 4 \n  dense 3 softmax\n}\n', 2));
  assert.ok(hidden.includes('tanh') && !hidden.includes('softmax'), hidden.join(', '));
  const output = labels(complete('network a {\n  input 2\n  dense 4 tanh\n  dense 3 \n}\n', 3));
  assert.ok(output.includes('softmax'), output.join(', '));
  const conv = labels(complete('network a {\n  input (28, 28, 1)\n  conv2d 6 \n  flatten\n  dense 10 softmax\n}\n', 2));
  assert.ok(conv.includes('relu') && !conv.includes('softmax'), conv.join(', '));
});

test('a dense line takes the path of every layer: annotations in its shapes, keep_prob on a hidden layer only', () => {
  const text = 'network a {\n  input 2\n  dense 4 tanh \n  dense 1 sigmoid \n}\n';
  const hidden = complete(text, 2);
  const W = hidden.find((i) => i.label === 'W:');
  assert.equal(W?.insertText, 'W: (4, 2)');
  assert.equal(W?.detail, 'W: (4, 2)  (n[1], n[0])');
  assert.ok(labels(hidden).includes('keep_prob:'), labels(hidden).join(', '));
  const output = labels(complete(text, 3));
  assert.ok(output.includes('b:') && !output.includes('keep_prob:'), output.join(', '));
  assert.deepEqual(labels(complete('network a {\n  input 2\n  dense 4 tanh  W: (4, \n}\n', 2)), [], 'inside a shape nothing is offered');
});
