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
// A course-5 layer (rnn, lstm, gru, embedding, self_attention, layer_norm) shows its parameters by
// their own names (`Wax[1] (32, 2)`, `data-shape-wax="32,2"`) and its output through time
// (`a[1]⟨t⟩ (32, m), t = 1…50`, `data-steps="50"`), without norms or a heat map of W.
// A normalized layer has a row of plots under its own: γ[l], β[l] and the running statistics
// (normPlots.ts).

import type { GroupEntry, LayerEntry, ShapesEntry } from '../core/services/format/shapesJson';
import type { LayerShapes } from '../core/services/protocol';
import { formatShape, groupLabel } from './diagram/layout';
import { formatNorm, layerLabel, MATRICES, namedLabel, shapeAttr, shapeLabel, stepLabel } from './format';
import { renderColorScale } from './colorScale';
import { heatMapSize } from './heatMapSize';
import { renderNormRow } from './normPlots';
import { heatMapPixels } from './pixels';
import type { ViewState } from './reducer';
import { rgbVar } from './theme';

/** The panel width at which the layer table stacks its rows (as in style.css). */
const NARROW = '(max-width: 600px)';
/** The heat map's box in the wide layout, and its height (and greatest width) in the narrow one. */
const WIDE_BOX = { width: 200, height: 160 };
const NARROW_MAX_WIDTH = 400;

/** A nested row's indent: a group's layers stand under it, one step in. */
const indent = (depth: number): string => `${8 + 14 * depth}px`;

export class LayersView {
  private rows: HTMLTableRowElement[] = [];
  private key = '';
  /** the norms last drawn: they change with a snapshot, a few times a second, not with every progress report */
  private norms?: ViewState['norms'];

  constructor(private readonly body: HTMLTableSectionElement) {}

  update(s: ViewState): void {
    const layers = s.network?.layers ?? [];
    const tree = s.network?.diagram?.json.layers;
    const key = JSON.stringify([layers, tree]);
    if (key !== this.key) {
      this.build(layers, tree);
      this.norms = undefined;
    }
    this.key = key;
    if (s.norms !== this.norms) {
      for (const norm of s.norms ?? []) {
        const row = this.rows[norm.l - 1];
        if (row) renderNormRow(row, norm, indent(Number(row.dataset.depth) + 1));
      }
      this.norms = s.norms;
    }
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

  /**
   * One row per layer; with the network's tree (nn shapes --json), a row for each group before its
   * layers (`tr.group[data-group=residual]`), and every row indented by how deep it is nested.
   */
  private build(layers: LayerShapes[], tree?: ShapesEntry[]): void {
    this.body.replaceChildren();
    this.rows = [];
    const byL = new Map(layers.map((layer) => [layer.l, layer]));
    const walk = (entries: ShapesEntry[], depth: number) => {
      for (const entry of entries) {
        if ('children' in entry && Array.isArray(entry.children)) {
          this.groupRow(entry as GroupEntry, depth);
          walk(entry.children, depth + 1);
        } else {
          const layer = byL.get((entry as LayerEntry).index);
          if (layer) this.layerRow(layer, depth);
        }
      }
    };
    if (tree) walk(tree, 0);
    else for (const layer of layers) this.layerRow(layer, 0);
  }

  private groupRow(entry: GroupEntry, depth: number): void {
    const row = this.body.insertRow();
    row.className = 'group';
    row.dataset.group = entry.kind;
    row.dataset.depth = String(depth);
    const td = row.insertCell();
    td.colSpan = 6;
    td.textContent = `${groupLabel(entry)}${entry.A ? ` · A ${formatShape(entry.A)}` : ''}${entry.params > 0 ? ` · ${entry.params.toLocaleString('en-US')} params` : ''}`;
    if (depth > 0) td.style.paddingLeft = indent(depth);
  }

  private layerRow(layer: LayerShapes, depth: number): void {
    const row = this.body.insertRow();
    row.dataset.layer = String(layer.l);
    row.dataset.depth = String(depth);
    for (const name of MATRICES) {
      const attr = shapeAttr(name, layer);
      if (attr !== undefined) row.setAttribute(`data-shape-${name.toLowerCase()}`, attr);
    }
    for (const { name, dims } of layer.named ?? []) row.setAttribute(`data-shape-${name.toLowerCase()}`, dims.join(','));
    if (layer.step) row.dataset.steps = String(layer.step.T);
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
    const span = (text: string, cls: string) => {
      const s = document.createElement('span');
      s.className = `shape ${cls}`;
      s.textContent = text;
      shapes.append(s);
    };
    for (const { name, dims } of layer.named ?? []) span(namedLabel(name, dims, layer.l), 'shape-named');
    const step = stepLabel(layer);
    for (const name of MATRICES) {
      const label = shapeLabel(name, layer);
      // with `return: last`, A[l] is a⟨T_x⟩, which the step label says
      if (label !== undefined && !(name === 'A' && layer.step?.last)) span(label, `shape-${name}`);
    }
    if (step) span(step, 'shape-step');
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
    if (depth > 0) row.cells[0].style.paddingLeft = indent(depth);
    this.rows[layer.l - 1] = row;
  }
}
