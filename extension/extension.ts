// Activation: starts the language server's client (every language feature: diagnostics, hover,
// completion, inlay hints, quick fixes, outline, folding, formatting, code lens) and wires what is
// not a language feature — training, Show Shapes, the network diagram, Compare Runs, Check Gradients, Sample, the status bar —
// to the networks the server reports (analysis.ts).

import * as vscode from 'vscode';
import { Analyses } from './analysis';
import { startClient } from './client';
import { registerCompare } from './compare';
import { registerDiagram } from './diagram';
import { registerExport } from './export';
import { registerCheckGradients } from './gradcheck';
import { registerSample } from './sample';
import { disposeOutput } from './output';
import { registerShowShapes } from './showShapes';
import { ParameterStatus } from './statusBar';
import { registerTraining } from './train';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const client = startClient(context);
  const analyses = new Analyses(client);
  context.subscriptions.push(
    analyses,
    new ParameterStatus(analyses),
    registerShowShapes(analyses),
    registerExport(analyses, vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath),
    { dispose: disposeOutput },
  );
  registerTraining(context, analyses);
  registerCheckGradients(context, analyses);
  registerSample(context, analyses);
  registerCompare(context, analyses);
  registerDiagram(context, analyses);
  // Activation ends once the server answers, so the first hover or diagnostic does not race it.
  await client.start();
}
