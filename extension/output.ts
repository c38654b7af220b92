// The one "NN Studio" output channel, created on first use so activation stays cheap.

import * as vscode from 'vscode';

let channel: vscode.OutputChannel | undefined;

export function output(): vscode.OutputChannel {
  channel ??= vscode.window.createOutputChannel('NN Studio');
  return channel;
}

export function disposeOutput(): void {
  channel?.dispose();
  channel = undefined;
}
