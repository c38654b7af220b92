// "NN: Compare Runs": the command and the serializer that brings comparison panels back after a
// reload. `nn.compareRuns(uri?, names?)` resolves with one CompareOutcome per run once all have
// ended, or undefined when nothing started; tests await it.

import * as vscode from 'vscode';
import type { CompareOutcome } from '../../core/services/session/compare';
import type { Analyses } from '../analysis';
import { ComparePanel, type PickRuns } from './panel';
import { pickRuns } from './pick';

export function registerCompare(context: vscode.ExtensionContext, analyses: Analyses): void {
  const pick: PickRuns = (uri, names) => pickRuns(analyses, uri, names);
  context.subscriptions.push(
    vscode.commands.registerCommand('nn.compareRuns', async (uri?: vscode.Uri, names?: unknown): Promise<CompareOutcome[] | undefined> => {
      const list = Array.isArray(names) && names.every((n) => typeof n === 'string') ? names : undefined;
      const target = await pick(uri instanceof vscode.Uri ? uri : undefined, list);
      return target && ComparePanel.show(context, target.uri, pick).compare(target);
    }),
    vscode.window.registerWebviewPanelSerializer(ComparePanel.viewType, {
      async deserializeWebviewPanel(panel, state) {
        ComparePanel.revive(context, panel, state, pick);
      },
    }),
  );
}
