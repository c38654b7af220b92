// Shared by the integration tests: the extension's own folders, opening documents, and waiting for
// what the extension publishes asynchronously (diagnostics after the debounce).

import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'nn-studio.nn-studio';

export function extensionPath(): string {
  return vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
}

/** A file of the extension's examples folder (not the workspace's: the suite runs in any workspace). */
export function example(...parts: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(extensionPath(), 'examples', ...parts));
}

/** The spec's first example (§1): one hidden layer of 4 tanh units on the planar flower. */
export const PLANAR = [
  '# Planar "flower" classifier: one hidden layer of 4 tanh units.',
  'network planar {',
  '  input 2',
  '  dense 4 tanh',
  '  dense 1 sigmoid  W: (1, 4)',
  '  loss cross_entropy',
  '',
  '  train {',
  '    data flower(m: 400, noise: 0.2)',
  '    init xavier',
  '    learning_rate 1.2',
  '    iterations 10000',
  '    seed 3',
  '  }',
  '}',
  '',
].join('\n');

export async function activate(): Promise<void> {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
}

let untitled = 0;

/**
 * An in-memory `.nn` document with `content`, shown in an editor (providers run for visible
 * editors too), under a name of its own: VS Code reuses
 * `Untitled-1` once a document is closed, and the extension host may still hold the closed one's
 * text under that URI when the next test opens its document.
 */
export async function openText(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`untitled:suite-${process.pid}-${++untitled}.nn`));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), content);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(doc);
  return doc;
}

export async function openFile(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Position of `needle`, which must occur once in the document, plus `offset` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const text = doc.getText();
  const at = text.indexOf(needle);
  if (at < 0 || text.indexOf(needle, at + 1) >= 0) throw new Error(`\`${needle}\` is not in the document exactly once`);
  return doc.positionAt(at + offset);
}

/**
 * How long a wait for something the extension does asynchronously may take before it fails: long,
 * so that only a hang fails it, never a slow machine (a fast one returns at once, as waits poll).
 */
export const PATIENCE_MS = 30_000;

/** Polls `ok` until it holds (then returns), or fails with `why` after `ms`. */
export async function waitFor(ok: () => boolean, why: string | (() => string), ms = PATIENCE_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s: ${typeof why === 'string' ? why : why()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the document's diagnostics satisfy `ok` (the extension debounces), or fails after `ms`. */
export async function diagnosticsWhere(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, ms = PATIENCE_MS): Promise<vscode.Diagnostic[]> {
  await waitFor(() => ok(vscode.languages.getDiagnostics(uri)),
    () => `diagnostics never matched; last: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1}: ${d.message}`))}`, ms);
  return vscode.languages.getDiagnostics(uri);
}

/**
 * Opens `uri` and resolves once the server has published its diagnostics for it (an empty list
 * counts: the collection changes for that uri), so "no errors" means checked and clean, not "not
 * checked yet". Fails after `ms`.
 */
export async function openChecked(uri: vscode.Uri, ms = PATIENCE_MS): Promise<vscode.TextDocument> {
  let sub: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const published = new Promise<void>((resolve, reject) => {
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) resolve();
    });
    timer = setTimeout(() => reject(new Error(`waited ${ms / 1000} s: no diagnostics were published for ${uri.path}`)), ms);
  });
  try {
    const doc = await openFile(uri);
    await published;
    return doc;
  } finally {
    sub?.dispose();
    clearTimeout(timer);
  }
}

export const errors = (ds: vscode.Diagnostic[]) => ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** The text of a hover's contents, Markdown or plain. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** Closes every editor, discarding the tests' unsaved changes (closing a dirty editor would ask). */
export async function closeAll(): Promise<void> {
  for (let i = 0; i < 100 && vscode.window.activeTextEditor; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // The next test's untitled document may get the same URI (`Untitled-1`); until the extension host
  // has heard that this one closed, it would keep this one's text under that URI.
  for (let i = 0; i < 100 && vscode.workspace.textDocuments.some((d) => d.isUntitled && !d.isClosed); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
}
