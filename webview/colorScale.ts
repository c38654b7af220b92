// The colour scale of a heat map or a sheet of tiles: the diverging ramp its colours come from, with
// the values at its ends and middle as text (`−0.53`, `0`, `0.53`), so a colour reads as a number.
// Hook: `.color-scale[data-min][data-max]`.

import type { RGB } from './colors';
import { formatNumber } from './format';
import { rampPixels } from './pixels';

/** Pixels of the ramp: CSS stretches it to the legend's width. */
const RAMP = 64;

/** The labels at the ramp's left end, middle and right end for values scaled to ±max. */
export function scaleLabels(max: number): [string, string, string] {
  return max === 0 ? ['0', '0', '0'] : [`−${formatNumber(max)}`, '0', formatNumber(max)];
}

/** A legend for values drawn on ±max, built once in `holder` and updated after. */
export function renderColorScale(holder: HTMLElement, max: number, colors: { neg: RGB; zero: RGB; pos: RGB }): void {
  let legend = holder.querySelector<HTMLElement>(':scope > .color-scale');
  if (!legend) {
    legend = document.createElement('div');
    legend.className = 'color-scale';
    const canvas = document.createElement('canvas');
    canvas.width = RAMP;
    canvas.height = 1;
    canvas.setAttribute('aria-hidden', 'true');
    legend.append(document.createElement('span'), canvas, document.createElement('span'));
    holder.append(legend);
  }
  const [low, , high] = scaleLabels(max);
  legend.dataset.min = String(-max);
  legend.dataset.max = String(max);
  legend.setAttribute('aria-label', `colour scale from ${low} to ${high}`);
  const [left, canvas, right] = legend.children as unknown as [HTMLElement, HTMLCanvasElement, HTMLElement];
  left.textContent = low;
  right.textContent = high;
  canvas.getContext('2d')!.putImageData(new ImageData(rampPixels(RAMP, colors.neg, colors.zero, colors.pos), RAMP, 1), 0, 0);
}
