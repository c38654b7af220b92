// How big a heat map of W[l] is drawn. Cells are square, as large as the box allows up to MAX_CELL;
// when that square is thinner than MIN_CELL, each side the box has room for is stretched to MIN_CELL,
// so a thin matrix such as a (3, 100) W keeps rows MIN_CELL high instead of shrinking to a strip a
// few pixels high. Rows stay
// rows (W[l] is (n[l], n[l−1]), never transposed). Pure, so Node tests it.

/** Thinnest a row or column is drawn, in CSS pixels, when the box has room. */
export const MIN_CELL = 10;
/** Largest cell, so that a (1, 4) W does not fill the box with four huge squares. */
export const MAX_CELL = 24;

export interface Size {
  width: number;
  height: number;
}

/** CSS size of the heat map of a rows×cols matrix inside a maxWidth×maxHeight box. */
export function heatMapSize(rows: number, cols: number, maxWidth: number, maxHeight: number): Size {
  const fitW = maxWidth / cols;
  const fitH = maxHeight / rows;
  const square = Math.min(fitW, fitH, MAX_CELL);
  // A side is stretched only when the box lets it reach MIN_CELL: a big W stays square and small.
  const cellW = fitW >= MIN_CELL ? Math.max(square, MIN_CELL) : square;
  const cellH = fitH >= MIN_CELL ? Math.max(square, MIN_CELL) : square;
  return { width: Math.round(cols * cellW), height: Math.round(rows * cellH) };
}
