// Text the panel shows, in the course's notation. Pure, so Node tests it.

import type { LayerShapes } from '../core/services/protocol';
import { parameterSymbol } from '../core/services/format/symbols';

export const MATRICES = ['W', 'b', 'Z', 'A', 'dZ', 'dW', 'db'] as const;
export type MatrixName = (typeof MATRICES)[number];

/** `W[1] (4, 2)`, `dZ[1] (4, m)`, `A[2] (m, 12, 12, 6)`; undefined when layer l has no such matrix (a pool has no W, a normalized layer no b). */
export function shapeLabel(name: MatrixName, layer: LayerShapes): string | undefined {
  const dims = layer[name];
  // none (a pool's W) or empty: a batch-normalized layer has no b[l], β[l] takes its place
  return dims?.length ? `${name}[${layer.l}] (${dims.join(', ')})` : undefined;
}

/** The shape as a data attribute value: `4,2`, `4,m`, `m,24,24,6`; undefined when the layer has no such matrix. */
export function shapeAttr(name: MatrixName, layer: LayerShapes): string | undefined {
  return layer[name]?.join(',');
}

/** `Wax[1] (32, 2)`, `γ[3] (64, 1)`: a parameter a course-5 kind names itself. */
export function namedLabel(name: string, dims: readonly number[], l: number): string {
  return `${parameterSymbol(name)}[${l}] (${dims.join(', ')})`;
}

/**
 * The output of a layer through time: `a[1]⟨t⟩ (32, m), t = 1…50` at each step of a sequence, or
 * `A[1] = a[1]⟨50⟩ (32, m)` with `return: last`, in place of A[l]; undefined for other layers.
 */
export function stepLabel(layer: LayerShapes): string | undefined {
  const step = layer.step;
  if (!step) return undefined;
  const dims = `(${step.dims.join(', ')})`;
  return step.last ? `A[${layer.l}] = a[${layer.l}]⟨${step.T}⟩ ${dims}` : `a[${layer.l}]⟨t⟩ ${dims}, t = 1…${step.T}`;
}

/**
 * What layer l is: `4 tanh` for a layer whose W[l] is a matrix, i.e. on column vectors (n[l] and
 * g[l], as course 1 writes a dense layer), else its kind with n_C[l] and g[l] when it has them and
 * its window: `conv2d 6 relu · f 5, stride 1, pad 0`, `max_pool · f 2, stride 2`, `flatten`.
 */
export function layerLabel(layer: LayerShapes): string {
  const head = [layer.W?.length === 2 ? undefined : layer.kind, layer.units, layer.activation].filter((p) => p !== undefined).join(' ');
  const w = layer.window;
  if (!w) return head;
  return `${head} · f ${w.f}, stride ${w.stride}${layer.W ? `, pad ${w.pad}` : ''}`;
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

/**
 * A norm ‖W[l]‖ or ‖dW[l]‖: always 3 significant digits, trailing zeros kept, so a column of norms
 * lines up and never mixes styles by accident. Fixed point for 0.01 ≤ |v| < 1000 (`0.0123`, `1.20`,
 * `456`), a short exponent otherwise (`5.21e-3`, `1.23e4`); 0 is `0` (a dead layer's ‖dW‖).
 */
export function formatNorm(v: number | null | undefined): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return formatNumber(v);
  if (v === 0) return '0';
  // The range is judged after rounding, so 0.009996 reads `0.0100` and 999.6 reads `1.00e3`.
  const a = Math.abs(Number(v.toPrecision(3)));
  if (a >= 0.01 && a < 1000) return v.toPrecision(3);
  const [mantissa, exponent] = v.toExponential(2).split('e');
  return `${mantissa}e${Number(exponent)}`;
}

/** 0.905 → `90.5%`. */
export function formatPercent(v: number | undefined): string {
  return v === undefined ? '–' : `${(v * 100).toFixed(1)}%`;
}
