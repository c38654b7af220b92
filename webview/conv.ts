// The conv sections of the panel: each conv layer's filters (one tile per filter and input channel)
// and the feature maps A[l] of one chosen example (one tile per channel), each layer's tiles on one
// canvas (webview/tiles.ts), drawn at the panel's resolution, on a diverging scale from theme colours
// shown under each sheet with its end values (webview/colorScale.ts). Redrawn only when a new
// snapshot arrived. Hooks: `#filters canvas[data-layer][data-tiles]`, `#maps canvas[data-layer]
// [data-tiles]`, `#conv[data-iteration][data-example]`.

import type { FeatureMaps, Filters, Plain } from '../core/services/protocol';
import { formatNumber } from './format';
import type { ViewState } from './reducer';
import { markExample, Redraw } from './exampleView';
import { rgbVar } from './theme';
import { renderColorScale } from './colorScale';
import { perRowFor, sheetPixels, sheetSize, type Sheet } from './tiles';

/** CSS pixels a tile's longer side aims for: filters are tiny (5 × 5), maps larger (24 × 24). */
const FILTER_PX = 40;
const MAP_PX = 56;

export class ConvView {
  private readonly redraw = new Redraw();

  constructor(
    private readonly box: HTMLElement,
    private readonly filters: HTMLElement,
    private readonly maps: HTMLElement,
    private readonly example: HTMLInputElement,
    private readonly exampleSet: HTMLElement,
  ) {}

  /** Redraws when a new snapshot came (or the width changed); true when it did. */
  update(s: ViewState): boolean {
    const conv = s.conv;
    this.box.hidden = !conv && !s.network?.layers.some((layer) => layer.W?.length === 4);
    const width = this.filters.clientWidth;
    if (!conv || !this.redraw.due(conv, width)) return false;
    markExample(this.box, this.example, this.exampleSet, conv);
    const colors = {
      neg: rgbVar('--vscode-charts-orange', [209, 134, 22]),
      zero: rgbVar('--vscode-editor-background', [30, 30, 30]),
      pos: rgbVar('--vscode-charts-blue', [55, 148, 255]),
      frame: rgbVar('--vscode-panel-border', [128, 128, 128]),
    };
    const available = Math.max(120, width);
    draw(this.filters, conv.filters.map((f) => filterFigure(f, available)), colors);
    draw(this.maps, conv.maps.map((m) => mapFigure(m, available)), colors);
    return true;
  }
}

interface Figure {
  l: number;
  caption: string;
  sheet: Sheet;
  /** levels −127…127 (protocol `Levels`): the sheet's own largest |level| is its scale */
  data: number[];
  /** the value the scale's ends stand for: ±max */
  max: number;
}

function scaleFor(h: number, w: number, px: number): number {
  return Math.max(1, Math.round(px / Math.max(h, w)));
}

function filterFigure(f: Plain<Filters>, width: number): Figure {
  const scale = scaleFor(f.f, f.f, FILTER_PX);
  const left = f.shown < f.filters ? ` (the first ${f.shown} drawn)` : '';
  return {
    l: f.l,
    caption: `W[${f.l}] (${f.f}, ${f.f}, ${f.channels}, ${f.filters}): ${f.filters} filters${left}, one column each, a row per input channel; |w| ≤ ${formatNumber(f.data.scale)}`,
    sheet: { h: f.f, w: f.f, tiles: f.shown * f.channels, group: f.channels, perRow: perRowFor(f.f, scale, width), scale },
    data: f.data.levels,
    max: f.data.scale,
  };
}

function mapFigure(m: Plain<FeatureMaps>, width: number): Figure {
  const scale = scaleFor(m.n_H, m.n_W, MAP_PX);
  const left = m.shown < m.n_C ? ` (the first ${m.shown} drawn)` : '';
  return {
    l: m.l,
    caption: `A[${m.l}] (${m.n_H}, ${m.n_W}, ${m.n_C}): ${m.n_C} channel${m.n_C === 1 ? '' : 's'}${left}; |a| ≤ ${formatNumber(m.data.scale)}`,
    sheet: { h: m.n_H, w: m.n_W, tiles: m.shown, group: 1, perRow: perRowFor(m.n_W, scale, width), scale },
    data: m.data.levels,
    max: m.data.scale,
  };
}

/** One figure per layer: its caption (text, never HTML) and its sheet on a canvas, one pixel per CSS pixel. */
function draw(parent: HTMLElement, figures: Figure[], colors: Parameters<typeof sheetPixels>[2]): void {
  while (parent.children.length > figures.length) parent.lastElementChild!.remove();
  figures.forEach((fig, i) => {
    let el = parent.children[i] as HTMLElement | undefined;
    if (!el) {
      el = document.createElement('figure');
      el.append(document.createElement('figcaption'), document.createElement('canvas'));
      parent.append(el);
    }
    el.querySelector('figcaption')!.textContent = fig.caption;
    const canvas = el.querySelector('canvas')!;
    const { width, height } = sheetSize(fig.sheet);
    canvas.width = width;
    canvas.height = height;
    canvas.dataset.layer = String(fig.l);
    canvas.dataset.tiles = String(fig.sheet.tiles);
    canvas.getContext('2d')!.putImageData(new ImageData(sheetPixels(fig.sheet, fig.data, colors), width, height), 0, 0);
    renderColorScale(el, fig.max, colors);
  });
}
