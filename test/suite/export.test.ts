// "NN: Export Network…" in a real extension host: the command asks the server for the network and
// hands the export to the worker thread as a job (extension/exportJob.ts), which writes the files.
// The quick pick, the save dialog and the modal question are answered by stubs of the vscode API
// (the user's clicks); everything behind them is the extension's real path.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeAll, openFile, PLANAR } from './helpers';

type Window = typeof vscode.window;

/** Replaces `vscode.window[name]` for one test; `restore` puts every one back. */
function stubs() {
  const saved: Array<[keyof Window, unknown]> = [];
  const window = vscode.window as unknown as Record<string, unknown>;
  return {
    set<K extends keyof Window>(name: K, fake: unknown): void {
      saved.push([name, window[name]]);
      window[name] = fake;
    },
    restore(): void {
      for (const [name, original] of saved.reverse()) window[name] = original;
    },
  };
}

/** planar.nn (its data a generator) in a fresh folder. */
function planarFolder(iterations = 300): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-export-'));
  const file = path.join(dir, 'planar.nn');
  fs.writeFileSync(file, PLANAR.replace('iterations 10000', `iterations ${iterations}`));
  return { dir, file };
}

export function exportTests(): void {
  suite('NN: Export Network', () => {
    suiteSetup(activate);
    teardown(closeAll);
    let fake = stubs();
    setup(() => {
      fake = stubs();
    });
    teardown(() => fake.restore());

    /** Answers the quick pick with the format whose label starts with `format`, the save dialog with `out`. */
    const answer = (format: string, out: string, modal?: string): { errors: string[]; messages: Array<Thenable<unknown>> } => {
      const errors: string[] = [];
      const messages: Array<Thenable<unknown>> = [];
      fake.set('showQuickPick', async (items: Array<{ label: string }>) => items.find((i) => i.label.startsWith(format)));
      fake.set('showSaveDialog', async () => vscode.Uri.file(out));
      // a modal question is answered with `modal`; a message is dismissed (undefined), as a user closing it does
      fake.set('showInformationMessage', (_text: string, options?: unknown, ...buttons: string[]) => {
        const choice = Promise.resolve(typeof options === 'object' && options !== null && 'modal' in options ? modal ?? buttons[0] : undefined);
        messages.push(choice);
        return choice;
      });
      fake.set('showErrorMessage', async (text: string) => void errors.push(text));
      return { errors, messages };
    };

    test('a PyTorch script and its generated data are written by the worker', async () => {
      const { dir, file } = planarFolder();
      const out = path.join(dir, 'planar.py');
      const { errors } = answer('PyTorch', out);
      const doc = await openFile(vscode.Uri.file(file));
      const files = await vscode.commands.executeCommand<string[] | undefined>('nn.exportNetwork', doc.uri, 'planar');
      assert.deepEqual(errors, []);
      assert.deepEqual(files, [out, path.join(dir, 'planar.data.csv')]);
      assert.match(fs.readFileSync(out, 'utf8'), /import torch/);
      assert.match(fs.readFileSync(path.join(dir, 'planar.data.csv'), 'utf8'), /^x1,x2,label\n/);
    });

    test('an ONNX model from the palette is trained first in the worker, after the question', async () => {
      const { dir, file } = planarFolder(300);
      const out = path.join(dir, 'planar.onnx');
      const { errors, messages } = answer('ONNX model (.onnx), float64', out, 'Train and Export');
      const doc = await openFile(vscode.Uri.file(file));
      const opened: string[] = [];
      fake.set('showTextDocument', async (uri: vscode.Uri) => void opened.push(uri.fsPath));
      const files = await vscode.commands.executeCommand<string[] | undefined>('nn.exportNetwork', doc.uri, 'planar');
      assert.deepEqual(errors, []);
      assert.deepEqual(files, [out]);
      assert.equal(messages.length, 2, 'the question, then the message saying where the model is');
      await Promise.all(messages); // the command's own handler of the dismissed message has run
      assert.deepEqual(opened, [], 'a dismissed message does not open the binary model as text');
      const model = fs.readFileSync(out);
      assert.equal(model[0], 0x08, 'an ONNX ModelProto starts with its ir_version field');
      assert.ok(model.includes(Buffer.from('planar')), 'the graph is named after the network');
    });

    test('the export\'s safety rules hold: a derived file that is a link is refused, and nothing is written', async () => {
      const { dir, file } = planarFolder();
      const victim = path.join(dir, 'victim.txt');
      fs.writeFileSync(victim, 'keep me');
      fs.symlinkSync(victim, path.join(dir, 'planar.data.csv'));
      const out = path.join(dir, 'planar.py');
      const { errors } = answer('PyTorch', out);
      const doc = await openFile(vscode.Uri.file(file));
      const files = await vscode.commands.executeCommand<string[] | undefined>('nn.exportNetwork', doc.uri, 'planar');
      assert.equal(files, undefined);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], /^NN: cannot write the export: .*planar\.data\.csv/);
      assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me');
      assert.ok(!fs.existsSync(out), 'no file of the export was written');
    });
  });
}
