// Oscillation and rise detection on hand-made cost sequences.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { costTrend, CostWatch, stalledMessage, TREND_WINDOW, trendMessage } from '../../../core/services/session/trend';
import { loadData, Trainer } from '../../../core/engine';
import { Rng } from '../../../core/foundation/prng';
import { planar } from './fixtures';

const seq = (n: number, f: (k: number) => number) => Array.from({ length: n }, (_, k) => f(k));

test('a cost swinging 1234.33 / 15.67 every iteration oscillates', () => {
  const t = costTrend(seq(32, (k) => (k % 2 ? 15.67 : 1234.33)), 100);
  assert.deepEqual(t, { kind: 'oscillating', from: 100, to: 131, low: 15.67, high: 1234.33 });
});

test('a growing zigzag oscillates too', () => {
  assert.equal(costTrend(seq(32, (k) => (1 + 0.05 * k) * (k % 2 ? 1 : 3)))?.kind, 'oscillating');
});

test('a zigzag that still comes down is gradient descent converging, not a problem', () => {
  assert.equal(costTrend(seq(32, (k) => Math.exp(-0.1 * k) * (k % 2 ? 1 : 1.3))), undefined);
});

test('a falling or flat cost, or tiny wobbles at convergence, are fine', () => {
  assert.equal(costTrend(seq(32, (k) => 1 / (1 + k))), undefined);
  assert.equal(costTrend(seq(32, () => 0.3)), undefined);
  assert.equal(costTrend(seq(32, (k) => 0.3 + (k % 2 ? 1e-9 : -1e-9))), undefined);
  assert.equal(costTrend(seq(32, (k) => 3e-18 * (k % 2 ? 1.01 : 1))), undefined);
});

test('noisy mini-batch costs around a falling trend are neither oscillating nor rising', () => {
  const rng = new Rng(4, 'noise');
  for (let trial = 0; trial < 200; trial++) {
    const t = costTrend(seq(32, (k) => (1 - 0.005 * k) * (1 + 0.3 * (rng.uniform() - 0.5))));
    assert.equal(t, undefined, `trial ${trial}: ${t?.kind}`);
  }
});

test('a cost climbing out of its minimum rises', () => {
  const t = costTrend(seq(32, (k) => 0.5 * 1.05 ** k), 10);
  assert.equal(t?.kind, 'rising');
  assert.deepEqual([t!.from, t!.to, t!.low], [10, 41, 0.5]);
  assert.equal(costTrend(seq(32, (k) => 0.5 + 1e-6 * k)), undefined, 'a rise far below 1 % is not worth a warning');
});

test('non-finite costs and short windows are left to other checks', () => {
  assert.equal(costTrend(seq(32, (k) => (k === 20 ? NaN : k % 2 ? 1 : 100))), undefined);
  assert.equal(costTrend([1, 100, 1, 100]), undefined);
});

test('the watch follows a run: falling, then oscillating from a point on; first episode kept', () => {
  const w = new CostWatch();
  for (let i = 0; i < 200; i++) w.add(i, 1 / (1 + i));
  assert.equal(w.first, undefined);
  for (let i = 200; i < 1000; i++) w.add(i, i % 2 ? 15.67 : 1234.33);
  assert.equal(w.current?.kind, 'oscillating');
  assert.ok(w.current!.from >= 200 - TREND_WINDOW && w.current!.from <= 200 + TREND_WINDOW, `from ${w.current!.from}`);
  assert.equal(w.current!.to, 999, 'one episode, extended while it lasts');
  assert.deepEqual([w.current!.low, w.current!.high], [15.67, 1234.33]);
  assert.ok(w.first!.from >= 200 - TREND_WINDOW, 'nothing was flagged while the cost fell');
  const first = w.first;
  for (let i = 1000; i < 1100; i++) w.add(i, 15 / (1 + i));
  assert.equal(w.current, undefined, 'the episode ended');
  assert.equal(w.first, first, 'but the first one is remembered');
});

test('the message says what, where, and suggests α / 10', () => {
  const text = trendMessage({ kind: 'oscillating', from: 24, to: 2999, low: 15.67, high: 1234.33 }, 1000);
  assert.match(text, /oscillates between 15\.67 and 1234 .*iterations 24–2999/);
  assert.match(text, /smaller learning rate than α = 1000 \(e\.g\. 100\)/);
  assert.match(trendMessage({ kind: 'rising', from: 0, to: 31, low: 0.5, high: 2 }, 0.3), /rises .*0\.03\)/);
});

test('layers that get no gradient are named: init zeros stalls both of planar\'s, xavier none', () => {
  const stalled = (init: 'zeros' | 'xavier') => {
    const spec = planar({ init: { kind: init }, iterations: 20 });
    const t = new Trainer(spec, loadData(spec).train);
    t.step(20);
    return stalledMessage(t.stats());
  };
  assert.match(stalled('zeros') ?? '', /^‖dW‖ = 0 for W\[1\], W\[2\]: no gradient reaches these weights/);
  assert.equal(stalled('xavier'), undefined);
  assert.match(stalledMessage([{ l: 1, dW: { norm: 0 } }, { l: 2, dW: { norm: 0.3 } }])!, /W\[1\]: no gradient reaches this weight, so it no longer learns/);
});

test('a cost thrown far above its best, jumping up and down without a strict zigzag, oscillates', () => {
  const rng = new Rng(7, 'chaos');
  const costs = seq(32, (k) => (k === 0 ? 0.72 : 50 + 300 * rng.uniform()));
  assert.equal(costTrend(costs)?.kind, 'oscillating');
  assert.equal(costTrend(costs.slice(1), 1, 0.72)?.kind, 'oscillating', 'judged against the best of the run');
  assert.equal(costTrend(costs.slice(1), 1)?.kind, undefined, 'within 4 times its own lowest, jumps alone are noise');
});

test('in mini-batches the watch judges each epoch\'s mean cost, so batch-to-batch zigzags are not overshooting', () => {
  // m = 300 in batches of 64: 5 steps an epoch, the last of 44 examples.
  // Each batch's cost anywhere from 0.02 to 0.46 times a falling trend, as digits' batches late in a run.
  const rng = new Rng(5, 'batches');
  const calm = new CostWatch(64, 300);
  for (let i = 0; i < 5000; i++) calm.add(i, (0.02 + 0.44 * rng.uniform()) / (1 + i / 1000));
  assert.equal(calm.first, undefined);
  const rising = new CostWatch(64, 300);
  for (let i = 0; i < 400; i++) rising.add(i, 0.5 * 1.01 ** i * (0.7 + 0.6 * rng.uniform()));
  assert.equal(rising.first?.kind, 'rising');
  assert.equal(rising.first?.per, 'epoch');
  assert.equal(rising.first!.from % 5, 0, 'an episode starts with an epoch');
  assert.equal(rising.first!.to % 5, 4, 'and ends with one');
  assert.match(trendMessage(rising.first!, 0.1), /^The mean cost of an epoch rises .*iterations \d+–\d+/);
});

test('a network stalled in 100,000 layers is told so in one line: the first 8 named, the rest counted', () => {
  const stats = Array.from({ length: 100_000 }, (_, i) => ({ l: i + 1, dW: { norm: 0 } }));
  const message = stalledMessage(stats)!;
  assert.match(message, /^‖dW‖ = 0 for W\[1\], W\[2\], W\[3\], W\[4\], W\[5\], W\[6\], W\[7\], W\[8\] and 99992 more: no gradient reaches these weights/);
  assert.ok(message.length < 400, `${message.length} characters`);
});

test('an epoch\'s mean cost that swings suggests no figure for α: it swings on a plateau too, where a tenfold smaller α can stall the run', () => {
  const oscillating = { kind: 'oscillating' as const, per: 'epoch' as const, from: 160, to: 799, low: 0.07, high: 0.09 };
  const text = trendMessage(oscillating, 0.003);
  assert.match(text, /^The mean cost of an epoch oscillates between 0\.07 and 0\.09 .*or the run is crossing a plateau\. If it goes on, try a smaller learning rate than α = 0\.003 or larger mini-batches/);
  assert.doesNotMatch(text, /e\.g\.|0\.0003/, 'no tenfold figure: docs/sequences-examples.md measured the LSTM stalling at α = 0.0003');
  assert.match(trendMessage({ ...oscillating, per: undefined }, 1000), /each step overshoots the minimum\. Try a smaller learning rate than α = 1000 \(e\.g\. 100\)/, 'one iteration\'s zigzag keeps the course\'s α/10');
});

test('a run that came far below an episode after it crossed a plateau: the warning says so and asks for no smaller α', () => {
  // m = 320 in batches of 64: 5 steps an epoch. A plateau around 0.08 whose epoch means zigzag by
  // ±0.01, for 60 epochs, then the cost falls to 0.002 (adding.nn's LSTM, docs/sequences-examples.md).
  const watch = new CostWatch(64, 320);
  const cost = (i: number) => {
    const epoch = Math.floor(i / 5);
    return epoch < 60 ? 0.08 + (epoch % 2 === 0 ? 0.01 : -0.01) : Math.max(0.002, 0.07 * 0.9 ** (epoch - 60));
  };
  let during: string | undefined;
  for (let i = 0; i < 1000; i++) {
    watch.add(i, cost(i));
    if (i === 60 * 5 - 1) during = watch.warning(0.003);
  }
  assert.match(during ?? '', /oscillates .*If it goes on, try a smaller learning rate than α = 0\.003 or larger mini-batches/, 'on the plateau it cannot know yet');
  assert.equal(watch.first?.kind, 'oscillating');
  assert.equal(watch.current, undefined, 'the episode has ended');
  assert.ok(watch.afterFirst! < 0.0021, `lowest after the episode: ${watch.afterFirst}`);
  assert.match(watch.warning(0.003)!, /^The mean cost of an epoch swung between 0\.07 and 0\.09 over iterations \d+–\d+, then came down to 0\.002: the run crossed a plateau rather than overshooting, so α = 0\.003 need not change/);
  assert.doesNotMatch(watch.warning(0.003)!, /Try a smaller/);
});

test('a cost thrown out of its minimum that stays out keeps the course\'s advice, whatever it was before the episode', () => {
  // planar at α = 1000: 0.72 at the start, then 46 / 358 every other iteration (full batch).
  const watch = new CostWatch();
  for (let i = 0; i < 200; i++) watch.add(i, i === 0 ? 0.72 : i % 2 === 0 ? 46 : 358);
  assert.equal(watch.afterFirst === undefined || watch.afterFirst >= 46, true, 'the lowest cost was before the episode, not after');
  assert.match(watch.warning(1000)!, /Try a smaller learning rate than α = 1000 \(e\.g\. 100\)/);
});
