import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeAll, openFile, openText, PLANAR } from './helpers';
import { LENET, rendered } from './hover.test';

/**
 * Every completion item VS Code offers at the end of line `line` (0-based) of `content`, or at
 * `character` of it: the extension's and any snippets, not the words of the document.
 */
async function itemsAt(content: string, line: number, trigger?: string, character?: number): Promise<vscode.CompletionItem[]> {
  const doc = await openText(content);
  const position = character === undefined ? doc.lineAt(line).range.end : new vscode.Position(line, character);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, trigger);
  return list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text);
}

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

async function labelsAt(content: string, line: number, trigger?: string, character?: number): Promise<string[]> {
  return (await itemsAt(content, line, trigger, character)).map(labelOf);
}

function assertUnique(labels: string[]): void {
  assert.deepEqual(labels.filter((l, i) => labels.indexOf(l) !== i), [], `each label once in ${labels}`);
}

/** PLANAR with line `line` (0-based) replaced by `text`. */
function withLine(line: number, text: string): string {
  const lines = PLANAR.split('\n');
  lines[line] = text;
  return lines.join('\n');
}

export function completionTests(): void {
  suite('completion', () => {
    suiteSetup(activate);
    teardown(closeAll);

    test('statement keywords inside a network, not training settings', async () => {
      const labels = await labelsAt(withLine(6, '  '), 6);
      for (const k of ['input', 'dense', 'loss', 'train']) assert.ok(labels.includes(k), `${k} in ${labels}`);
      assert.ok(!labels.includes('learning_rate'));
    });

    test('conv lines: the layer keywords, activations after conv2d N_C, the options, same/valid after pad:', async () => {
      const lines = LENET.split('\n');
      const withLenetLine = (text: string) => [...lines.slice(0, 3), text, ...lines.slice(3)].join('\n');
      const keywords = await labelsAt(withLenetLine('  '), 3);
      for (const k of ['conv2d', 'max_pool', 'avg_pool', 'flatten']) assert.ok(keywords.includes(k), `${k} in ${keywords}`);
      assert.ok((await labelsAt(withLenetLine('  conv2d 6 '), 3, ' ')).includes('relu'));
      const options = await labelsAt(withLenetLine('  conv2d 6 relu f: 5 '), 3, ' ');
      assert.ok(options.includes('stride:') && options.includes('pad:') && !options.includes('f:'), `${options}`);
      assert.deepEqual(await labelsAt(withLenetLine('  conv2d 6 relu f: 3 pad: '), 3, ' '), ['same', 'valid']);
      const conv = (await itemsAt(LENET.replace('conv2d 6 relu f: 5', 'conv2d 6 relu f: 5 '), 2, ' ')).find((i) => labelOf(i) === 'W:');
      assert.equal((conv?.insertText as vscode.SnippetString | undefined)?.value, 'W: (5, 5, 1, 6)');
      assert.ok((await labelsAt(`${LENET}\n`, LENET.split('\n').length)).includes('lenet'), 'a LeNet-5 network at the top level');
    });

    test('`network` at the top level', async () => {
      const labels = await labelsAt(`${PLANAR}\n`, PLANAR.split('\n').length);
      assert.ok(labels.includes('network'));
      assert.ok(!labels.includes('dense'));
    });

    test('one item per keyword, and only where it fits: no snippet beside it or outside its place', async () => {
      const top = await labelsAt(`${PLANAR}\n`, PLANAR.split('\n').length);
      assertUnique(top);
      for (const misplaced of ['dense', 'train', 'input', 'loss']) assert.ok(!top.includes(misplaced), `${misplaced} in ${top}`);
      const inNetwork = await itemsAt(withLine(6, '  '), 6);
      assertUnique(inNetwork.map(labelOf));
      assert.ok(!inNetwork.map(labelOf).includes('network'));
      const dense = inNetwork.find((i) => labelOf(i) === 'dense')!;
      assert.match((dense.insertText as vscode.SnippetString).value, /^dense \$\{1:4\} \$\{2\|relu,/, 'the layer, with tab stops');
      const inTrain = await labelsAt(withLine(12, '    '), 12);
      assertUnique(inTrain);
      for (const misplaced of ['network', 'dense', 'train', 'input']) assert.ok(!inTrain.includes(misplaced), `${misplaced} in ${inTrain}`);
    });

    test('`network` writes a whole network, its lines indented by tabs that VS Code turns into the editor\'s indentation', async () => {
      const network = (await itemsAt(`${PLANAR}\n`, PLANAR.split('\n').length)).find((i) => labelOf(i) === 'network')!;
      assert.match((network.insertText as vscode.SnippetString).value, /^network \$\{1:name\} \{\n\tinput/);
    });

    test('activations after `dense N`', async () => {
      const labels = await labelsAt(withLine(6, '  dense 3 '), 6, ' ');
      for (const a of ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'linear', 'softmax']) assert.ok(labels.includes(a), `${a} in ${labels}`);
    });

    test('annotations after the activation carry the shape the checker expects', async () => {
      const w = (await itemsAt(withLine(3, '  dense 4 tanh '), 3, ' ')).find((i) => i.label === 'W:');
      assert.ok(w, 'W: is offered');
      assert.equal((w.insertText as vscode.SnippetString).value, 'W: (4, 2)');
    });

    test('losses after `loss`', async () => {
      const labels = await labelsAt(withLine(5, '  loss '), 5, ' ');
      assert.deepEqual(labels.filter((l) => ['cross_entropy', 'softmax_cross_entropy', 'mse'].includes(l)).sort(),
        ['cross_entropy', 'mse', 'softmax_cross_entropy']);
    });

    test('settings inside train', async () => {
      const labels = await labelsAt(withLine(12, '    '), 12);
      for (const s of ['data', 'test', 'init', 'weights', 'learning_rate', 'iterations', 'batch', 'seed', 'log_every']) {
        assert.ok(labels.includes(s), `${s} in ${labels}`);
      }
      assert.ok(!labels.includes('dense'));
    });

    test('generators after `data`, with their named arguments as a snippet', async () => {
      const spiral = (await itemsAt(withLine(8, '    data '), 8, ' ')).find((i) => i.label === 'spiral');
      assert.ok(spiral, 'spiral is offered');
      assert.match((spiral.insertText as vscode.SnippetString).value, /^spiral\(m: \$\{1:\d+\}, noise: \$\{2:[\d.]+\}, classes: \$\{3:\d+\}\)$/);
    });

    test('named arguments right after `(` and after `,`, with the closing `)` already there', async () => {
      const afterParen = await labelsAt(withLine(8, '    data moons()'), 8, '(', '    data moons('.length);
      assert.ok(afterParen.includes('m') && afterParen.includes('noise'), `${afterParen}`);
      const afterComma = await labelsAt(withLine(8, '    data moons(m: 100,)'), 8, ',', '    data moons(m: 100,'.length);
      assert.ok(afterComma.includes('noise'), `${afterComma}`);
      assert.ok(!afterComma.includes('m'), 'm is already written');
    });

    test('completion documentation shows the course notation as written', async () => {
      const a = (await itemsAt(withLine(3, '  dense 4 tanh '), 3, ' ')).find((i) => i.label === 'A:');
      assert.ok(a, 'A: is offered');
      const html = await rendered((a.documentation as vscode.MarkdownString).value);
      assert.ok(html.includes('A[l] = g[l](Z[l])'), html);
      assert.doesNotMatch(html, /<a\b/);
    });

    test('the remaining named arguments inside a generator call', async () => {
      const labels = await labelsAt(withLine(8, '    data circles(m: 100, '), 8, ' ');
      assert.ok(labels.includes('noise') && labels.includes('factor'), `${labels}`);
      assert.ok(!labels.includes('m'), 'm is already written');
    });

    test('init methods after `init`', async () => {
      const labels = await labelsAt(withLine(9, '    init '), 9, ' ');
      for (const i of ['zeros', 'random', 'xavier', 'he']) assert.ok(labels.includes(i), `${i} in ${labels}`);
    });

    test('CSV files beside the document after `data`, JSON files after `weights`, as quoted paths', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-complete-'));
      try {
        fs.mkdirSync(path.join(dir, 'sets'));
        for (const f of ['points.csv', 'sets/more.csv', 'init.json', 'notes.txt']) fs.writeFileSync(path.join(dir, f), '1,0\n');
        const file = path.join(dir, 'fit.nn');
        fs.writeFileSync(file, withLine(8, '    data ').replace('    init xavier', '    weights '));
        const doc = await openFile(vscode.Uri.file(file));
        const at = async (line: number) => (await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider', doc.uri, doc.lineAt(line).range.end, ' ')).items
          .filter((i) => i.kind === vscode.CompletionItemKind.File).map((i) => i.insertText);
        assert.deepEqual(await at(8), ['"points.csv"', '"sets/more.csv"']);
        assert.deepEqual(await at(9), ['"init.json"']);
        // Half a path typed, with the closing quote the editor auto-inserted: both are replaced.
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, doc.lineAt(8).range, '    data "po"');
        assert.ok(await vscode.workspace.applyEdit(edit));
        const inside = new vscode.Position(8, '    data "po'.length);
        const items = (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, inside)).items
          .filter((i) => i.kind === vscode.CompletionItemKind.File);
        const range = items[0].range as vscode.Range;
        assert.equal(doc.getText(range), '"po"');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('nothing inside a comment', async () => {
      const labels = await labelsAt(withLine(6, '  # dense '), 6, ' ');
      assert.ok(!labels.includes('relu') && !labels.includes('dense'));
    });

    test('optimizers after `optimizer`, their arguments inside `adam(`, keep_prob on a hidden layer only', async () => {
      const names = await labelsAt(withLine(12, '    optimizer '), 12);
      for (const o of ['gd', 'momentum', 'rmsprop', 'adam']) assert.ok(names.includes(o), `${o} in ${names}`);
      assert.ok(!names.includes('xavier'), `${names}`);
      const args = await labelsAt(withLine(12, '    optimizer adam('), 12, '(');
      assert.deepEqual(args.sort(), ['beta1', 'beta2', 'epsilon']);
      const rest = await labelsAt(withLine(12, '    optimizer adam(beta1: 0.8, '), 12, ',');
      assert.deepEqual(rest.sort(), ['beta2', 'epsilon']);
      assert.deepEqual((await labelsAt(withLine(12, '    decay inverse('), 12, '(')).sort(), ['every', 'rate']);
      const settings = await labelsAt(withLine(12, '    '), 12);
      for (const name of ['optimizer', 'l2', 'decay']) assert.ok(settings.includes(name), `${name} in ${settings}`);
      const hidden = await labelsAt(withLine(3, '  dense 4 tanh  '), 3);
      assert.ok(hidden.includes('keep_prob:'), `${hidden}`);
      const output = await labelsAt(withLine(4, '  dense 1 sigmoid  '), 4);
      assert.ok(!output.includes('keep_prob:'), `no dropout on the output layer: ${output}`);
      assert.deepEqual(await labelsAt(withLine(3, '  dense 4 tanh  keep_prob: '), 3), [], 'a value is typed after `keep_prob:`');
    });
  });
}
