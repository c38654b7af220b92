// The training panel's page: a strict Content-Security-Policy (scripts only with this load's nonce,
// styles and scripts only from the extension's dist/), the script and stylesheet esbuild bundled
// from webview/, and the skeleton webview/*.ts fills in.

import * as vscode from 'vscode';
import { newNonce, webviewPage } from '../webviewPage';

/**
 * A page of one esbuild bundle from dist/ (`<bundle>.js` and `<bundle>.css`), titled by an
 * `<h1 id="title">`; the comparison panel's page shares it.
 */
export function bundledPage(webview: vscode.Webview, dist: vscode.Uri, page: { bundle: string; title: string; body: string }): string {
  const nonce = newNonce();
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(dist, name)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return webviewPage({
    csp,
    title: page.title,
    head: `<link rel="stylesheet" href="${asset(`${page.bundle}.css`)}" nonce="${nonce}">`,
    body: `<h1 id="title">${page.title}</h1>
${page.body}
<script nonce="${nonce}" src="${asset(`${page.bundle}.js`)}"></script>`,
  });
}

export function trainingHtml(webview: vscode.Webview, dist: vscode.Uri): string {
  return bundledPage(webview, dist, { bundle: 'webview', title: 'NN: Train Network', body: `<div class="controls">
  <vscode-button id="train">Train</vscode-button>
  <vscode-button id="pause" secondary>Pause</vscode-button>
  <vscode-button id="step" secondary>Step</vscode-button>
  <vscode-button id="stop" secondary>Stop</vscode-button>
  <vscode-button id="reset" secondary>Reset</vscode-button>
  <label>α <vscode-textfield id="learning-rate" aria-label="learning rate"></vscode-textfield></label>
  <label>iterations <vscode-textfield id="iterations" aria-label="iterations"></vscode-textfield></label>
  <label>speed <select id="speed" aria-label="training speed, in iterations a second">
    <option value="0">full</option>
    <option value="1000">1000 it/s</option>
    <option value="100">100 it/s</option>
    <option value="10">10 it/s</option>
  </select></label>
  <vscode-checkbox id="log-scale" label="log scale"></vscode-checkbox>
  <vscode-button id="save-weights" secondary>Save weights</vscode-button>
  <vscode-button id="export-network" secondary title="Export to PyTorch or ONNX with the trained weights">Export…</vscode-button>
  <vscode-button id="copy-costs" secondary>Copy cost history</vscode-button>
</div>
<div id="summary" role="status"></div>
<div id="notice" hidden></div>
<div id="error" role="alert" hidden></div>
<div class="panels">
  <div class="chart-box"><canvas id="cost-chart" data-points="0"></canvas></div>
  <section id="boundary-box" hidden>
    <canvas id="boundary" aria-label="decision boundary"></canvas>
    <div id="boundary-legend" class="legend"></div>
  </section>
</div>
<section id="images-box" hidden>
  <h2>Images</h2>
  <p class="legend">ŷ: the predicted class, y: the true class; a mistake is marked ✗ and framed. Click an image to see its feature maps.</p>
  <div id="images" class="image-grid"></div>
</section>
<section id="samples-box" hidden>
  <h2>Samples</h2>
  <p class="hint">Lines drawn from the weights of each logged iteration, newest first. With the weights of that iteration (Save weights there, or <code>nn train FILE --iterations N --save-weights …</code>), the command under an entry prints its lines again.</p>
  <div id="samples"></div>
</section>
<h2>Layers</h2>
<table id="layers">
  <thead><tr><th>l</th><th>n[l], g[l]</th><th>shapes</th><th>‖W[l]‖</th><th>‖dW[l]‖</th><th>W[l]</th></tr></thead>
  <tbody></tbody>
</table>
<section id="conv" hidden>
  <h2>Filters</h2>
  <div id="filters" class="sheets"></div>
  <h2>Feature maps</h2>
  <label>example <input id="example" type="number" min="1" value="1" aria-label="example whose feature maps are shown"></label>
  <span id="example-set"></span>
  <div id="maps" class="sheets"></div>
</section>
<section id="time" hidden>
  <h2>Through time</h2>
  <label>example <input id="time-example" type="number" min="1" value="1" aria-label="example whose maps through time are shown"></label>
  <span id="time-example-set"></span>
  <div id="time-maps"></div>
</section>
<details id="diagram-box" open hidden>
  <summary>Diagram</summary>
  <div id="diagram" class="diagram-scroll"></div>
</details>` });
}
