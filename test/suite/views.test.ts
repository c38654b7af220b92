import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatText } from '../../core/language';
import { activate, closeAll, diagnosticsWhere, errors, openText, PLANAR } from './helpers';

const TWO_NETWORKS = `${PLANAR}\nnetwork logistic {\n  input 3\n  dense 1 sigmoid\n}\n`;

export function viewTests(): void {
  suite('outline, hints, folding, formatting, CodeLens, Show Shapes', () => {
    suiteSetup(activate);
    teardown(closeAll);

    test('the outline lists networks and their layers', async () => {
      const doc = await openText(TWO_NETWORKS);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      assert.deepEqual(symbols.map((s) => s.name), ['planar', 'logistic']);
      const planar = symbols[0].children.map((c) => c.name);
      assert.deepEqual(planar.filter((n) => n.startsWith('layer')), ['layer 1', 'layer 2']);
      assert.ok(planar.includes('input') && planar.includes('train'));
      assert.match(symbols[0].detail, /17 parameters/, '4·2 + 4 + 1·4 + 1');
    });

    test('the outline shows layers as fields of their network, not as methods', async () => {
      const doc = await openText(PLANAR);
      const [planar] = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      const layers = planar.children.filter((c) => c.name.startsWith('layer'));
      assert.equal(layers.length, 2);
      for (const layer of layers) assert.equal(vscode.SymbolKind[layer.kind], 'Field', layer.name);
    });

    test('inlay hints give W and b at the end of each dense line, except shapes the line states', async () => {
      const doc = await openText(PLANAR.replace('dense 1 sigmoid  W: (1, 4)', 'dense 1 sigmoid  W: (1, 4)  b: (1, 1)')
        .replace('  loss', '  dense 1 sigmoid  W: (1, 1)\n  loss'));
      const all = new vscode.Range(0, 0, doc.lineCount, 0);
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all);
      const labels = hints.map((h) => ({ line: h.position.line, label: typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('') }));
      assert.deepEqual(labels, [
        { line: 3, label: 'W (4, 2) · b (4, 1)' },
        { line: 5, label: 'b (1, 1)' },
      ]);
      assert.equal(hints[0].position.character, doc.lineAt(3).text.length);
    });

    test('an error elsewhere keeps the hints of the layers whose shapes still resolve', async () => {
      const doc = await openText(PLANAR.replace('dense 4 tanh', 'dense 4 tanhh').replace('learning_rate 1.2', 'learning_rate -1'));
      await diagnosticsWhere(doc.uri, (ds) => errors(ds).length >= 2);
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
      const labels = hints.map((h) => ({ line: h.position.line, label: typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('') }));
      assert.deepEqual(labels, [
        { line: 3, label: 'W (4, 2) · b (4, 1)' },
        { line: 4, label: 'b (1, 1)' },
      ]);
    });

    test('a new .nn file indents by 2 spaces, as the formatter does', async () => {
      await openText('');
      const options = vscode.window.activeTextEditor!.options;
      assert.equal(options.tabSize, 2);
      assert.equal(options.insertSpaces, true);
    });

    test('inlay hints can be turned off', async () => {
      const config = vscode.workspace.getConfiguration('nnStudio');
      await config.update('inlayHints.enabled', false, vscode.ConfigurationTarget.Global);
      try {
        const doc = await openText(PLANAR);
        const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
        assert.equal(hints.length, 0);
      } finally {
        await config.update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    test('network and train blocks fold', async () => {
      const doc = await openText(PLANAR);
      const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
      const spans = ranges.map((r) => [r.start, r.end]);
      assert.ok(spans.some(([s, e]) => s === 1 && e === 13), `network block in ${JSON.stringify(spans)}`);
      assert.ok(spans.some(([s, e]) => s === 7 && e === 12), `train block in ${JSON.stringify(spans)}`);
    });

    test('formatting gives the core formatter\'s text and is idempotent', async () => {
      const messy = PLANAR.replace('  input 2', 'input    2').replace('W: (1, 4)', 'W:(1,4)').replace('    seed 3', '\t\t  seed   3');
      const doc = await openText(messy);
      const options = { tabSize: 2, insertSpaces: true };
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', doc.uri, options);
      assert.ok(edits && edits.length > 0, 'messy text gets edits');
      const apply = new vscode.WorkspaceEdit();
      apply.set(doc.uri, edits);
      assert.ok(await vscode.workspace.applyEdit(apply));
      assert.equal(doc.getText(), formatText(messy));
      const again = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', doc.uri, options);
      assert.equal(again?.length ?? 0, 0, 'formatting formatted text changes nothing');
    });

    test('CodeLens offers Train and Shapes above each network, with (uri, name), and Compare above the first', async () => {
      const doc = await openText(TWO_NETWORKS);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      const found = lenses.map((l) => ({ line: l.range.start.line, command: l.command!.command, name: l.command!.arguments![1] }));
      assert.deepEqual(found, [
        { line: 1, command: 'nn.trainNetwork', name: 'planar' },
        { line: 1, command: 'nn.showShapes', name: 'planar' },
        { line: 1, command: 'nn.compareRuns', name: ['planar', 'logistic'] },
        { line: 16, command: 'nn.trainNetwork', name: 'logistic' },
        { line: 16, command: 'nn.showShapes', name: 'logistic' },
      ]);
      assert.equal(lenses[0].command!.arguments![0].toString(), doc.uri.toString());
      assert.match(lenses[0].command!.title, /Train/);
      assert.match(lenses[1].command!.title, /Shapes/);
      assert.match(lenses[2].command!.title, /Compare 2 networks/);
      assert.equal(lenses[2].command!.arguments![0].toString(), doc.uri.toString());
    });

    test('Show Shapes prints the table of the named network', async () => {
      const doc = await openText(TWO_NETWORKS);
      const table = await vscode.commands.executeCommand<string>('nn.showShapes', doc.uri, 'logistic');
      assert.match(table, /\(1, 3\)/, 'W[1] of logistic is (1, 3)');
      assert.doesNotMatch(table, /\(4, 2\)/, 'not planar\'s shapes');
    });
  });
}
