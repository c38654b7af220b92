import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeAll, openFile, openText, PLANAR } from './helpers';

/** The extension's completion items at the end of line `line` (0-based) of `content` (not snippets or words). */
async function itemsAt(content: string, line: number, trigger?: string): Promise<vscode.CompletionItem[]> {
  const doc = await openText(content);
  const position = doc.lineAt(line).range.end;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, trigger);
  return list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Snippet && i.kind !== vscode.CompletionItemKind.Text);
}

async function labelsAt(content: string, line: number, trigger?: string): Promise<string[]> {
  return (await itemsAt(content, line, trigger)).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
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

    test('`network` at the top level', async () => {
      const labels = await labelsAt(`${PLANAR}\n`, PLANAR.split('\n').length);
      assert.ok(labels.includes('network'));
      assert.ok(!labels.includes('dense'));
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
  });
}
