// The comparison panel's page: the training panel's Content-Security-Policy (extension/train/html.ts),
// the script and stylesheet esbuild bundled from webview/compare/, and the skeleton they fill in.

import * as vscode from 'vscode';
import { bundledPage } from '../train/html';

export function compareHtml(webview: vscode.Webview, dist: vscode.Uri): string {
  return bundledPage(webview, dist, { bundle: 'compare', title: 'NN: Compare Runs', body: `<div class="controls">
  <vscode-button id="train-all">Train all</vscode-button>
  <vscode-button id="stop-all" secondary>Stop all</vscode-button>
  <vscode-checkbox id="log-scale" label="log scale"></vscode-checkbox>
</div>
<div id="notice" hidden></div>
<div class="charts">
  <div class="chart-box"><canvas id="compare-cost" data-lines="0" aria-label="cost J of every run"></canvas></div>
  <div class="chart-box"><canvas id="compare-accuracy" aria-label="train and test accuracy of every run"></canvas></div>
</div>
<table id="runs"><tbody></tbody></table>
<div id="notes" role="status"></div>` });
}
