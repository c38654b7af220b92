// The maps through time (issues 21–22): for the chosen example, each recurrent layer's a⟨t⟩ (an
// LSTM's c⟨t⟩ and gates Γf, Γi, Γo; a GRU's Γr, Γu) as units × steps, and each attention head's α
// as query step × key step, with the example's tokens along the steps. One heat-map figure per
// map: a canvas of one pixel per cell that CSS scales (heatMapSize.ts), labelled axes (timeAxes.ts)
// and a colour scale that names itself: values in [0, 1] (the gates Γ, α: the snapshot marks them)
// on a sequential scale fixed from 0 to 1, a⟨t⟩ and c⟨t⟩ on the heat maps' diverging one, scaled
// to their largest |value|. Tokens are user data: text nodes only.
// Hooks: `#time[data-iteration][data-example]`, `figure.time-map[data-layer][data-name][data-head]`
// holding `canvas[data-cells="RxC"]` and `.color-scale[data-scale]`.

import type { LayerShapes, Plain, TimeMap, TimeSnapshot } from '../core/services/protocol';
import type { RGB } from './colors';
import { renderColorScale, renderUnitScale } from './colorScale';
import { heatMapSize } from './heatMapSize';
import { heatMapPixels, unitPixels } from './pixels';
import type { ViewState } from './reducer';
import { markExample, Redraw } from './exampleView';
import { divergingColors, sequentialColors } from './theme';
import { attentionSide, axisLabels, longestLabel, tokenSide, type AxisLabel } from './timeAxes';

/** Greatest height of a units × steps map in CSS pixels (an attention map's side: timeAxes.ts). */
const UNITS_HEIGHT = 128;
/** Width of a step of a units × steps map when the panel has room: a character token fits. */
const STEP_PX = 14;
/** Room left of a map for its row labels and the axis title. */
const Y_AXIS = 56;

type Time = Plain<TimeSnapshot> & { iteration: number };

export class TimeMapsView {
  private readonly redraw = new Redraw();

  /** `box` the section, `maps` where the figures go, the example field and the sentence beside it */
  constructor(private readonly box: HTMLElement, private readonly maps: HTMLElement, private readonly example: HTMLInputElement, private readonly exampleSet: HTMLElement) {}

  /** Draws the snapshot's maps unless drawn already at this width; true when it did. */
  update(s: ViewState): boolean {
    const time = s.time;
    this.box.hidden = !time;
    const width = this.maps.clientWidth;
    if (!time || !this.redraw.due(time, width)) return false;
    const left = time.omitted ? ` · ${time.omitted} more map${time.omitted === 1 ? '' : 's'} left out (at most 32,768 cells a snapshot)` : '';
    markExample(this.box, this.example, this.exampleSet, time, left);
    const colors: Colors = { diverging: divergingColors(), sequential: sequentialColors() };
    const layers = [...new Set(time.maps.map((m) => m.l))];
    this.maps.replaceChildren(...layers.map((l) => {
      const group = element('section', 'time-layer');
      group.dataset.layer = String(l);
      group.append(element('h3', '', layerTitle(l, s.network?.layers.find((layer) => layer.l === l))));
      const figures = element('div', 'time-figures');
      figures.append(...time.maps.filter((m) => m.l === l).map((m) => figure(m, time, Math.max(160, width), colors)));
      group.append(figures);
      return group;
    }));
    return true;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** `l = 1 · lstm 64`, from the layer table's shapes when the panel has them. */
function layerTitle(l: number, layer?: LayerShapes): string {
  return layer ? `l = ${l} · ${layer.kind}${layer.units ? ` ${layer.units}` : ''}` : `l = ${l}`;
}

interface Colors {
  diverging: ReturnType<typeof divergingColors>;
  sequential: RGB[];
}

/** What the legends say of their scale. */
const SCALE_NAMES = { diverging: 'diverging: ± the largest |value|', sequential: 'sequential: 0 to 1, never rescaled' };

/** One map: caption, row labels, the canvas, step labels under it, axis titles, colour scale. */
function figure(m: Plain<TimeMap>, time: Time, width: number, colors: Colors): HTMLElement {
  const { rows, cols } = m.map;
  const attention = m.rows === 'queries';
  const fig = element('figure', 'time-map');
  Object.assign(fig.dataset, { layer: String(m.l), name: m.name, ...(m.head ? { head: String(m.head) } : {}) });
  const [r, c] = m.shape;
  const pooled = rows !== r || cols !== c ? `, averaged to ${rows} × ${cols} cells` : '';
  fig.append(element('figcaption', '', `${m.name}${m.head ? ` head ${m.head}` : ''} · ${m.title} · (${r}, ${c})${pooled}`));
  const room = width - Y_AXIS;
  const side = attentionSide(cols, room);
  const square = attention ? heatMapSize(rows, cols, side, side) : heatMapSize(rows, cols, room, UNITS_HEIGHT);
  // the steps get room for a one-character token each where the panel has it: labels, not squares, matter along t
  const size = attention ? square : { ...square, width: Math.min(room, Math.max(square.width, cols * STEP_PX)) };
  const canvas = element('canvas', 'time-canvas');
  canvas.width = cols;
  canvas.height = rows;
  canvas.dataset.cells = `${rows}x${cols}`;
  canvas.style.width = `${size.width}px`;
  canvas.style.height = `${size.height}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${m.title} of layer ${m.l} over ${attention ? 'query and key steps' : 'its units and the steps'}`);
  const { neg, zero, pos } = colors.diverging;
  const pixels = m.bounds ? unitPixels(m.map, colors.sequential) : heatMapPixels({ rows, cols, data: m.map.data }, neg, zero, pos);
  canvas.getContext('2d')!.putImageData(new ImageData(pixels, cols, rows), 0, 0);
  const steps = time.tokens;
  const plot = element('div', 'time-plot');
  plot.append(
    element('div', 'time-y-title', attention ? 'query ⟨t⟩' : 'unit'),
    ticks('time-y-ticks', axisLabels(r, rows, size.height, attention ? steps : undefined), size.height, 'top'),
    canvas,
    ticks('time-x-ticks', axisLabels(c, cols, size.width, steps), size.width, 'left', tokenSide(c, cols, steps)),
    element('div', 'time-x-title', attention ? 'key ⟨t′⟩' : 'step t'),
  );
  fig.append(plot);
  if (m.bounds) renderUnitScale(fig, colors.sequential, SCALE_NAMES.sequential);
  else renderColorScale(fig, m.map.scale, colors.diverging, SCALE_NAMES.diverging);
  return fig;
}

/**
 * A side's labels, each placed at its fraction of the side; `downwards`: tokens under a map, written
 * letter under letter so that `<pad>` takes one character's width (the box as tall as the longest).
 */
function ticks(className: string, labels: AxisLabel[], px: number, side: 'top' | 'left', downwards = false): HTMLElement {
  const box = element('div', className);
  box.style[side === 'left' ? 'width' : 'height'] = `${px}px`;
  if (downwards) {
    box.classList.add('downwards');
    box.style.height = `${longestLabel(labels) + 0.4}em`;
  }
  box.append(...labels.map(({ at, label }) => {
    const span = element('span', '', label);
    span.style[side] = `${(at * 100).toFixed(2)}%`;
    return span;
  }));
  return box;
}
