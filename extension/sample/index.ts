// "NN: Sample" (spec §14, `nn sample` in the editor): characters drawn from the character model
// under the cursor with a weights file the user picks (the panel's Save weights, or `nn train
// --save-weights`), on a seed the user gives (the network's `seed` by default, or one the panel's
// Samples section shows). The worker thread samples (run.ts); the text goes to an output channel of
// its own, under the `nn sample` command that prints it again. `nn.sample(uri?, network?, weights?,
// seed?)` skips the dialogs for what it is given and resolves with the text.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analyses } from '../analysis';
import { inNotification } from '../cancellable';
import { pickTarget } from '../train/pick';
import { sampleInWorker } from './run';

export const SAMPLES_OUTPUT = 'NN Studio Samples';

export function registerSample(context: vscode.ExtensionContext, analyses: Analyses): void {
  let channel: vscode.OutputChannel | undefined;
  const script = path.join(context.extensionPath, 'dist', 'worker.js');
  context.subscriptions.push(
    { dispose: () => channel?.dispose() },
    vscode.commands.registerCommand('nn.sample', async (uri?: vscode.Uri, networkName?: string, weights?: string, seed?: number): Promise<string | undefined> => {
      const target = await pickTarget(analyses, uri instanceof vscode.Uri ? uri : undefined, networkName);
      if (!target) return undefined;
      const { spec } = target.network;
      if (!spec.train.data) {
        void vscode.window.showErrorMessage(`Network \`${spec.name}\` has no data to take its characters from: add \`data text("FILE", steps: T)\` inside its train { … } block.`);
        return undefined;
      }
      weights ??= await askWeights(target.uri);
      if (weights === undefined) return undefined;
      seed ??= await askSeed(spec.train.seed);
      if (seed === undefined) return undefined;
      let text: string | undefined;
      try {
        text = await inNotification(`Sampling ${spec.name}`, () => '', (control) => sampleInWorker(script, spec, { weights: weights!, seed }, control));
      } catch (e) {
        void vscode.window.showErrorMessage(`NN: Sample: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
      if (text === undefined) return undefined;
      channel ??= vscode.window.createOutputChannel(SAMPLES_OUTPUT);
      const file = vscode.workspace.asRelativePath(target.uri);
      channel.appendLine(`$ nn sample ${file} --network ${spec.name} --weights ${vscode.workspace.asRelativePath(weights)} --seed ${seed}`);
      channel.appendLine(text.endsWith('\n') ? text.slice(0, -1) : text);
      channel.show(true);
      return text;
    }),
  );
}

/** The weights file, from an open dialog beside the .nn file; undefined when dismissed. */
async function askWeights(file: vscode.Uri): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    defaultUri: vscode.Uri.joinPath(file, '..'),
    canSelectMany: false,
    filters: { 'Weights (JSON)': ['json'] },
    openLabel: 'Sample with these weights',
    title: 'NN: Sample — the trained weights (Save weights in the training panel, or nn train --save-weights)',
  });
  return picked?.[0]?.fsPath;
}

/** The seed, a whole number (the network's own by default); undefined when dismissed. */
async function askSeed(own: number): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'NN: Sample — seed',
    prompt: 'The same seed draws the same text; the Samples section of the training panel shows the seed of each logged iteration.',
    value: String(own),
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number.isSafeInteger(Number(v.trim())) ? undefined : 'a whole number ≥ 0'),
  });
  return text === undefined ? undefined : Number(text.trim());
}
