// The per-layer panel: for l = 1…L the shapes of W, b, Z, A, dZ, dW, db in the course's notation,
// live norms of W[l] and dW[l], and a heat map of W[l]. Stable hooks for UI tests: `#layers` holds
// one `tr[data-layer=l]` per layer with `data-shape-w="4,2"`, `data-shape-dz="4,m"`, … (attribute
// names are lower case in HTML) and `data-norm-w` / `data-norm-dw` once training reports them.

import type { LayerShapes } from '../core/protocol';
import { formatNumber, MATRICES, shapeAttr, shapeLabel } from './format';
import { heatMapPixels } from './pixels';
import type { ViewState } from './reducer';
import { rgbVar } from './theme';

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
      if (!row) continue;
      row.dataset.normW = String(stat.W.norm);
      row.dataset.normDw = String(stat.dW.norm);
      row.querySelector('.norm-w')!.textContent = formatNumber(stat.W.norm);
      row.querySelector('.norm-dw')!.textContent = formatNumber(stat.dW.norm);
    }
    s.heatMaps?.W.forEach((W, i) => {
      const canvas = this.rows[i]?.querySelector('canvas');
      if (!canvas) return;
      canvas.width = W.cols;
      canvas.height = W.rows;
      const [r, c] = s.heatMaps!.shapes[i];
      canvas.title = W.rows === r && W.cols === c ? `W[${i + 1}]` : `W[${i + 1}] (${r}, ${c}) pooled to ${W.rows}×${W.cols} cells`;
      const px = heatMapPixels(W, rgbVar('--vscode-charts-orange', [209, 134, 22]), rgbVar('--vscode-editor-background', [30, 30, 30]), rgbVar('--vscode-charts-blue', [55, 148, 255]));
      canvas.getContext('2d')!.putImageData(new ImageData(px, W.cols, W.rows), 0, 0);
    });
  }

  private build(layers: LayerShapes[]): void {
    this.body.replaceChildren();
    this.rows = layers.map((layer) => {
      const row = this.body.insertRow();
      row.dataset.layer = String(layer.l);
      for (const name of MATRICES) row.setAttribute(`data-shape-${name.toLowerCase()}`, shapeAttr(name, layer));
      const cell = (text: string, cls?: string) => {
        const td = row.insertCell();
        td.textContent = text;
        if (cls) td.className = cls;
        return td;
      };
      cell(`${layer.l}`);
      cell(`${layer.units} ${layer.activation}`);
      // All seven shapes share one cell that wraps, so the table fits a narrow panel.
      const shapes = document.createElement('div');
      shapes.className = 'shapes';
      row.insertCell().append(shapes);
      for (const name of MATRICES) {
        const span = document.createElement('span');
        span.className = `shape shape-${name}`;
        span.textContent = shapeLabel(name, layer);
        shapes.append(span);
      }
      cell('–', 'norm norm-w');
      cell('–', 'norm norm-dw');
      const canvas = document.createElement('canvas');
      canvas.className = 'heat-map';
      row.insertCell().append(canvas);
      return row;
    });
  }
}
