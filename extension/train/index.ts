// "NN: Train Network": the command and the serializer that brings training panels back after a
// reload. `nn.trainNetwork(uri?, networkName?)` resolves with the run's TrainOutcome when it ends
// (completed, stopped, failed or closed) or undefined when nothing started; tests await it.
// `nn.trainingPanelDrawn(uri, name)` (not in the palette) says what that network's panel last drew
// of its conv sections, so the integration tests can see the filters rendered.

import * as vscode from 'vscode';
import { TrainingPanel, type TrainOutcome } from './panel';
import type { Analyses } from '../analysis';
import { pickTarget, type PickTarget } from './pick';

export function registerTraining(context: vscode.ExtensionContext, analyses: Analyses): void {
  const pick: PickTarget = (uri, name) => pickTarget(analyses, uri, name);
  context.subscriptions.push(
    vscode.commands.registerCommand('nn.trainNetwork', async (uri?: vscode.Uri, networkName?: string): Promise<TrainOutcome | undefined> => {
      const target = await pick(uri instanceof vscode.Uri ? uri : undefined, networkName);
      return target && TrainingPanel.show(context, target, pick).trainFromFile(target);
    }),
    vscode.commands.registerCommand('nn.trainingPanelDrawn', (uri: vscode.Uri, name: string) => TrainingPanel.drawnIn(uri, name)),
    vscode.window.registerWebviewPanelSerializer(TrainingPanel.viewType, {
      async deserializeWebviewPanel(panel, state) {
        TrainingPanel.revive(context, panel, state, pick);
      },
    }),
  );
}
