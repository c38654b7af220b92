import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activate, closeAll, diagnosticsWhere, errors, example, openText, PLANAR } from './helpers';
import { LENET } from './hover.test';

async function quickFixes(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
}

/** Applies the preferred (else the first) fix of the diagnostic `pick` chooses, and returns the new text. */
async function applyFix(doc: vscode.TextDocument, pick: (d: vscode.Diagnostic) => boolean): Promise<string> {
  const d = (await diagnosticsWhere(doc.uri, (ds) => ds.some(pick))).find(pick)!;
  const fixes = await quickFixes(doc, d.range);
  assert.ok(fixes.length > 0, `a fix for: ${d.message}`);
  const fix = fixes.find((f) => f.isPreferred) ?? fixes[0];
  assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
  return doc.getText();
}

export function codeActionTests(): void {
  suite('quick fixes', () => {
    suiteSetup(activate);
    teardown(closeAll);

    test('a wrong W annotation is corrected to the right shape, the rest of the text unchanged', async () => {
      // A copy in memory: a web workbench auto-saves, and the example on disk must stay broken.
      const before = fs.readFileSync(example('broken', 'broken.nn').fsPath, 'utf8');
      const doc = await openText(before);
      const after = await applyFix(doc, (d) => d.message.includes('(1, 4)'));
      assert.equal(after, before.replace('W: (1, 3)', 'W: (1, 4)'));
      await diagnosticsWhere(doc.uri, (ds) => !ds.some((d) => d.message.includes('(1, 4)')));
    });

    test('a dense layer right after an image volume gets `flatten` inserted before it', async () => {
      const doc = await openText(LENET.replace('  flatten\n', ''));
      const after = await applyFix(doc, (d) => d.message.includes('flatten'));
      assert.equal(after, LENET);
      await diagnosticsWhere(doc.uri, (ds) => errors(ds).length === 0);
    });

    test('an unknown activation becomes the suggestion', async () => {
      const doc = await openText(PLANAR.replace('dense 4 tanh', 'dense 4 tahn'));
      const after = await applyFix(doc, (d) => d.message.includes('tahn'));
      assert.equal(after, PLANAR);
      await diagnosticsWhere(doc.uri, (ds) => errors(ds).length === 0);
    });

    test('init zeros offers he or xavier', async () => {
      const doc = await openText(PLANAR.replace('init xavier', 'init zeros'));
      const d = (await diagnosticsWhere(doc.uri, (ds) => ds.some((x) => x.message.includes('zeros')))).find((x) => x.message.includes('zeros'))!;
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      const titles = (await quickFixes(doc, d.range)).map((f) => f.title).join(' | ');
      assert.match(titles, /xavier|he/);
    });

    test('a missing input can be inserted', async () => {
      const doc = await openText(PLANAR.replace('  input 2\n', ''));
      const after = await applyFix(doc, (d) => /input/.test(d.message));
      assert.match(after, /network planar \{\n\s+input \d+\n\s+dense 4 tanh/);
    });
  });
}
