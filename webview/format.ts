// Text the panel shows, in the course's notation. Pure, so Node tests it.

import type { LayerShapes } from '../core/protocol';

export const MATRICES = ['W', 'b', 'Z', 'A', 'dZ', 'dW', 'db'] as const;
export type MatrixName = (typeof MATRICES)[number];

/** `W[1] (4, 2)`, `dZ[1] (4, m)`. */
export function shapeLabel(name: MatrixName, layer: LayerShapes): string {
  const [rows, cols] = layer[name];
  return `${name}[${layer.l}] (${rows}, ${cols})`;
}

/** The shape as a data attribute value: `4,2`, `4,m`. */
export function shapeAttr(name: MatrixName, layer: LayerShapes): string {
  return layer[name].join(',');
}

/** 4 significant digits, exponent form outside [1e-3, 1e5); NaN and ∞ spelled out (null: JSON's NaN or ±∞). */
export function formatNumber(v: number | null | undefined): string {
  if (v === undefined) return '–';
  if (v === null) return 'not finite';
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/** 0.905 → `90.5%`. */
export function formatPercent(v: number | undefined): string {
  return v === undefined ? '–' : `${(v * 100).toFixed(1)}%`;
}
