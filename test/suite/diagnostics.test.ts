import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeAll, codeOf, diagnosticsWhere, errors, example, extensionPath, openChecked, openFile, openText, PLANAR } from './helpers';

export function diagnosticsTests(): void {
  suite('diagnostics', () => {
    suiteSetup(activate);
    teardown(closeAll);

    test('every example checks without errors', async () => {
      const names = fs.readdirSync(path.join(extensionPath(), 'examples')).filter((f) => f.endsWith('.nn'));
      assert.ok(names.length >= 3, `examples found: ${names.join(', ')}`);
      for (const name of names) {
        const doc = await openChecked(example(name));
        assert.deepEqual(errors(vscode.languages.getDiagnostics(doc.uri)).map((d) => d.message), [], name);
      }
    });

    test('the wrong W: (1, 3) of broken.nn is an error on that line naming (1, 4)', async () => {
      const doc = await openFile(example('broken', 'broken.nn'));
      const found = await diagnosticsWhere(doc.uri, (ds) => ds.some((d) => d.message.includes('(1, 4)')));
      const d = found.find((x) => x.message.includes('(1, 4)'))!;
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(doc.getText(d.range), /^W: \(1, 3\)$|^\(1, 3\)$/);
      assert.equal(d.source, 'nn');
      assert.ok(typeof d.code === 'object', 'the code links to its documentation');
      const code = d.code as { value: string; target: vscode.Uri };
      assert.match(code.value, /^NN\d{3}$/);
      assert.match(code.target.path, /docs\/diagnostics\.md$/);
    });

    test('a code\'s link opens docs/diagnostics.md at that code\'s heading', async () => {
      const doc = await openFile(example('broken', 'broken.nn'));
      const d = (await diagnosticsWhere(doc.uri, (ds) => ds.some((x) => codeOf(x) === 'NN301'))).find((x) => codeOf(x) === 'NN301')!;
      const target = (d.code as { target: vscode.Uri }).target;
      // The way the Problems panel follows the link: VS Code's opener, which reads a line fragment.
      await vscode.commands.executeCommand('vscode.open', target);
      const editor = vscode.window.activeTextEditor!;
      assert.match(editor.document.uri.path, /docs\/diagnostics\.md$/);
      assert.equal(editor.document.lineAt(editor.selection.active.line).text, '## NN301');
    });

    test('typing a mistake shows it after the debounce, and fixing it clears it', async () => {
      const doc = await openText(PLANAR);
      await diagnosticsWhere(doc.uri, (ds) => errors(ds).length === 0);
      const tanh = doc.getText().indexOf('dense 4 tanh') + 'dense 4 '.length;
      const wrong = new vscode.WorkspaceEdit();
      wrong.insert(doc.uri, doc.positionAt(tanh + 'tanh'.length), 'x');
      assert.ok(await vscode.workspace.applyEdit(wrong));
      const found = await diagnosticsWhere(doc.uri, (ds) => errors(ds).length > 0);
      assert.equal(found[0].range.start.line, doc.positionAt(tanh).line, 'reported on the `dense 4 tanhx` line');
      assert.match(found[0].message, /tanh/, 'suggests the known name');
      const undo = new vscode.WorkspaceEdit();
      undo.delete(doc.uri, new vscode.Range(doc.positionAt(tanh + 4), doc.positionAt(tanh + 5)));
      assert.ok(await vscode.workspace.applyEdit(undo));
      await diagnosticsWhere(doc.uri, (ds) => errors(ds).length === 0);
    });

    test('one bad line does not hide the errors of the lines after it', async () => {
      const doc = await openText(PLANAR.replace('input 2', 'input 2 )').replace('loss cross_entropy', 'loss cross_entrpy'));
      const found = await diagnosticsWhere(doc.uri, (ds) => errors(ds).length >= 2);
      const lines = errors(found).map((d) => d.range.start.line + 1);
      assert.ok(lines.includes(3) && lines.includes(6), `errors on lines ${lines.join(', ')}`);
    });

    test('a CSV that changes on disk re-checks the document that reads it', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-watch-'));
      const csv = path.join(dir, 'points.csv');
      fs.writeFileSync(csv, 'x1,x2,x3,y\n1,2,3,0\n4,5,6,1\n'); // three features: wrong for input 2
      const nn = path.join(dir, 'fit.nn');
      fs.writeFileSync(nn, 'network fit {\n  input 2\n  dense 1 sigmoid\n  train {\n    data "points.csv"\n  }\n}\n');
      try {
        const doc = await openFile(vscode.Uri.file(nn));
        const before = await diagnosticsWhere(doc.uri, (ds) => errors(ds).length > 0);
        assert.equal(before[0].range.start.line, 4, 'the error is on the `data` line');
        // The watcher starts asynchronously after the first check: write until the change is seen.
        // Nothing else re-checks an unchanged document, so a clean result proves the watcher worked.
        const fixed = 'x1,x2,y\n1,2,0\n4,5,1\n';
        const writer = setInterval(() => fs.writeFileSync(csv, fixed), 500);
        try {
          await diagnosticsWhere(doc.uri, (ds) => errors(ds).length === 0, 10000);
        } finally {
          clearInterval(writer);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('closing a document clears its diagnostics', async () => {
      const doc = await openText('network n {\n  dense 4 tanh\n}\n');
      await diagnosticsWhere(doc.uri, (ds) => ds.length > 0);
      await closeAll(); // reverting an untitled document closes it for good
      await diagnosticsWhere(doc.uri, (ds) => ds.length === 0);
    });
  });
}
