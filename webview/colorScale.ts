// The colour scale of a heat map or a sheet of tiles: the ramp its colours come from, with the
// values at its ends as text, so a colour reads as a number. Diverging (`−0.53`, `0.53`: W[l], the
// filters, a⟨t⟩ and c⟨t⟩, scaled to their largest |value|) or sequential (`0`, `1`: values that lie
// in [0, 1], the gates Γ and attention weights α, never rescaled). A legend may name its scale in
// words after the ramp (the maps through time do: they show both kinds side by side).
// Hook: `.color-scale[data-scale][data-min][data-max]`, the name in `.color-scale-name`.

import type { RGB } from './colors';
import { formatNumber } from './format';
import { rampPixels, unitRampPixels } from './pixels';

/** Pixels of the ramp: CSS stretches it to the legend's width. */
const RAMP = 64;

/** The labels at the ramp's left end, middle and right end for values scaled to ±max. */
export function scaleLabels(max: number): [string, string, string] {
  return max === 0 ? ['0', '0', '0'] : [`−${formatNumber(max)}`, '0', formatNumber(max)];
}

/** A legend for values drawn on ±max, built once in `holder` and updated after; `name` says so in words. */
export function renderColorScale(holder: HTMLElement, max: number, colors: { neg: RGB; zero: RGB; pos: RGB }, name?: string): void {
  const [low, , high] = scaleLabels(max);
  legend(holder, { scale: 'diverging', min: -max, max, low, high, ramp: rampPixels(RAMP, colors.neg, colors.zero, colors.pos), name });
}

/** A legend for values in [0, 1] drawn on the sequential scale `stops`, built once in `holder` and updated after. */
export function renderUnitScale(holder: HTMLElement, stops: readonly RGB[], name?: string): void {
  legend(holder, { scale: 'sequential', min: 0, max: 1, low: '0', high: '1', ramp: unitRampPixels(RAMP, stops), name });
}

interface Legend {
  scale: 'diverging' | 'sequential';
  min: number;
  max: number;
  low: string;
  high: string;
  ramp: Uint8ClampedArray<ArrayBuffer>;
  name?: string;
}

function legend(holder: HTMLElement, { scale, min, max, low, high, ramp, name }: Legend): void {
  let el = holder.querySelector<HTMLElement>(':scope > .color-scale');
  if (!el) {
    el = document.createElement('div');
    el.className = 'color-scale';
    const canvas = document.createElement('canvas');
    canvas.width = RAMP;
    canvas.height = 1;
    canvas.setAttribute('aria-hidden', 'true');
    const words = document.createElement('span');
    words.className = 'color-scale-name';
    el.append(document.createElement('span'), canvas, document.createElement('span'), words);
    holder.append(el);
  }
  Object.assign(el.dataset, { scale, min: String(min), max: String(max) });
  el.setAttribute('aria-label', `${scale} colour scale from ${low} to ${high}`);
  const [left, canvas, right, words] = el.children as unknown as [HTMLElement, HTMLCanvasElement, HTMLElement, HTMLElement];
  left.textContent = low;
  right.textContent = high;
  words.textContent = name ?? '';
  words.hidden = !name;
  canvas.getContext('2d')!.putImageData(new ImageData(ramp, RAMP, 1), 0, 0);
}
