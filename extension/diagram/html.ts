// The network diagram's page: the training panel's strict policy and bundling (train/html.ts), the
// diagram's own script and stylesheet.

import type * as vscode from 'vscode';
import { bundledPage } from '../train/html';

export function diagramHtml(webview: vscode.Webview, dist: vscode.Uri): string {
  return bundledPage(webview, dist, { bundle: 'diagram', title: 'NN: Network Diagram', body: `<div id="notice" role="status" hidden></div>
<div id="diagram" class="diagram-scroll"></div>` });
}
