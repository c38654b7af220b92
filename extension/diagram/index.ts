// "NN: Show Network Diagram": the command and the serializer that brings the diagram back after a
// reload. `nn.showDiagram(uri?, networkName?)` opens the panel on that file (else the active
// editor's) and the network named (else the one under the cursor). `nn.diagramDrawn()` (not in the
// palette) says what the page last drew, so the integration tests can see it.

import * as vscode from 'vscode';
import type { Analyses } from '../analysis';
import { DiagramPanel } from './panel';

export function registerDiagram(context: vscode.ExtensionContext, analyses: Analyses): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('nn.showDiagram', async (uri?: vscode.Uri, name?: string): Promise<void> => {
      const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== 'nn') {
        void vscode.window.showWarningMessage('Open a .nn file to see its network diagram.');
        return;
      }
      DiagramPanel.show(context, analyses, doc, typeof name === 'string' ? name : undefined);
    }),
    vscode.commands.registerCommand('nn.diagramDrawn', () => DiagramPanel.drawnNow()),
    vscode.window.registerWebviewPanelSerializer(DiagramPanel.viewType, {
      async deserializeWebviewPanel(panel) {
        DiagramPanel.revive(context, analyses, panel);
      },
    }),
  );
}
