// Colour arithmetic for the canvases. The colours themselves come from the theme's --vscode-*
// variables (read by the DOM code); everything here is pure, so Node tests it.

export type RGB = [number, number, number];

/** `#rgb`, `#rrggbb`, `#rrggbbaa` or `rgb(a)(r, g, b[, a])`; undefined for anything else. */
export function parseColor(css: string): RGB | undefined {
  const s = css.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(s);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as RGB;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(s);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}

/** a + (b − a)·t, t clamped to [0, 1]. */
export function mix(a: RGB, b: RGB, t: number): RGB {
  const u = Math.min(1, Math.max(0, t));
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
}

/** Heat-map colour of v: `zero` at 0, towards `neg` or `pos` as |v| approaches maxAbs. */
export function diverging(v: number, maxAbs: number, neg: RGB, zero: RGB, pos: RGB): RGB {
  if (!(maxAbs > 0) || !Number.isFinite(v)) return zero;
  return v < 0 ? mix(zero, neg, -v / maxAbs) : mix(zero, pos, v / maxAbs);
}

/**
 * Colour of v on a sequential scale from 0 to 1: `stops` evenly spaced over [0, 1] (stops[0] at 0,
 * the last at 1), v clamped to [0, 1]; a value that is not finite gets stops[0].
 */
export function sequential(v: number, stops: readonly RGB[]): RGB {
  if (!Number.isFinite(v)) return stops[0];
  const at = Math.min(1, Math.max(0, v)) * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(at));
  return mix(stops[k], stops[k + 1], at - k);
}

/** The largest |v| (0 when all are 0 or none is finite). */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) m = Math.max(m, Math.abs(values[i]));
  return m;
}

/**
 * Background colour of one decision-boundary cell from the network's outputs there:
 * one output is P(class 1) blending classes[0] → classes[1]; K outputs blend class k by its
 * probability. The result is washed towards `background` so the data points stay visible.
 */
export function cellColor(outputs: ArrayLike<number>, classes: readonly RGB[], background: RGB, wash = 0.45): RGB {
  let c: RGB;
  if (outputs.length === 1) c = mix(classes[0], classes[1], outputs[0]);
  else {
    c = [0, 0, 0];
    for (let k = 0; k < outputs.length; k++) {
      const col = classes[k % classes.length];
      for (let ch = 0; ch < 3; ch++) c[ch] += col[ch] * outputs[k];
    }
  }
  return mix(c, background, wash);
}
