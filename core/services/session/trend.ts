// Runs that go wrong without diverging: a cost that oscillates (learning_rate 1000 on moons swings
// 1234.33 / 15.67 every iteration while the logged points, every 100th, look flat) or that rises.
// `costTrend` judges a window of consecutive iterations' costs; `CostWatch` feeds it every cost of a
// run and remembers the first episode, for the panel and for `nn train`'s warning line.

export interface CostTrend {
  kind: 'oscillating' | 'rising';
  /** first and last iteration of the episode */
  from: number;
  to: number;
  /** least and greatest cost seen in it */
  low: number;
  high: number;
}

/** Iterations judged at once: long enough to tell a zigzag from noise, short enough to catch it early. */
export const TREND_WINDOW = 32;

/** A swing smaller than this fraction of the cost is numerical noise or a harmless wobble. */
const SWING = 0.05;
/** Share of the window's differences that must flip sign for a zigzag (random noise flips ~2/3). */
const ALTERNATION = 0.9;

const mean = (xs: ArrayLike<number>, from: number, to: number): number => {
  let s = 0;
  for (let k = from; k < to; k++) s += xs[k];
  return s / (to - from);
};

/**
 * Judges the costs of consecutive iterations `first`, `first + 1`, …: `oscillating` when nearly
 * every step reverses the previous one by a sizeable swing without the cost coming down,
 * `rising` when every cost of the last quarter is above every cost of the first quarter by more
 * than 1 %. Anything else (falling, flat, noisy mini-batch costs, a non-finite value) is undefined.
 */
export function costTrend(costs: ArrayLike<number>, first = 0): CostTrend | undefined {
  const n = costs.length;
  if (n < 8) return undefined;
  let low = Infinity;
  let high = -Infinity;
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(costs[k])) return undefined; // divergence has its own message
    low = Math.min(low, costs[k]);
    high = Math.max(high, costs[k]);
  }
  const episode = (kind: CostTrend['kind']): CostTrend => ({ kind, from: first, to: first + n - 1, low, high });
  const q = Math.floor(n / 4);
  const early = mean(costs, 0, q);
  const late = mean(costs, n - q, n);
  const level = Math.abs(mean(costs, 0, n));

  let flips = 0;
  let swing = 0;
  for (let k = 1; k < n; k++) {
    const d = costs[k] - costs[k - 1];
    swing += Math.abs(d);
    if (k > 1 && d * (costs[k - 1] - costs[k - 2]) < 0) flips++;
  }
  swing /= n - 1;
  const comingDown = late < 0.9 * early;
  if (flips >= ALTERNATION * (n - 2) && swing > SWING * level && swing > 1e-12 && !comingDown) return episode('oscillating');

  let firstMax = -Infinity;
  let lastMin = Infinity;
  for (let k = 0; k < q; k++) firstMax = Math.max(firstMax, costs[k]);
  for (let k = n - q; k < n; k++) lastMin = Math.min(lastMin, costs[k]);
  if (lastMin > firstMax && late - early > 0.01 * Math.abs(early) + 1e-12) return episode('rising');
  return undefined;
}

/** Follows every cost of a run; `first` is the first episode (extended while it lasts), `current` the one going on now. */
export class CostWatch {
  /** the last TREND_WINDOW costs, iteration i at i mod TREND_WINDOW */
  private readonly ring = new Float64Array(TREND_WINDOW);
  private readonly window = new Float64Array(TREND_WINDOW);
  /** consecutive iterations seen, and the one expected next */
  private count = 0;
  private next = -1;
  first?: CostTrend;
  current?: CostTrend;

  /** The cost of iteration i (called for consecutive iterations; a gap, as after a reset, starts over). */
  add(i: number, J: number): void {
    if (i !== this.next) this.count = 0;
    this.next = i + 1;
    this.ring[i % TREND_WINDOW] = J;
    this.count++;
    // Judged every quarter window: cheap next to a training step, and soon enough.
    if (this.count >= TREND_WINDOW && (i + 1) % (TREND_WINDOW / 4) === 0) {
      const start = i + 1 - TREND_WINDOW;
      for (let k = 0; k < TREND_WINDOW; k++) this.window[k] = this.ring[(start + k) % TREND_WINDOW];
      this.judge(start);
    }
  }

  private judge(start: number): void {
    const trend = costTrend(this.window, start);
    const going = this.current;
    if (trend && going && going.kind === trend.kind && trend.from <= going.to + 1) {
      this.current = { ...going, to: trend.to, low: Math.min(going.low, trend.low), high: Math.max(going.high, trend.high) };
    } else {
      this.current = trend;
    }
    if (this.current && (!this.first || this.first.from === this.current.from)) this.first = this.current;
  }
}

const short = (x: number): string => String(Number(x.toPrecision(4)));

/** What the panel and the CLI say about an episode, with a hint. */
export function trendMessage(t: CostTrend, learningRate: number): string {
  const what = t.kind === 'oscillating'
    ? `The cost oscillates between ${short(t.low)} and ${short(t.high)} from one iteration to the next (iterations ${t.from}–${t.to}): each step overshoots the minimum.`
    : `The cost rises (from ${short(t.low)} to ${short(t.high)} over iterations ${t.from}–${t.to}): the steps are too long to descend.`;
  return `${what} Try a smaller learning rate than α = ${learningRate} (e.g. ${Number((learningRate / 10).toPrecision(6))}).`;
}

/**
 * Layers whose weights get no gradient at all (‖dW[l]‖ = 0 after a step): relu units dead for
 * every example, or an all-zero A[l−1] (`init zeros`). The run goes on, but those W[l] never change.
 */
export function stalledMessage(stats: ReadonlyArray<{ l: number; dW: { norm: number } }>): string | undefined {
  const stalled = stats.filter((s) => s.dW.norm === 0).map((s) => s.l);
  if (stalled.length === 0) return undefined;
  const which = stalled.map((l) => `W[${l}]`).join(', ');
  return `‖dW‖ = 0 for ${which}: no gradient reaches ${stalled.length > 1 ? 'these weights' : 'this weight'}, so ${stalled.length > 1 ? 'they' : 'it'} no longer learn${stalled.length > 1 ? '' : 's'} (relu units dead for every example, or an A[l−1] that is all zeros). A smaller learning rate or another init avoids it.`;
}
