// A cost history that never outgrows its capacity, however long the run (`iterations 1e15`).
// Each point is (i, J, lo, hi): the cost J recorded at iteration i, and the least and greatest
// finite cost of every iteration the point stands for (since the previous point), so a plot of the
// points draws the true range of the curve, oscillations included, not just the sampled values.
// While there is room every push is a point of its own. When the history is full, the points after
// the first are merged in neighbouring pairs (the later one's i and J, the pair's lo and hi), and
// from then on each point takes twice as many pushes: the resolution halves, evenly over the run,
// and the first point (i = 0) and the last push are always kept exactly.

/** [iteration, cost, least cost, greatest cost]; lo and hi are NaN when no cost they cover was finite */
export type CostPoint = [number, number, number, number];

/** The lesser of two values, ignoring NaN (an empty envelope). */
const least = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b));
const greatest = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));

export class CostHistory {
  private i = new Float64Array(64);
  private J = new Float64Array(64);
  private lo = new Float64Array(64);
  private hi = new Float64Array(64);
  private n = 0;
  /** pushes each point after the first takes: 1, then doubling at every compaction */
  private stride = 1;
  /** pushes merged into the last point so far */
  private filled = 0;
  /** the first index whose point changed since the last `changes()` */
  private dirty = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 3)) throw new RangeError(`a cost history holds at least 3 points, not ${capacity}`);
  }

  get length(): number {
    return this.n;
  }

  /** Pushes each point stands for (after the first): 1 until the history first filled up. */
  get resolution(): number {
    return this.stride;
  }

  /** Records J at iteration i; lo and hi (default J) bound the finite costs since the previous push. */
  push(i: number, J: number, lo = J, hi = J): void {
    lo = Number.isFinite(lo) ? lo : NaN;
    hi = Number.isFinite(hi) ? hi : NaN;
    if (this.n > 1 && this.filled < this.stride) return this.merge(i, J, lo, hi);
    if (this.n === this.capacity) {
      this.compact();
      if (this.filled < this.stride) return this.merge(i, J, lo, hi);
    }
    this.grow();
    const k = this.n++;
    this.i[k] = i;
    this.J[k] = J;
    this.lo[k] = lo;
    this.hi[k] = hi;
    this.filled = 1;
    this.dirty = Math.min(this.dirty, k);
  }

  at(k: number): CostPoint {
    return [this.i[k], this.J[k], this.lo[k], this.hi[k]];
  }

  /** The points from index `from` on. */
  points(from = 0): CostPoint[] {
    const out: CostPoint[] = [];
    for (let k = from; k < this.n; k++) out.push(this.at(k));
    return out;
  }

  /** (i, J) of every point: the spec's recorded costs (exact until the history first filled up). */
  pairs(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let k = 0; k < this.n; k++) out.push([this.i[k], this.J[k]]);
    return out;
  }

  /** The points with an iteration after `iteration`, oldest first. */
  after(iteration: number): CostPoint[] {
    let k = this.n;
    while (k > 0 && this.i[k - 1] > iteration) k--;
    return this.points(k);
  }

  /**
   * What changed since the previous call: the history from index `from` on is now `points` (the
   * last point grows in place once merged pushes began, and a compaction rewrites all but the first).
   */
  changes(): { from: number; points: CostPoint[] } {
    const from = Math.min(this.dirty, this.n);
    this.dirty = this.n;
    return { from, points: this.points(from) };
  }

  private merge(i: number, J: number, lo: number, hi: number): void {
    const k = this.n - 1;
    this.i[k] = i;
    this.J[k] = J;
    this.lo[k] = least(this.lo[k], lo);
    this.hi[k] = greatest(this.hi[k], hi);
    this.filled++;
    this.dirty = Math.min(this.dirty, k);
  }

  /** Merge points 1–2, 3–4, … into one each; an odd last point stays as it is, half full. */
  private compact(): void {
    let w = 1;
    for (let r = 1; r < this.n; r += 2, w++) {
      const s = r + 1 < this.n ? r + 1 : r;
      this.i[w] = this.i[s];
      this.J[w] = this.J[s];
      this.lo[w] = least(this.lo[r], this.lo[s]);
      this.hi[w] = greatest(this.hi[r], this.hi[s]);
    }
    const odd = (this.n - 1) % 2 === 1;
    this.n = w;
    this.filled = odd ? this.stride : 2 * this.stride;
    this.stride *= 2;
    this.dirty = Math.min(this.dirty, 1);
  }

  private grow(): void {
    if (this.n < this.i.length) return;
    const size = Math.min(this.capacity, 2 * this.i.length);
    for (const key of ['i', 'J', 'lo', 'hi'] as const) {
      const bigger = new Float64Array(size);
      bigger.set(this[key]);
      this[key] = bigger;
    }
  }
}
