// A small text plot of the cost curve for the terminal summary of `nn train`.

/** `points` (i, J) drawn as `height` rows of `width` columns, the J axis labelled at top and bottom. */
export function costPlot(points: ReadonlyArray<[number, number]>, width = 56, height = 8): string {
  const finite = points.filter(([, J]) => Number.isFinite(J));
  if (finite.length < 2) return '';
  const costs = finite.map(([, J]) => J);
  const hi = Math.max(...costs);
  const lo = Math.min(...costs);
  const first = finite[0][0];
  const last = finite[finite.length - 1][0];
  const grid = Array.from({ length: height }, () => Array<string>(width).fill(' '));
  for (let x = 0; x < width; x++) {
    // The cost at this column's iteration, linear between the recorded points around it.
    const i = first + ((last - first) * x) / (width - 1);
    const k = Math.max(1, finite.findIndex(([at]) => at >= i));
    const [[i0, J0], [i1, J1]] = [finite[k - 1], finite[k]];
    const J = i1 === i0 ? J1 : J0 + ((J1 - J0) * (i - i0)) / (i1 - i0);
    const y = hi === lo ? height - 1 : Math.round(((hi - J) / (hi - lo)) * (height - 1));
    grid[y][x] = '•';
  }
  const labels = [hi.toPrecision(4), lo.toPrecision(4)];
  const pad = Math.max(...labels.map((s) => s.length));
  const rows = grid.map((row, y) => `${(y === 0 ? labels[0] : y === height - 1 ? labels[1] : '').padStart(pad)} │${row.join('')}`);
  const axis = `${' '.repeat(pad)} └${'─'.repeat(width)}`;
  const ticks = `${' '.repeat(pad + 2)}${String(first).padEnd(width - String(last).length)}${last}`;
  return [...rows, axis, ticks, `${' '.repeat(pad + 2)}iteration`].join('\n');
}
