// The maps through time in the session (issues 21–22): every W/b snapshot of a network with a
// recurrent or attention layer carries one example's a⟨t⟩, gates or α, made with the trainer's
// weights of that iteration; `showExample` picks the example; the panel's reducer keeps the latest.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../core/language';
import { loadData } from '../../../core/data/dataset';
import { TrainingSession } from '../../../core/services/session';
import { columns } from '../../../core/services/session/convSnapshot';
import { timeMaps, timeTraces } from '../../../core/services/session/timeSnapshot';
import { toPlain, type ViewMessage } from '../../../core/services/protocol';
import { initialState, reduce, restored } from '../../../webview/reducer';
import { Collector } from './fixtures';

/** A tokens network with `layer` on the generated reversal task, with a generated test set. */
function reversal(layer: string, iterations = 30) {
  const source = `network rev {
  input tokens(steps: 6, vocab: 5)
  ${layer}
  dense 5 softmax
  train {
    data reverse(m: 60, steps: 6, vocab: 5)
    test reverse(m: 20, steps: 6, vocab: 5)
    optimizer adam
    learning_rate 0.05
    batch 20
    iterations ${iterations}
    seed 1
  }
}`;
  const [network] = analyze(source, { files: null }).networks;
  assert.ok(network.spec, `the reversal network with ${layer} checks`);
  return network.spec;
}

const levels = (map: { data: Float32Array }) => [...map.data];

test('an lstm’s snapshots carry a⟨t⟩, c⟨t⟩ and its gates for test example 1, made with the weights of their iteration', async () => {
  const spec = reversal('lstm 8');
  const c = new Collector();
  const s = new TrainingSession(c.post, { sliceMs: 60_000 });
  s.handle({ type: 'start', spec });
  const done = await c.next('done');
  assert.equal(done.reason, 'completed', JSON.stringify(c.of('error')));
  const snapshots = c.of('snapshot');
  const [first, last] = [snapshots[0], snapshots.at(-1)!];
  assert.equal(first.iteration, 0);
  const time = last.time!;
  assert.deepEqual([time.example, time.set, time.steps, time.omitted], [0, 'test', 6, 0]);
  assert.deepEqual(time.maps.map((m) => [m.l, m.name, m.rows, m.shape]), ['a⟨t⟩', 'c⟨t⟩', 'Γf', 'Γi', 'Γo'].map((name) => [1, name, 'units', [8, 6]]));
  assert.deepEqual(time.maps.map((m) => m.bounds), [undefined, undefined, [0, 1], [0, 1], [0, 1]], 'the gates on the sequential scale from 0 to 1');
  const { test: testSet } = loadData(spec);
  assert.deepEqual(time.tokens, Array.from({ length: 6 }, (_, t) => String(testSet!.X.data[t * testSet!.m])), 'the reversal task has no vocabulary: token ids label the steps');
  // the last snapshot's maps are the probe's with the trainer's final weights
  s.handle({ type: 'exportWeights' });
  const { weights } = c.of('weights').at(-1)!;
  const expected = timeMaps(timeTraces(spec, weights, columns(testSet!.X, [0]), [1]));
  assert.deepEqual(time.maps.map((m) => levels(m.map)), expected.maps.map((m) => levels(m.map)));
  assert.notDeepEqual(first.time!.maps.map((m) => levels(m.map)), time.maps.map((m) => levels(m.map)), 'training moved them');
});

test('showExample picks the example of the maps (kept across a Reset); one past the set is refused with a sentence', () => {
  const c = new Collector();
  const s = new TrainingSession(c.post, { sliceMs: 60_000 });
  // a paused start, showExample and reset answer at once: no waiting
  s.handle({ type: 'start', spec: reversal('gru 4', 5), options: { paused: true } });
  assert.equal(c.of('snapshot').at(-1)!.time!.example, 0);
  s.handle({ type: 'showExample', index: 3 });
  assert.equal(c.of('snapshot').at(-1)!.time!.example, 3);
  assert.deepEqual(c.of('snapshot').at(-1)!.time!.maps.map((m) => m.name), ['a⟨t⟩', 'Γr', 'Γu']);
  s.handle({ type: 'showExample', index: 20 });
  assert.match(c.of('error').at(-1)!.message, /showExample: the test set has 20 examples \(0 to 19\), not 21/);
  s.handle({ type: 'reset' });
  assert.equal(c.of('started').length, 2);
  assert.equal(c.of('snapshot').at(-1)!.time!.example, 3);
});

test('self_attention: α per head over (query, key); the panel’s reducer keeps the latest maps with their iteration and drops them on a new run', async () => {
  const c = new Collector();
  const s = new TrainingSession(c.post, { sliceMs: 60_000 });
  s.handle({ type: 'start', spec: reversal('embedding 8\n  positional_encoding\n  self_attention heads: 2 causal', 4) });
  await c.next('done');
  const last = c.of('snapshot').at(-1)!;
  assert.deepEqual(last.time!.maps.map((m) => [m.l, m.name, m.head, m.rows, m.shape]), [[3, 'α', 1, 'queries', [6, 6]], [3, 'α', 2, 'queries', [6, 6]]]);
  assert.deepEqual(last.time!.maps.map((m) => m.bounds), [[0, 1], [0, 1]]);
  const alpha = last.time!.maps[0].map;
  for (let t = 0; t < 6; t++) for (let u = t + 1; u < 6; u++) assert.equal(alpha.data[t * 6 + u], 0, `causal: query ${t + 1} gives key ${u + 1} no weight`);
  let state = reduce(initialState, toPlain(last) as ViewMessage);
  assert.deepEqual([state.time?.iteration, state.time?.maps.length, state.time?.tokens?.length], [4, 2, 6]);
  assert.deepEqual(restored(JSON.parse(JSON.stringify(state))).time, state.time, 'a reloaded panel draws the same maps (getState/setState keep JSON)');
  state = reduce(state, toPlain(c.of('started')[0]) as ViewMessage);
  assert.equal(state.time, undefined, 'a new run starts without the old run’s maps');
});

test('a network without recurrent or attention layers sends no maps through time', async () => {
  const c = new Collector();
  const s = new TrainingSession(c.post, { sliceMs: 60_000 });
  s.handle({ type: 'start', spec: reversal('embedding 4', 2) });
  await c.next('done');
  assert.ok(c.of('snapshot').every((r) => r.time === undefined));
});
