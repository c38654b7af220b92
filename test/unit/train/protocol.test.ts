import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMessage, toPlain, transferables, type Report } from '../../../core/services/protocol';

test('toPlain turns typed arrays into plain arrays and keeps everything else', () => {
  const report: Report = { type: 'boundary', iteration: 7, grid: { size: 2, x: [0, 1], y: [-1, 1], outputs: 1, values: Float32Array.of(0.25, 0.5, 0.75, 1) } };
  const plain = toPlain(report);
  assert.deepEqual(plain, { type: 'boundary', iteration: 7, grid: { size: 2, x: [0, 1], y: [-1, 1], outputs: 1, values: [0.25, 0.5, 0.75, 1] } });
  assert.ok(Array.isArray(plain.grid.values));
  assert.deepEqual(JSON.parse(JSON.stringify(plain)), plain, 'survives JSON');
});

test('transferables lists each buffer once', () => {
  const shared = new Float64Array(4);
  const other = new Float32Array(2);
  const buffers = transferables({ type: 'weights', iteration: 0, W: [shared, other], b: [shared] });
  assert.equal(buffers.length, 2);
  assert.ok(buffers.includes(shared.buffer as ArrayBuffer) && buffers.includes(other.buffer as ArrayBuffer));
  assert.deepEqual(transferables({ type: 'stop' }), []);
});

test('checkMessage accepts commands and rejects malformed ones with a reason', () => {
  assert.deepEqual(checkMessage({ type: 'step', count: 3 }), { type: 'step', count: 3 });
  assert.deepEqual(checkMessage({ type: 'setIterations', value: 10 }), { type: 'setIterations', value: 10 });
  assert.match(checkMessage(null) as string, /got null/);
  assert.match(checkMessage({ type: 'step', count: 0 }) as string, /positive integer/);
  assert.match(checkMessage({ type: 'setLearningRate', value: Number.NaN }) as string, /> 0/);
  assert.match(checkMessage({ type: 'setIterations', value: 2.5 }) as string, /integer/);
  assert.match(checkMessage({ type: 'start', spec: {} }) as string, /NetworkSpec/);
  assert.match(checkMessage({ type: 'train' }) as string, /unknown message type "train"/);
});

test('intents from the webview: its own types, but never a raw start', () => {
  assert.deepEqual(checkMessage({ type: 'train' }, true), { type: 'train' });
  assert.deepEqual(checkMessage({ type: 'copyCosts' }, true), { type: 'copyCosts' });
  assert.deepEqual(checkMessage({ type: 'pause' }, true), { type: 'pause' });
  assert.equal(typeof checkMessage({ type: 'start', spec: {} }, true), 'string');
  assert.equal(typeof checkMessage({ type: 'exportWeights' }, true), 'string');
  assert.deepEqual(checkMessage({ type: 'setSpeed', value: 100 }, true), { type: 'setSpeed', value: 100 });
  assert.deepEqual(checkMessage({ type: 'setSpeed', value: 0 }, true), { type: 'setSpeed', value: 0 }, '0: full speed');
  for (const value of [-1, Infinity, Number.NaN, '10', undefined]) assert.match(checkMessage({ type: 'setSpeed', value }, true) as string, /speed/, String(value));
  assert.equal(typeof checkMessage({ type: 'setSpeed', value: 10 }), 'string', 'the worker is never sent a speed');
});

// Issue 15 item 5: messages that made checkMessage throw, and counts that let a step run for ever.
test('checkMessage never throws: a BigInt, a cycle or a throwing getter gets a sentence', () => {
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  assert.equal(checkMessage({ type: 10n }), 'unknown message type 10n');
  assert.equal(checkMessage({ type: cycle }), 'unknown message type an object');
  const loop: Record<string, unknown> = { type: 'step' };
  loop.count = loop;
  assert.match(checkMessage(loop) as string, /count must be a positive integer/);
  const trap = Object.defineProperty({}, 'type', { get() { throw new Error('gotcha'); } });
  assert.equal(checkMessage(trap), 'the message could not be read');
  assert.equal(checkMessage({ type: 'x'.repeat(1000) }), `unknown message type "${'x'.repeat(40)}…"`);
});

test('counts are integers float64 holds exactly; start options are checked', () => {
  assert.deepEqual(checkMessage({ type: 'setIterations', value: 1e15 }), { type: 'setIterations', value: 1e15 });
  for (const count of [1e300, Infinity, 2 ** 53, -3, '4', 10n]) {
    assert.equal(typeof checkMessage({ type: 'step', count }), 'string', `step count ${String(count)}`);
    assert.equal(typeof checkMessage({ type: 'step', count }, true), 'string', `step intent count ${String(count)}`);
    assert.equal(typeof checkMessage({ type: 'setIterations', value: count }), 'string', `iterations ${String(count)}`);
  }
  const spec = { layers: [], train: {} };
  assert.deepEqual(checkMessage({ type: 'start', spec, options: { paused: true, iterations: 5, learningRate: 0.1 } }), { type: 'start', spec, options: { paused: true, iterations: 5, learningRate: 0.1 } });
  assert.match(checkMessage({ type: 'start', spec, options: { iterations: 2.5 } }) as string, /options\.iterations/);
  assert.match(checkMessage({ type: 'start', spec, options: { learningRate: -1 } }) as string, /options\.learningRate/);
  assert.match(checkMessage({ type: 'start', spec, options: { paused: 'yes' } }) as string, /options\.paused/);
  assert.deepEqual(checkMessage({ type: 'start', spec, options: { curvesOnly: true } }), { type: 'start', spec, options: { curvesOnly: true } });
  assert.match(checkMessage({ type: 'start', spec, options: { curvesOnly: 1 } }) as string, /options\.curvesOnly/);
  assert.match(checkMessage({ type: 'start', spec, options: 3 }) as string, /options must be an object/);
});
