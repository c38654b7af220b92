// Adam's update count t (spec §9: t = i + 1) and with it β1^t, β2^t — running products kept by the
// optimizer (core/layers/optimizers/powers.ts) — through everything that stops and starts a run in
// the panel, with exponential decay and mini-batches: pause, step, resume, a finished run given more
// iterations, reset, and a run from a weights file. The session is the one the worker runs.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadData, train } from '../../../core/engine';
import { formatWeights } from '../../../core/data/weights';
import type { NetworkSpec } from '../../../core/foundation/model';
import { TrainingSession } from '../../../core/services/session';
import { Collector, planar } from './fixtures';

const ALPHA = 0.01;

/** The planar network with Adam, α·0.9^⌊i/50⌋ and mini-batches of 64 (7 per epoch of 400). */
function adamPlanar(iterations: number, weights?: string): NetworkSpec {
  return planar({
    iterations,
    weights,
    learningRate: ALPHA,
    batch: 64,
    optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    decay: { kind: 'exponential', rate: 0.9, every: 50 },
  });
}

/** A session whose slices are short, so a run stops and starts between many of its steps. */
function session() {
  const c = new Collector();
  return { c, s: new TrainingSession(c.post, { sliceMs: 1 }) };
}

/** Waits until the run is paused at `iteration` (it may be already: a short step ends in its first slice). */
async function pausedAt(c: Collector, iteration: number): Promise<void> {
  const last = c.of('progress').at(-1);
  if (last?.state === 'paused' && last.iteration === iteration) return;
  await c.next('progress', (p) => p.state === 'paused' && p.iteration === iteration);
}

/** The session's weights now, by key. */
function weightsOf(c: Collector, s: TrainingSession) {
  s.handle({ type: 'exportWeights' });
  return c.of('weights').at(-1)!;
}

/** `nn train`'s weights: the same spec, uninterrupted. */
function straight(spec: NetworkSpec, initial?: Record<string, Float64Array>) {
  return train(spec, loadData(spec), { initial }).weights;
}

test('Adam with decay: a run paused, stepped, resumed, finished and given more iterations ends on the bits of one uninterrupted run', async () => {
  const { c, s } = session();
  s.handle({ type: 'start', spec: adamPlanar(1_000_000), options: { paused: true } });
  s.handle({ type: 'step' });
  await pausedAt(c, 1);
  s.handle({ type: 'step', count: 37 });
  await pausedAt(c, 38);
  s.handle({ type: 'resume' });
  await c.next('progress', (p) => p.iteration > 100);
  s.handle({ type: 'pause' });
  const held = c.of('progress').at(-1)!;
  assert.equal(held.state, 'paused');
  // wherever the pause fell: finish the run 150 iterations on, then give it 150 more
  const finished = held.iteration + 150, end = finished + 150;
  s.handle({ type: 'setIterations', value: finished });
  s.handle({ type: 'resume' });
  assert.equal((await c.next('done')).iteration, finished);
  s.handle({ type: 'setIterations', value: end }); // a finished run goes on from where it ended
  s.handle({ type: 'resume' });
  assert.equal((await c.next('done')).iteration, end);
  const panel = weightsOf(c, s);
  assert.equal(panel.iteration, end);
  assert.deepEqual(panel.weights, straight(adamPlanar(end)), 'the same weights, bit for bit');
});

test('Adam with decay: reset starts over at t = 1, so its run is an uninterrupted one again', async () => {
  const { c, s } = session();
  s.handle({ type: 'start', spec: adamPlanar(600), options: { paused: true } });
  s.handle({ type: 'step', count: 250 });
  await pausedAt(c, 250);
  s.handle({ type: 'reset' });
  await pausedAt(c, 0);
  s.handle({ type: 'step', count: 120 });
  await pausedAt(c, 120);
  assert.deepEqual(weightsOf(c, s).weights, straight(adamPlanar(120)));
});

test('a run from a weights file starts Adam afresh (the file holds W and b, not v, s or t): its first step moves every entry by at most α, most by α', async () => {
  const first = session();
  first.s.handle({ type: 'start', spec: adamPlanar(600), options: { paused: true } });
  first.s.handle({ type: 'step', count: 200 });
  await pausedAt(first.c, 200);
  const saved = weightsOf(first.c, first.s);
  const file = join(mkdtempSync(join(tmpdir(), 'nn-adam-')), 'saved.json');
  writeFileSync(file, formatWeights(saved.weights, saved.entries));

  const { c, s } = session();
  s.handle({ type: 'start', spec: adamPlanar(600, file), options: { paused: true } });
  s.handle({ type: 'step' });
  await pausedAt(c, 1);
  // At t = 1 with v = s = 0: v̂ = dθ and ŝ = dθ², so θ moves by α·|dθ|/(|dθ| + ε) ≤ α, which is α to
  // 1e-6 wherever |dθ| > 0.01. Had t gone on from 200 with fresh moments, the moves would be
  // α·0.1/√(0.001/(1 − 0.999^201)) ≈ 1.35·α.
  const moves = Object.entries(weightsOf(c, s).weights).flatMap(([key, after]) => [...after].map((x, p) => Math.abs(x - saved.weights[key][p])));
  assert.ok(moves.every((move) => move <= ALPHA * (1 + 1e-12)), `every entry moved by at most α: ${Math.max(...moves)}`);
  const median = [...moves].sort((a, b) => a - b)[moves.length >> 1];
  assert.ok(Math.abs(median / ALPHA - 1) < 1e-6, `the median entry moved by α: ${median}`);

  s.handle({ type: 'step', count: 99 });
  await pausedAt(c, 100);
  assert.deepEqual(weightsOf(c, s).weights, straight(adamPlanar(100), saved.weights), 'the same as nn train from the file');
});
