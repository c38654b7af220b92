import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GradCheckResult } from '../../core/engine/gradcheck';
import { activate, closeAll, diagnosticsWhere, example, openFile, PLANAR, waitFor } from './helpers';

const gradcheckTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('nnStudio.gradcheck'));
/** The view's tab labels once the extension host hears of them (a moment after the workbench opens it). */
async function viewLabels(): Promise<string[]> {
  await waitFor(() => gradcheckTabs().length > 0, 'the Check Gradients view to open');
  return gradcheckTabs().map((t) => t.label);
}
const fromGradCheck = (ds: vscode.Diagnostic[]) => ds.filter((d) => d.source === 'NN: Check Gradients');

export function gradcheckTests(): void {
  suite('NN: Check Gradients', () => {
    suiteSetup(activate);
    teardown(closeAll);

    test('on an example: every W[l], b[l] fine, the view opens, no diagnostic', async () => {
      const doc = await openFile(example('planar.nn'));
      const result = await vscode.commands.executeCommand<GradCheckResult>('nn.checkGradients', doc.uri);
      assert.ok(result, 'the command resolves with the result');
      assert.equal(result.verdict, 'fine', String(result.difference));
      assert.deepEqual(result.perParameter.map((p) => `${p.name}${p.l}:${p.verdict}`), ['W1:fine', 'b1:fine', 'W2:fine', 'b2:fine']);
      assert.deepEqual(await viewLabels(), ['Gradients: planar'], 'the Check Gradients view is open');
      assert.deepEqual(fromGradCheck(vscode.languages.getDiagnostics(doc.uri)), []);
    });

    test('a network whose gradient cannot be right gets an error on each layer line, cleared by an edit', async () => {
      // W[2] = 1e308 overflows Z[2], so J is not finite and no difference can be small: a bug.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-gradcheck-'));
      fs.writeFileSync(path.join(dir, 'w.json'), JSON.stringify({
        W1: [[0.1, 0.2], [0.3, -0.1], [0.5, 0.4], [-0.2, 0.1]], b1: [[0], [0], [0], [0]], W2: [[1e308, 1e308, 1e308, 1e308]], b2: [[0]],
      }));
      const file = path.join(dir, 'overflow.nn');
      fs.writeFileSync(file, PLANAR.replace('init xavier', 'weights "w.json"'));
      const doc = await openFile(vscode.Uri.file(file));
      const result = await vscode.commands.executeCommand<GradCheckResult>('nn.checkGradients', doc.uri);
      assert.equal(result?.verdict, 'bug');
      const ds = await diagnosticsWhere(doc.uri, (all) => fromGradCheck(all).length === 4);
      const lines = fromGradCheck(ds).map((d) => d.range.start.line).sort();
      assert.deepEqual(lines, [3, 3, 4, 4], 'dW[l] and db[l] on the lines of layers 1 and 2');
      assert.ok(fromGradCheck(ds).every((d) => d.severity === vscode.DiagnosticSeverity.Error && /J is not finite/.test(d.message)));
      assert.deepEqual(await viewLabels(), ['Gradients: planar']);
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# edited\n'));
      await diagnosticsWhere(doc.uri, (all) => fromGradCheck(all).length === 0);
    });
  });
}
