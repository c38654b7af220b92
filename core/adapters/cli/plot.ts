// A small text plot of the cost curve for the terminal summary of `nn train`. Each column draws
// the cost at its iteration (•) and, where the recorded points carry it, the range of every
// iteration's cost in that column (·): an oscillating run shows as a band, not a flat line. Costs
// spanning more than three decades are drawn on a log scale, so an early spike does not flatten the rest.

import type { CostPoint } from '../../engine';

/** `points` (i, J[, lo, hi]) drawn as `height` rows of `width` columns under a "cost" title, the J axis labelled at top and bottom. */
export function costPlot(points: ReadonlyArray<Readonly<CostPoint> | readonly [number, number]>, width = 56, height = 8): string {
  const finite = points.filter((p) => Number.isFinite(p[1]));
  if (finite.length < 2) return '';
  const first = finite[0][0];
  const last = finite[finite.length - 1][0];
  const column = (i: number): number => (last === first ? 0 : Math.round(((i - first) / (last - first)) * (width - 1)));
  // Per column: the cost of its last point, and the least and greatest cost its points cover.
  const J = new Array<number>(width).fill(NaN);
  const low = new Array<number>(width).fill(Infinity);
  const high = new Array<number>(width).fill(-Infinity);
  let lo = Infinity;
  let hi = -Infinity;
  for (const [i, cost, min = cost, max = cost] of finite) {
    const x = column(i);
    J[x] = cost;
    for (const v of [cost, min, max]) {
      if (!Number.isFinite(v)) continue;
      low[x] = Math.min(low[x], v);
      high[x] = Math.max(high[x], v);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const log = lo > 0 && hi / lo > 1000;
  const scale = (v: number): number => (log ? Math.log10(v) : v);
  const row = (v: number): number => (hi === lo ? height - 1 : Math.round(((scale(hi) - scale(v)) / (scale(hi) - scale(lo))) * (height - 1)));
  const grid = Array.from({ length: height }, () => Array<string>(width).fill(' '));
  let k = 0; // the first point at or after the column's iteration, for columns without a point of their own
  for (let x = 0; x < width; x++) {
    if (Number.isNaN(J[x])) {
      const i = first + ((last - first) * x) / (width - 1);
      while (k < finite.length - 1 && finite[k][0] < i) k++;
      const [i0, J0] = finite[Math.max(0, k - 1)];
      const [i1, J1] = finite[k];
      grid[row(i1 === i0 ? J1 : J0 + ((J1 - J0) * (i - i0)) / (i1 - i0))][x] = '•';
      continue;
    }
    for (let y = row(high[x]); y <= row(low[x]); y++) grid[y][x] = '·';
    grid[row(J[x])][x] = '•';
  }
  const labels = [hi.toPrecision(4), lo.toPrecision(4)];
  const pad = Math.max(labels[0].length, labels[1].length);
  const rows = grid.map((cells, y) => `${(y === 0 ? labels[0] : y === height - 1 ? labels[1] : '').padStart(pad)} │${cells.join('')}`);
  const axis = `${' '.repeat(pad)} └${'─'.repeat(width)}`;
  const ticks = `${' '.repeat(pad + 2)}${String(first).padEnd(width - String(last).length)}${last}`;
  return [log ? 'cost (log scale)' : 'cost', ...rows, axis, ticks, `${' '.repeat(pad + 2)}iteration`].join('\n');
}
