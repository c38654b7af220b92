// The per-layer panel: for l = 1…L the shapes of W, b, Z, A, dZ, dW, db in the course's notation,
// live norms of W[l] and dW[l], and a heat map of W[l]. Stable hooks for UI tests: `#layers` holds
// one `tr[data-layer=l]` per layer with `data-shape-w="4,2"`, `data-shape-dz="4,m"`, … (attribute
// names are lower case in HTML), `data-norm-w` / `data-norm-dw` once training reports them, and a
// `canvas.heat-map[data-cells="3x64"]` once its heat map is drawn (cells after pooling).
// Below NARROW (style.css has the same width) each row stacks: layer and norms on one line, the
// shapes under them, the heat map under those at the table's full width.
// Layers of an image network show their kind and window (`conv2d 6 relu · f 5, stride 1, pad 0`) and
// only the matrices they have, in 4-tuples for volumes (`A[2] (m, 12, 12, 6)`); only a dense layer's
// W gets a heat map (a conv layer's filters have a section of their own, webview/conv.ts).

import type { LayerShapes } from '../core/services/protocol';
import { formatNorm, layerLabel, MATRICES, shapeAttr, shapeLabel } from './format';
import { renderColorScale } from './colorScale';
import { heatMapSize } from './heatMapSize';
import { heatMapPixels } from './pixels';
import type { ViewState } from './reducer';
import { rgbVar } from './theme';

/** The panel width at which the layer table stacks its rows (as in style.css). */
const NARROW = '(max-width: 600px)';
/** The heat map's box in the wide layout, and its height (and greatest width) in the narrow one. */
const WIDE_BOX = { width: 200, height: 160 };
const NARROW_MAX_WIDTH = 400;

export class LayersView {
  private rows: HTMLTableRowElement[] = [];
  private key = '';

  constructor(private readonly body: HTMLTableSectionElement) {}

  update(s: ViewState): void {
    const layers = s.network?.layers ?? [];
    const key = JSON.stringify(layers);
    if (key !== this.key) this.build(layers);
    this.key = key;
    for (const stat of s.stats) {
      const row = this.rows[stat.l - 1];
      if (!row || row.dataset.shapeW === undefined) continue; // a pool or flatten has no W[l] to measure
      row.dataset.normW = String(stat.W.norm);
      row.dataset.normDw = String(stat.dW.norm);
      row.querySelector('.norm-w')!.textContent = formatNorm(stat.W.norm);
      row.querySelector('.norm-dw')!.textContent = formatNorm(stat.dW.norm);
    }
    s.heatMaps?.W.forEach((W, i) => {
      const canvas = this.rows[i]?.querySelector('canvas');
      if (!canvas || W.rows * W.cols === 0) return;
      canvas.width = W.cols;
      canvas.height = W.rows;
      canvas.dataset.cells = `${W.rows}x${W.cols}`;
      const [r, c] = s.heatMaps!.shapes[i];
      canvas.title = W.rows === r && W.cols === c ? `W[${i + 1}]` : `W[${i + 1}] (${r}, ${c}) pooled to ${W.rows}×${W.cols} cells`;
      const colors = { neg: rgbVar('--vscode-charts-orange', [209, 134, 22]), zero: rgbVar('--vscode-editor-background', [30, 30, 30]), pos: rgbVar('--vscode-charts-blue', [55, 148, 255]) };
      canvas.getContext('2d')!.putImageData(new ImageData(heatMapPixels(W, colors.neg, colors.zero, colors.pos), W.cols, W.rows), 0, 0);
      // After the heat map in its cell, so the row's first canvas stays the heat map.
      renderColorScale(canvas.parentElement!, W.scale, colors);
    });
    this.sizeHeatMaps();
  }

  /** Each canvas holds one pixel per cell; CSS scales it to the size heatMapSize picks for the panel's width. */
  private sizeHeatMaps(): void {
    const narrow = window.matchMedia(NARROW).matches;
    const box = narrow ? { width: Math.min(NARROW_MAX_WIDTH, this.body.clientWidth), height: WIDE_BOX.height } : WIDE_BOX;
    for (const row of this.rows) {
      const canvas = row.querySelector('canvas');
      if (!canvas?.dataset.cells) continue; // none (no dense W), or not drawn yet
      const { width, height } = heatMapSize(canvas.height, canvas.width, box.width, box.height);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
  }

  private build(layers: LayerShapes[]): void {
    this.body.replaceChildren();
    this.rows = layers.map((layer) => {
      const row = this.body.insertRow();
      row.dataset.layer = String(layer.l);
      for (const name of MATRICES) {
        const attr = shapeAttr(name, layer);
        if (attr !== undefined) row.setAttribute(`data-shape-${name.toLowerCase()}`, attr);
      }
      row.dataset.kind = layer.kind;
      const cell = (text: string, cls: string) => {
        const td = row.insertCell();
        td.textContent = text;
        td.className = cls;
        return td;
      };
      cell(`${layer.l}`, 'l');
      cell(layerLabel(layer), 'layer');
      // All seven shapes share one cell that wraps, so the table fits a narrow panel.
      const shapes = document.createElement('div');
      shapes.className = 'shapes';
      const shapesCell = row.insertCell();
      shapesCell.className = 'shapes-cell';
      shapesCell.append(shapes);
      for (const name of MATRICES) {
        const label = shapeLabel(name, layer);
        if (label === undefined) continue;
        const span = document.createElement('span');
        span.className = `shape shape-${name}`;
        span.textContent = label;
        shapes.append(span);
      }
      // The labels show in the narrow layout, where the table's header is hidden; a pool or
      // flatten has no W[l], so nothing to label there.
      const norm = (cls: string, label: string) => {
        const td = cell(layer.W ? '–' : '', cls);
        if (layer.W) td.dataset.label = label;
      };
      norm('norm norm-w', `‖W[${layer.l}]‖`);
      norm('norm norm-dw', `‖dW[${layer.l}]‖`);
      const heat = row.insertCell();
      heat.className = 'heat';
      if (layer.W?.length === 2) {
        const canvas = document.createElement('canvas');
        canvas.className = 'heat-map';
        heat.append(canvas);
      }
      return row;
    });
  }
}
