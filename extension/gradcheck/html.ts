// The "Check Gradients" view: the result rendered once, as static HTML with no script at all. A
// strict Content-Security-Policy allows only this load's inline stylesheet; every piece of text,
// the network's name included, is escaped; colours come from the theme's --vscode-* variables.

import type { EntryCheck, GradCheckResult, ParameterCheck, Verdict } from '../../core/engine/gradcheck';
import { thousands } from '../../core/foundation/numbers';
import { checkedText, differenceText, entryName, headline, parameterDifferenceText, parameterName, VERDICT_WORDS, verdictSentence } from '../../core/services/format/gradcheck';
import { newNonce, webviewPage } from '../webviewPage';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** (rows, cols), or a conv layer's 4-tuple, as every other view writes it. */
const shapeText = (p: ParameterCheck): string => `(${p.shape.join(', ')})`;

const verdictCell = (v: Verdict): string => `<td class="verdict ${v}">${escape(VERDICT_WORDS[v])}</td>`;

/** Entries with both gradients and their gap; counted from 1 (entryName). */
function entryTable(entries: readonly EntryCheck[], id?: string): string {
  if (entries.length === 0) return '<p class="note">No entry could be compared.</p>';
  const rows = entries.map((e) =>
    `<tr><th scope="row">${escape(entryName(e))}</th><td class="num">${e.backprop.toExponential(6)}</td>` +
    `<td class="num">${e.numerical.toExponential(6)}</td><td class="num">${Math.abs(e.numerical - e.backprop).toExponential(2)}</td></tr>`).join('\n');
  return `<table${id ? ` id="${id}"` : ''}>
  <thead><tr><th>entry</th><th>backprop dθ</th><th>numerical (J(θ+ε) − J(θ−ε)) / 2ε</th><th>|difference|</th></tr></thead>
  <tbody>
${rows}
  </tbody>
</table>`;
}

export function gradCheckHtml(r: GradCheckResult, file: string): string {
  const parameters = r.perParameter.map((p) =>
    `<tr data-theta="${escape(parameterName(p))}"><th scope="row">${escape(parameterName(p))}</th><td>${shapeText(p)}</td>` +
    `<td class="num">${escape(checkedText(p))}</td><td class="num">${escape(parameterDifferenceText(p))}</td>${verdictCell(p.verdict)}</tr>`).join('\n');
  const byParameter = r.perParameter.map((p) => `<section data-theta="${escape(parameterName(p))}">
<h3>${escape(parameterName(p))} ${shapeText(p)}: <span class="verdict ${p.verdict}">${escape(VERDICT_WORDS[p.verdict])}</span>, difference ${escape(parameterDifferenceText(p))}, ${escape(checkedText(p))} entries</h3>
${entryTable(p.worst)}
</section>`).join('\n');
  return page(`<h1>Gradient check: ${escape(r.network)}</h1>
<p class="note">${escape(file)} · ${escape(headline(r))}</p>
<p id="verdict" class="${r.verdict}" role="status"><strong>${escape(VERDICT_WORDS[r.verdict])}</strong>: ${escape(verdictSentence(r.verdict, r.difference))}</p>
<h2>Per parameter</h2>
<table id="parameters">
  <thead><tr><th>θ</th><th>shape</th><th>entries checked</th><th>difference</th><th>verdict</th></tr></thead>
  <tbody>
${parameters}
  </tbody>
  <tfoot><tr><th scope="row">overall</th><td></td><td class="num">${r.checked.toLocaleString('en-US')}</td><td class="num">${escape(differenceText(r.difference))}</td>${verdictCell(r.verdict)}</tr></tfoot>
</table>
<h2>Worst entries</h2>
${entryTable(r.worst, 'worst')}
<h2>Each parameter's worst entries</h2>
${byParameter}
<p class="note">difference = ‖g_approx − g‖₂ / (‖g_approx‖₂ + ‖g‖₂): below 1e-7 fine, below 1e-5 look closer, otherwise a bug. Rows and columns count from 1.</p>`);
}

/** The view's page: `body` under the theme's colours, with no script (CSP: this load's stylesheet only). */
function page(body: string): string {
  const nonce = newNonce();
  return webviewPage({
    csp: `default-src 'none'; style-src 'nonce-${nonce}'`,
    title: 'NN: Check Gradients',
    head: `<style nonce="${nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 1.5em; }
  table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
  th, td { text-align: left; padding: 0.25em 1em 0.25em 0; border-bottom: 1px solid var(--vscode-panel-border); }
  thead th { color: var(--vscode-descriptionForeground); font-weight: normal; }
  .num { text-align: right; font-family: var(--vscode-editor-font-family); }
  .verdict.fine { color: var(--vscode-testing-iconPassed); }
  .verdict.closer { color: var(--vscode-editorWarning-foreground); }
  .verdict.bug { color: var(--vscode-errorForeground); font-weight: bold; }
  #verdict { padding: 0.5em 0.75em; border-left: 4px solid var(--vscode-textLink-foreground); background: var(--vscode-textBlockQuote-background); }
  #verdict.closer { border-color: var(--vscode-editorWarning-foreground); }
  #verdict.bug { border-color: var(--vscode-errorForeground); }
  .note { color: var(--vscode-descriptionForeground); }
  h3 { font-size: 1em; font-weight: normal; margin-bottom: 0; }
</style>`,
    body,
  });
}

/**
 * The view while a check runs (entries done of the total, once the thread has counted them), or
 * after it was cancelled or failed: the view opens at once, not minutes later with the result.
 */
export function progressHtml(network: string, file: string, progress?: { done: number; total: number }, ended?: 'cancelled' | 'failed'): string {
  const status = ended === 'cancelled' ? 'Cancelled: no result.'
    : ended === 'failed' ? 'The check failed (the notification says why).'
    : progress ? `Checking… ${thousands(progress.done)} of ${thousands(progress.total)} entries compared.` : 'Checking… loading the data and the initial weights.';
  return page(`<h1>Gradient check: ${escape(network)}</h1>
<p class="note">${escape(file)}</p>
<p id="progress" role="status"${progress && !ended ? ` data-done="${progress.done}" data-total="${progress.total}"` : ''}${ended ? ` data-ended="${ended}"` : ''}>${escape(status)}</p>`);
}
