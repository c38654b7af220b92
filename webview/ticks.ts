// Ticks of the cost axis. On a log scale Chart.js puts a tick at 1, 2, …, 9 of every decade, and
// with a cost falling over ten decades their labels overlap (or autoSkip drops the round ones).
// Here the log axis keeps: any tick while it spans a decade or less, 1-2-5 up to two decades,
// powers of ten beyond, and of those only every k-th when there are more than six.
// Linear labels get at most four significant digits (Chart.js prints 3.5000000000000004e+301).

/** Most labels on the log axis. */
const MAX_LABELS = 6;

const mantissa = (v: number): number => Math.round((v / 10 ** Math.floor(Math.log10(v) + 1e-9)) * 1e6) / 1e6;

/** A number as a tick says it: plain between 0.001 and 10⁵, else 1e-7 or 2×1e-7. */
export function tickText(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const exponent = Math.floor(Math.log10(Math.abs(v)) + 1e-9);
  if (exponent >= -3 && exponent < 5) return String(Number(v.toPrecision(4)));
  const m = Number((v / 10 ** exponent).toPrecision(4));
  return `${m === 1 ? '' : m === -1 ? '−' : `${m}×`}1e${exponent}`;
}

/** The log-axis ticks to keep (and label) out of Chart.js's `ticks` (ascending). */
export function logTicks(ticks: readonly number[]): number[] {
  const positive = ticks.filter((v) => v > 0);
  if (positive.length === 0) return [];
  const decades = Math.log10(positive[positive.length - 1] / positive[0]);
  const wanted = decades > 2 ? [1] : decades > 1 ? [1, 2, 5] : undefined;
  let labelled = wanted ? positive.filter((v) => wanted.includes(mantissa(v))) : positive;
  if (labelled.length < 2) labelled = positive; // no round values among the ticks: thin them all
  const every = Math.ceil(labelled.length / MAX_LABELS);
  return labelled.filter((_, k) => k % every === 0);
}
