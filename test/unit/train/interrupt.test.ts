// Stop within a step (core/engine/interrupt.ts; issue 23 item 8b): a step of a wide network is one
// long synchronous run of products, so the thread would see a `stop` only after it. The host's shared
// flag makes the next product abandon the step, before its update.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, test } from 'node:test';
import { defaultKernels } from '../../../core/engine/wasm';
import { Interrupted, interruptible, watchInterrupts } from '../../../core/engine/interrupt';
import { matrix } from '../../../core/foundation/matrix';
import { TrainingSession } from '../../../core/services/session';
import { WorkerHost } from '../../../extension/train/workerHost';
import { Collector, planar } from './fixtures';

const flag = new Int32Array(new SharedArrayBuffer(4));
after(() => watchInterrupts(undefined));

test('with the flag set, a product within a step throws Interrupted; outside a step (a report) it still runs', () => {
  watchInterrupts(flag);
  const k = defaultKernels();
  const [C, A, B] = [matrix(2, 2), matrix(2, 3), matrix(3, 2)];
  Atomics.store(flag, 0, 1);
  try {
    assert.throws(() => interruptible(() => k.mul(C, A, B)), Interrupted);
    assert.throws(() => interruptible(() => k.mulBT(C, A, A)), Interrupted);
    assert.throws(() => interruptible(() => k.mulAT(matrix(3, 3), A, A)), Interrupted);
    k.mul(C, A, B); // not within a step: answers
  } finally {
    Atomics.store(flag, 0, 0);
  }
  interruptible(() => k.mul(C, A, B));
});

test('a session whose step is interrupted stops at the last whole iteration, with its report', () => {
  watchInterrupts(flag);
  const slices: Array<() => void> = [];
  const c = new Collector();
  const s = new TrainingSession(c.post, { schedule: (run) => void slices.push(run), sliceMs: 20, progressMs: 0 });
  s.handle({ type: 'start', spec: planar({ iterations: 1e12 }) });
  slices.shift()!(); // the first slice: at least one step
  const before = c.of('progress').at(-1)!.iteration;
  assert.ok(before > 0);
  Atomics.store(flag, 0, 1); // the host sends `stop`: the flag first, then the message
  try {
    slices.shift()!(); // the slice runs before the message is read: its first product gives up
    assert.equal(c.of('progress').at(-1)!.iteration, before, 'no step completed');
    assert.equal(c.of('error').length, 0, JSON.stringify(c.of('error')));
    s.handle({ type: 'stop' });
  } finally {
    Atomics.store(flag, 0, 0);
  }
  const done = c.of('done');
  assert.equal(done.length, 1);
  assert.equal(done[0].reason, 'stopped');
  assert.equal(done[0].iteration, before);
  assert.ok(done[0].trainAccuracy! > 0.5, 'the final report computes with products');
});

test('through the real worker: Stop during a step of a 2-1500-1500-1 network ends that step, not after it', async () => {
  const script = resolve(__dirname, '../../../../dist/worker.js');
  assert.ok(existsSync(script), `${script} is missing: run npm run build`);
  const c = new Collector();
  const h = new WorkerHost(script, c.post);
  try {
    const spec = planar({ iterations: 1000 });
    spec.layers = [{ kind: 'dense', units: 1500, activation: { name: 'relu' } }, { kind: 'dense', units: 1500, activation: { name: 'relu' } }, spec.layers[1]];
    h.send({ type: 'start', spec });
    h.send({ type: 'pause' });
    const { iteration } = await c.next('progress', (p) => p.state === 'paused', 120_000);
    // `step` runs a step (three products of 1500·1500·400, seconds) within the message's handler; the
    // `stop` sent a moment later can only get in through the flag.
    h.send({ type: 'step', count: 1 });
    h.send({ type: 'stop' });
    const done = await c.next('done', () => true, 120_000);
    assert.equal(done.reason, 'stopped');
    assert.equal(done.iteration, iteration, 'the step under way when Stop came was abandoned, before its update');
  } finally {
    await h.dispose();
  }
});
