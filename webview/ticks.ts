// Labels of the log-scale cost axis. Chart.js puts a tick at 1, 2, …, 9 of every decade, and with
// a cost falling over ten decades their labels overlap. Here: every tick while the axis spans a
// decade or less, 1-2-5 up to two decades, powers of ten beyond, and only every k-th power when
// there are more than about six of them. A tick without a label still draws its grid line.

/** Most labelled powers of ten on the axis. */
const MAX_DECADES = 6;

/** The label of the log-axis tick at `value` on an axis from `min` to `max` (both > 0); '' for none. */
export function logTickLabel(value: number, min: number, max: number): string {
  if (!(value > 0) || !(min > 0) || !(max > min)) return '';
  const decades = Math.log10(max / min);
  const exponent = Math.floor(Math.log10(value) + 1e-9);
  const mantissa = Math.round((value / 10 ** exponent) * 1e6) / 1e6;
  const power = mantissa === 1;
  if (decades > 2) {
    const every = Math.ceil(decades / MAX_DECADES);
    if (!power || exponent % every !== 0) return '';
  } else if (decades > 1 && ![1, 2, 5].includes(mantissa)) {
    return '';
  }
  return exponent >= -3 && exponent < 5 ? String(Number(value.toPrecision(6))) : `${power ? '' : `${mantissa}×`}1e${exponent}`;
}
