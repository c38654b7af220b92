// Runs that go wrong without diverging: a cost that oscillates (learning_rate 1000 on moons swings
// 1234.33 / 15.67 every iteration while the logged points, every 100th, look flat; on planar it
// jumps between 46 and 358 after starting at 0.72) or that rises. `costTrend` judges a window of
// consecutive points; `CostWatch` feeds it every cost of a run and remembers the first episode, for
// the panel and for `nn train`'s warning line. A point is one iteration's cost in full-batch
// training, but one epoch's mean cost in mini-batches: each mini-batch's cost is measured on other
// examples, so consecutive costs zigzag by noise alone (digits' batches of 32 swing 0.02 / 0.46 at
// 97 % accuracy), and only their mean over an epoch says where the descent is going.

export interface CostTrend {
  kind: 'oscillating' | 'rising';
  /** what a point was: one iteration's cost, or one epoch's mean cost (mini-batches) */
  per?: 'epoch';
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
/**
 * A cost that moves up and down and stays (over the first and the last quarter of a window) at this
 * many times the lowest cost of the run has been thrown out of its minimum by long steps (planar at
 * α = 1000: 235 times). Healthy runs of the examples stay below 2 (dropout's noisy full-batch
 * cost: 1.6).
 */
const ABOVE_BEST = 4;
/** Share of the differences that must flip sign for such a cost to count as moving up and down. */
const JUMPS = 1 / 3;

const mean = (xs: ArrayLike<number>, from: number, to: number): number => {
  let s = 0;
  for (let k = from; k < to; k++) s += xs[k];
  return s / (to - from);
};

/**
 * Judges the costs of consecutive points `first`, `first + 1`, …: `oscillating` when, by a sizeable
 * swing and without the cost coming down, nearly every step reverses the previous one, or the
 * cost moves up and down and stays at ABOVE_BEST times `best` (the lowest cost of the run so far, the
 * window's own lowest by default); `rising` when every cost of the last quarter is above every
 * cost of the first quarter by more than 1 %. Anything else (falling, flat, noise around a falling
 * trend, a non-finite value) is undefined.
 */
export function costTrend(costs: ArrayLike<number>, first = 0, best = Infinity): CostTrend | undefined {
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
  const zigzag = flips >= ALTERNATION * (n - 2) && !comingDown;
  // Far above its best at both ends, a chaotic cost is not coming down even when one quarter's mean dips.
  const thrownOut = flips >= JUMPS * (n - 2) && Math.min(early, late) > ABOVE_BEST * Math.min(best, low);
  if ((zigzag || thrownOut) && swing > SWING * level && swing > 1e-12) return episode('oscillating');

  let firstMax = -Infinity;
  let lastMin = Infinity;
  for (let k = 0; k < q; k++) firstMax = Math.max(firstMax, costs[k]);
  for (let k = n - q; k < n; k++) lastMin = Math.min(lastMin, costs[k]);
  if (lastMin > firstMax && late - early > 0.01 * Math.abs(early) + 1e-12) return episode('rising');
  return undefined;
}

/** Mini-batch steps in an epoch of m examples (1 for full-batch training): core/engine/batches.ts. */
export function stepsPerEpoch(batch: number | 'full', m: number): number {
  return batch === 'full' || batch >= m ? 1 : Math.ceil(m / batch);
}

/**
 * Follows every cost of a run; `first` is the first episode (extended while it lasts), `current` the
 * one going on now. With `batch` and `m` of a mini-batch run, a point is an epoch's mean cost,
 * each batch's cost weighted by its examples (the last batch of an epoch holds m mod batch).
 */
export class CostWatch {
  /** the last TREND_WINDOW points, point p at p mod TREND_WINDOW */
  private readonly ring = new Float64Array(TREND_WINDOW);
  private readonly window = new Float64Array(TREND_WINDOW);
  private readonly steps: number;
  private readonly size: number;
  private readonly m: number;
  /** consecutive points seen, the iteration expected next, and the epoch's weighted sum so far */
  private count = 0;
  private next = -1;
  private sum = 0;
  /** the lowest point of the run so far */
  private best = Infinity;
  first?: CostTrend;
  current?: CostTrend;
  /** the lowest point after `first` (a point below first.low is never inside it, however it grows) */
  afterFirst?: number;

  constructor(batch: number | 'full' = 'full', m = 1) {
    this.steps = stepsPerEpoch(batch, m);
    this.size = batch === 'full' ? m : batch;
    this.m = m;
  }

  /** The cost of iteration i (called for consecutive iterations; a gap, as after a reset, starts over). */
  add(i: number, J: number): void {
    if (i !== this.next) {
      this.count = 0;
      this.sum = i % this.steps === 0 ? 0 : NaN; // an epoch seen in part has no mean
    }
    this.next = i + 1;
    const k = i % this.steps;
    if (this.steps > 1) this.sum += J * (k === this.steps - 1 ? this.m - k * this.size : this.size);
    if (k !== this.steps - 1) return;
    const p = Math.floor(i / this.steps);
    const point = this.steps > 1 ? this.sum / this.m : J;
    this.sum = 0;
    if (Number.isNaN(point)) return;
    this.ring[p % TREND_WINDOW] = point;
    this.count++;
    // Judged every quarter window: cheap next to a training step, and soon enough.
    if (this.count >= TREND_WINDOW && (p + 1) % (TREND_WINDOW / 4) === 0) {
      const start = p + 1 - TREND_WINDOW;
      for (let q = 0; q < TREND_WINDOW; q++) this.window[q] = this.ring[(start + q) % TREND_WINDOW];
      this.judge(start);
    }
    if (Number.isFinite(point)) this.best = Math.min(this.best, point);
    if (this.first && i > this.first.to && Number.isFinite(point)) this.afterFirst = Math.min(this.afterFirst ?? Infinity, point);
  }

  /** The warning for the episode going on, else for the first one (with how low the run came after it); none without one. */
  warning(learningRate: number): string | undefined {
    if (this.current) return trendMessage(this.current, learningRate);
    return this.first && trendMessage(this.first, learningRate, this.afterFirst);
  }

  private judge(start: number): void {
    const points = costTrend(this.window, start, this.best);
    // Points back to iterations: epoch p covers iterations p·steps … (p + 1)·steps − 1.
    const trend = points && (this.steps > 1 ? { ...points, per: 'epoch' as const, from: points.from * this.steps, to: points.to * this.steps + this.steps - 1 } : points);
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

/** A run that came below half an episode's lowest cost after it had left a plateau, not overshot a minimum. */
const LEFT = 0.5;

/**
 * What the panel and the CLI say about an episode, with a hint; `after` is the lowest cost after
 * it. The hint is only as specific as the costs allow: one iteration's cost that zigzags is a step
 * too long (the course's α = 1000 on moons), and α/10 is the course's next try. An epoch's mean
 * cost (mini-batches) also swings while the run crosses a plateau, and there a tenfold smaller α can
 * stall it (examples/sequences/adding.nn's LSTM at α = 0.0003: docs/sequences-examples.md), so no
 * figure is suggested; and once the run has come far below the episode, no smaller α at all.
 */
export function trendMessage(t: CostTrend, learningRate: number, after?: number): string {
  const cost = t.per ? 'The mean cost of an epoch' : 'The cost';
  if (after !== undefined && after < LEFT * t.low) {
    const moved = t.kind === 'oscillating' ? `swung between ${short(t.low)} and ${short(t.high)}` : `rose from ${short(t.low)} to ${short(t.high)}`;
    return `${cost} ${moved} over iterations ${t.from}–${t.to}, then came down to ${short(after)}: the run crossed a plateau rather than overshooting, so α = ${learningRate} need not change (a smaller α can keep a run on a plateau longer).`;
  }
  const what = t.kind === 'oscillating'
    ? `${cost} oscillates between ${short(t.low)} and ${short(t.high)} from one ${t.per ?? 'iteration'} to the next (iterations ${t.from}–${t.to}): ${t.per ? 'the steps may overshoot the minimum, or the run is crossing a plateau.' : 'each step overshoots the minimum.'}`
    : `${cost} rises (from ${short(t.low)} to ${short(t.high)} over iterations ${t.from}–${t.to}): the steps ${t.per ? 'may be' : 'are'} too long to descend.`;
  if (t.per) return `${what} If it goes on, try a smaller learning rate than α = ${learningRate} or larger mini-batches (a much smaller α can stall a run on a plateau).`;
  return `${what} Try a smaller learning rate than α = ${learningRate} (e.g. ${Number((learningRate / 10).toPrecision(6))}).`;
}

/**
 * Layers whose weights get no gradient at all (‖dW[l]‖ = 0 after a step): relu units dead for
 * every example, or an all-zero A[l−1] (`init zeros`). The run goes on, but those W[l] never change.
 */
/** Stalled layers a message names before it counts the rest. */
const STALLED_NAMED = 8;

export function stalledMessage(stats: ReadonlyArray<{ l: number; dW: { norm: number } }>): string | undefined {
  const stalled = stats.filter((s) => s.dW.norm === 0).map((s) => s.l);
  if (stalled.length === 0) return undefined;
  // A deep network can stall everywhere (100,000 layers would write a megabyte): name the first few.
  const named = stalled.slice(0, STALLED_NAMED).map((l) => `W[${l}]`).join(', ');
  const which = stalled.length > STALLED_NAMED ? `${named} and ${stalled.length - STALLED_NAMED} more` : named;
  return `‖dW‖ = 0 for ${which}: no gradient reaches ${stalled.length > 1 ? 'these weights' : 'this weight'}, so ${stalled.length > 1 ? 'they' : 'it'} no longer learn${stalled.length > 1 ? '' : 's'} (relu units dead for every example, or an A[l−1] that is all zeros). A smaller learning rate or another init avoids it.`;
}
