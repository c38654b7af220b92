// Slow motion (issue 24.10): planar finished in about a second, before anyone saw its boundary
// form. The panel's Pacer steps the paused worker at the chosen speed; the real worker runs here,
// the clock is a hand-turned one (no timed test).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Command, Report } from '../../../core/services/protocol';
import { TrainingSession } from '../../../core/services/session';
import { Pacer, TICK_MS, type Clock } from '../../../extension/train/pacer';
import { initialState, reduce } from '../../../webview/reducer';
import { planar } from './fixtures';

/** A clock whose ticks happen when the test says so. */
function handClock(): Clock & { tick(): void; running: boolean } {
  let tick: (() => void) | undefined;
  return {
    every(ms, fn) {
      assert.equal(ms, TICK_MS);
      tick = fn;
      return () => { tick = undefined; };
    },
    tick: () => tick?.(),
    get running() { return tick !== undefined; },
  };
}

/** A session run synchronously, its reports seen through the pacer as the page sees them. */
function setup(speed: number) {
  const seen: Report[] = [];
  const clock = handClock();
  let pacer: Pacer;
  const session = new TrainingSession((report) => seen.push(pacer.view(report)), { schedule: (run) => run(), sliceMs: 1e9 });
  const sent: Command[] = [];
  pacer = new Pacer((command) => { sent.push(command); session.handle(command); }, clock);
  pacer.speed = speed;
  return { seen, clock, pacer, session, sent };
}

const progress = (reports: Report[]) => reports.filter((r): r is Extract<Report, { type: 'progress' }> => r.type === 'progress');

test('at 100 iterations a second each tick of 100 ms steps 10 iterations, and the page sees a running run with a boundary each time', () => {
  const { seen, clock, pacer, session, sent } = setup(100);
  session.handle({ type: 'start', spec: planar({ iterations: 50 }), options: { paused: true } });
  pacer.start();
  seen.length = 0;
  for (let i = 0; i < 3; i++) clock.tick();
  assert.deepEqual(sent, [{ type: 'step', count: 10 }, { type: 'step', count: 10 }, { type: 'step', count: 10 }]);
  assert.deepEqual(progress(seen).map((p) => [p.iteration, p.state]), [[10, 'running'], [20, 'running'], [30, 'running']]);
  assert.deepEqual(seen.filter((r) => r.type === 'boundary').map((r) => r.type === 'boundary' && r.iteration), [10, 20, 30], 'a boundary per tick: it is seen forming');
  assert.equal(session.state, 'paused', 'the worker itself waits between ticks');
});

test('pausing a paced run stops the ticks and shows the page the last progress as paused', () => {
  const { seen, clock, pacer, session } = setup(10);
  session.handle({ type: 'start', spec: planar({ iterations: 50 }), options: { paused: true } });
  pacer.start();
  clock.tick();
  const paused = pacer.pause();
  assert.equal(clock.running, false);
  assert.deepEqual([paused?.iteration, paused?.state], [1, 'paused'], 'at least one iteration a tick');
  clock.tick();
  assert.equal(progress(seen).at(-1)?.iteration, 1, 'no step after the pause');
});

test('the last steps complete the run, and the pacer halts by itself', () => {
  const { seen, clock, pacer, session } = setup(1000);
  session.handle({ type: 'start', spec: planar({ iterations: 250 }), options: { paused: true } });
  pacer.start();
  for (let i = 0; i < 3; i++) clock.tick();
  assert.equal(session.state, 'done');
  assert.equal(pacer.pacing, false);
  assert.deepEqual(progress(seen).at(-1)?.state, 'done');
  assert.ok(seen.some((r) => r.type === 'done' && r.iteration === 250));
});

test('after Reset the panel is ready, not "Paused · iteration 0" with Stop enabled', () => {
  const { seen, session } = setup(0);
  session.handle({ type: 'start', spec: planar({ iterations: 50 }) });
  session.handle({ type: 'reset' });
  const state = seen.map((r) => JSON.parse(JSON.stringify(r))).reduce(reduce, initialState);
  assert.equal(state.iteration, 0);
  assert.equal(state.state, undefined, 'ready: nothing to pause or stop');
  const stepped = reduce(state, JSON.parse(JSON.stringify({ ...progress(seen).at(-1)!, iteration: 1 })));
  assert.equal(stepped.state, 'paused', 'after a step it is paused');
});
