// A normalized layer's γ[l], β[l] and, for batch norm, its running μ and σ² as they train (issue
// 20): a row under the layer's row in the layer table with one small bar chart per quantity, a bar
// per unit (dense) or channel (conv) drawn from the value the quantity starts at (γ and σ² 1, β and
// μ 0: a fresh layer's plots are flat), and the smallest and largest value as text, so that γ
// moving away from 1 or a channel's running variance collapsing is seen at once.
// Hooks for UI tests: `tr.norm-stats[data-norm-of=l]` holding `canvas.norm-plot[data-quantity]`
// (gamma, beta, mean, variance) with `data-values` (comma-separated, 4 significant digits) and
// `data-units` (the layer's units before pooling).

import type { NormSnapshot, Plain } from '../core/services/protocol';
import { formatNumber } from './format';
import { css, cssVar, rgbVar } from './theme';

/** The quantities in their order, each with its label in the course's notation and its start (spec §13). */
const QUANTITIES = [
  ['gamma', (l: number) => `γ[${l}]`, 1],
  ['beta', (l: number) => `β[${l}]`, 0],
  ['mean', (l: number) => `running μ[${l}]`, 0],
  ['variance', (l: number) => `running σ²[${l}]`, 1],
] as const;

/** A plot's size in CSS pixels. */
const PLOT = { width: 132, height: 36 };

/** The lowest and highest value a plot's axis spans: always its base, where the bars start. */
export function plotRange(values: readonly number[], base: number): [number, number] {
  let lo = base;
  let hi = base;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi === lo ? [base - 1, base + 1] : [lo, hi];
}

/** The plots' row of layer l, made after `layerRow` once and redrawn with each snapshot. */
export function renderNormRow(layerRow: HTMLTableRowElement, snapshot: Plain<NormSnapshot>, indent: string): void {
  let row = layerRow.nextElementSibling as HTMLTableRowElement | null;
  if (!row?.classList.contains('norm-stats')) {
    row = document.createElement('tr');
    row.className = 'norm-stats';
    row.dataset.normOf = String(snapshot.l);
    const td = row.insertCell();
    td.colSpan = 6;
    td.style.paddingLeft = indent;
    layerRow.after(row);
  }
  const cell = row.cells[0];
  for (const [quantity, label, base] of QUANTITIES) {
    const values = snapshot[quantity];
    if (!values) continue;
    let figure = cell.querySelector<HTMLElement>(`figure[data-quantity=${quantity}]`);
    if (!figure) {
      figure = document.createElement('figure');
      figure.dataset.quantity = quantity;
      const canvas = document.createElement('canvas');
      canvas.className = 'norm-plot';
      canvas.dataset.quantity = quantity;
      figure.append(canvas, document.createElement('figcaption'));
      cell.append(figure);
    }
    drawPlot(figure.querySelector('canvas')!, values, snapshot.units, base);
    const [lo, hi] = extremes(values);
    figure.querySelector('figcaption')!.textContent = `${label(snapshot.l)} ${formatNumber(lo)} … ${formatNumber(hi)}`;
  }
}

function extremes(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  return finite.length ? [Math.min(...finite), Math.max(...finite)] : [NaN, NaN];
}

/** One bar per value from the base line, blue above it and orange below (the heat maps' colours). */
function drawPlot(canvas: HTMLCanvasElement, values: readonly number[], units: number, base: number): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(PLOT.width * ratio);
  canvas.height = Math.round(PLOT.height * ratio);
  canvas.style.width = `${PLOT.width}px`;
  canvas.style.height = `${PLOT.height}px`;
  canvas.dataset.values = values.map((v) => String(Number(v.toPrecision(4)))).join(',');
  canvas.dataset.units = String(units);
  canvas.title = `${values.length < units ? `${units} values, averaged in ${values.length} groups` : `${units} values`}; bars from ${base}, where training starts`;
  const g = canvas.getContext('2d')!;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, PLOT.width, PLOT.height);
  const [lo, hi] = plotRange(values, base);
  const y = (v: number) => ((hi - v) / (hi - lo)) * (PLOT.height - 2) + 1;
  const step = PLOT.width / values.length;
  const pos = css(rgbVar('--vscode-charts-blue', [55, 148, 255]));
  const neg = css(rgbVar('--vscode-charts-orange', [209, 134, 22]));
  values.forEach((v, k) => {
    if (!Number.isFinite(v)) return;
    g.fillStyle = v >= base ? pos : neg;
    const top = Math.min(y(v), y(base));
    g.fillRect(k * step + (step > 3 ? 0.5 : 0), top, Math.max(1, step - (step > 3 ? 1 : 0)), Math.max(1, Math.abs(y(v) - y(base))));
  });
  g.fillStyle = cssVar('--vscode-descriptionForeground', '#888');
  g.fillRect(0, Math.round(y(base)) - 0.5, PLOT.width, 1);
}
