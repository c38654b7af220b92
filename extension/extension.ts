// Activation: wires each small provider to one shared analysis cache. Only the .nn documents already
// open are checked now (for their diagnostics); every other provider works when VS Code first asks.

import * as vscode from 'vscode';
import { Analyses } from './analysis';
import { QuickFixProvider } from './codeActions';
import { NetworkLensProvider } from './codeLens';
import { registerCompare } from './compare';
import { NnCompletionProvider } from './completion';
import { registerExport } from './export';
import { Diagnostics } from './diagnostics';
import { FoldingProvider } from './folding';
import { registerCheckGradients } from './gradcheck';
import { FormattingProvider } from './formatting';
import { ShapeHoverProvider } from './hover';
import { ShapeHintProvider } from './inlayHints';
import { disposeOutput } from './output';
import { registerShowShapes } from './showShapes';
import { ParameterStatus } from './statusBar';
import { SymbolProvider } from './symbols';
import { registerTraining } from './train';
import { ReferencedFileWatcher } from './watcher';

const NN: vscode.DocumentSelector = { language: 'nn' };

export function activate(context: vscode.ExtensionContext): void {
  const analyses = new Analyses();
  const diagnostics = new Diagnostics(analyses, diagnosticsPage(context));
  const hints = new ShapeHintProvider(analyses);
  const lenses = new NetworkLensProvider(analyses);
  context.subscriptions.push(
    analyses,
    diagnostics,
    hints,
    lenses,
    new ReferencedFileWatcher(analyses, diagnostics),
    new ParameterStatus(analyses),
    vscode.languages.registerHoverProvider(NN, new ShapeHoverProvider(analyses)),
    vscode.languages.registerInlayHintsProvider(NN, hints),
    vscode.languages.registerCompletionItemProvider(NN, new NnCompletionProvider(analyses), ...NnCompletionProvider.triggers),
    vscode.languages.registerCodeActionsProvider(NN, new QuickFixProvider(analyses), QuickFixProvider.metadata),
    vscode.languages.registerDocumentSymbolProvider(NN, new SymbolProvider(analyses)),
    vscode.languages.registerFoldingRangeProvider(NN, new FoldingProvider(analyses)),
    vscode.languages.registerDocumentFormattingEditProvider(NN, new FormattingProvider()),
    vscode.languages.registerCodeLensProvider(NN, lenses),
    registerShowShapes(analyses),
    registerExport(analyses),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('nnStudio.inlayHints.enabled')) hints.refresh();
      if (e.affectsConfiguration('nnStudio.codeLens.enabled')) lenses.refresh();
    }),
    { dispose: disposeOutput },
  );
  registerTraining(context, analyses);
  registerCheckGradients(context, analyses);
  registerCompare(context, analyses);
}

/** Where a diagnostic's code links: the diagnostics reference bundled with the extension, so it works offline. */
function diagnosticsPage(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'docs', 'diagnostics.md');
}
