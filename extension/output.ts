// The output channel of "NN: Show Shapes", created on first use so activation stays cheap. Its name
// is its own: the language client's channel (extension/client.ts) is "NN Studio", and two channels
// of one name cannot be told apart in the Output view's list.

import * as vscode from 'vscode';

export const OUTPUT_NAME = 'NN Studio Shapes';

let channel: vscode.OutputChannel | undefined;

export function output(): vscode.OutputChannel {
  channel ??= vscode.window.createOutputChannel(OUTPUT_NAME);
  return channel;
}

export function disposeOutput(): void {
  channel?.dispose();
  channel = undefined;
}
