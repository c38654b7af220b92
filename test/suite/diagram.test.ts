// "NN: Show Network Diagram" in a real extension host: the page draws the network under the cursor
// from the server's nn/shapes, says what it drew (nn.diagramDrawn), marks the statement under the
// cursor and draws again when the file changes.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DiagramDrawn } from '../../core/services/diagram';
import { activate, closeAll, example, extensionPath, openChecked, openText, PATIENCE_MS, positionOf } from './helpers';

/** Polls what the diagram's page last drew until `ok` holds, or fails showing it. */
async function drawnWhere(ok: (d: DiagramDrawn) => boolean, why: string): Promise<DiagramDrawn> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const drawn = await vscode.commands.executeCommand<DiagramDrawn | undefined>('nn.diagramDrawn');
    if (drawn && ok(drawn)) return drawn;
    if (Date.now() > deadline) throw new Error(`waited ${PATIENCE_MS / 1000} s for ${why}; the page drew ${JSON.stringify(drawn)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Puts the cursor of the active editor on `needle`. */
function cursorOn(doc: vscode.TextDocument, needle: string): void {
  const at = positionOf(doc, needle);
  vscode.window.activeTextEditor!.selection = new vscode.Selection(at, at);
}

export function diagramTests(): void {
  suite('network diagram', () => {
    suiteSetup(activate);
    teardown(closeAll);

    test('NN: Show Network Diagram draws LeNet-5 with each arrow\'s shape and marks the layer under the cursor', async () => {
      const doc = await openChecked(example('digits', 'digits.nn'));
      cursorOn(doc, 'conv2d 16');
      await vscode.commands.executeCommand('nn.showDiagram');
      const drawn = await drawnWhere((d) => d.network === 'digits' && d.current === 'l3', 'LeNet-5 with layer 3 marked');
      assert.deepEqual(drawn.layers, ['conv2d 1', 'max_pool 2', 'conv2d 3', 'max_pool 4', 'flatten 5', 'dense 6', 'dense 7', 'dense 8']);
      assert.deepEqual(drawn.arrows, ['l1 m,28,28,1', 'l2 m,24,24,6', 'l3 m,12,12,6', 'l4 m,8,8,16', 'l5 m,4,4,16', 'l6 256,m', 'l7 120,m', 'l8 84,m']);
      assert.deepEqual(drawn.frames, []);
      // The cursor moves: the box of the layer under it is marked.
      cursorOn(doc, 'dense 84');
      await drawnWhere((d) => d.current === 'l7', 'layer 7 marked after the cursor moved to it');
      const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('nnStudio.diagram'));
      assert.equal(tab?.label, 'Diagram digits');
    });

    test('a ResNet with a shortcut, a concat and a repeat of a block use: frames, and on every arrow the checker\'s input', async () => {
      const doc = await openText(fs.readFileSync(path.join(extensionPath(), 'test', 'fixtures', 'resnet.nn'), 'utf8'));
      cursorOn(doc, 'shortcut');
      await vscode.commands.executeCommand('nn.showDiagram');
      const drawn = await drawnWhere((d) => d.network === 'resnet' && d.frames.length > 0, 'the ResNet drawn with its groups');
      assert.deepEqual(drawn.frames, ['residual', 'residual', 'concat', 'repeat', 'block', 'block']);
      assert.deepEqual(drawn.arrows, [
        'l1 m,15,15,3', 'l2 m,15,15,8', 'l3 m,15,15,8', 'l4 m,15,15,8', 'l5 m,8,8,16', 'l6 m,15,15,8', 'l7 m,8,8,16', 'l8 m,8,8,16',
        'l9 m,8,8,4', 'l10 m,8,8,32', 'l11 m,8,8,32', 'l12 m,8,8,32', 'l13 m,8,8,32', 'l14 m,8,8,32', 'l15 m,4,4,32', 'l16 512,m',
      ]);
      // The cursor on `shortcut {`: the shortcut has no frame of its own, so nothing is marked;
      // on `residual relu {` the residual's frame is.
      cursorOn(doc, 'residual relu {\n    conv2d 16');
      await drawnWhere((d) => d.current === 'group-2', 'the second residual\'s frame marked');
    });

    test('the diagram follows the network under the cursor and draws again as the file is edited', async () => {
      const doc = await openText('network a {\n  input 2\n  dense 3 relu\n  dense 1 sigmoid\n}\n\nnetwork b {\n  input 5\n  dense 4 tanh\n  dense 1 sigmoid\n}\n');
      cursorOn(doc, 'dense 4');
      await vscode.commands.executeCommand('nn.showDiagram');
      await drawnWhere((d) => d.network === 'b' && d.arrows.join(' ') === 'l1 5,m l2 4,m' && d.current === 'l1', 'network b, its layer 1 marked');
      cursorOn(doc, 'dense 3');
      await drawnWhere((d) => d.network === 'a' && d.arrows.join(' ') === 'l1 2,m l2 3,m', 'network a once the cursor is in it');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(positionOf(doc, 'dense 3'), positionOf(doc, 'dense 3', 'dense 3'.length)), 'dense 7');
      await vscode.workspace.applyEdit(edit);
      await drawnWhere((d) => d.network === 'a' && d.arrows.join(' ') === 'l1 2,m l2 7,m', 'the edited width on the arrow into layer 2');
    });
  });
}
