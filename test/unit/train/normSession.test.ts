// Batch norm in the training panel (issue 20): the session's snapshots carry γ[l], β[l] and the
// running statistics of every normalized layer, as the trainer holds them; the panel keeps the
// latest and starts over with each run.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrainingSession } from '../../../core/services/session';
import { normSnapshots } from '../../../core/services/session/normSnapshot';
import type { NetworkSpec } from '../../../core/foundation/model';
import { initialState, reduce, type ViewState } from '../../../webview/reducer';
import type { ViewMessage } from '../../../core/services/protocol';
import { toPlain } from '../../../core/services/protocol';
import { Collector, planar } from './fixtures';

/** planar with `norm: batch` on layer 1 (4 tanh units). */
function normalized(iterations: number): NetworkSpec {
  const spec = planar({ iterations });
  return { ...spec, layers: [{ ...spec.layers[0], norm: 'batch' }, spec.layers[1]] } as NetworkSpec;
}

const values = (a?: Float32Array) => [...(a ?? [])];

test('a batch-normalized layer’s γ, β, running μ and σ² ride on every snapshot: the initial ones first, the trainer’s own at the end', async () => {
  const c = new Collector();
  const s = new TrainingSession(c.post, { sliceMs: 60_000 });
  s.handle({ type: 'start', spec: normalized(25) });
  const done = await c.next('done');
  assert.equal(done.reason, 'completed', JSON.stringify(c.of('error')));
  const snapshots = c.of('snapshot');
  const first = snapshots[0];
  assert.equal(first.iteration, 0);
  assert.deepEqual(first.norms?.map((n) => [n.l, n.units]), [[1, 4]], 'layer 1 only: layer 2 is not normalized');
  const [n0] = first.norms!;
  assert.deepEqual([values(n0.gamma), values(n0.beta), values(n0.mean), values(n0.variance)], [[1, 1, 1, 1], [0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]]);
  // The last snapshot (iteration 25) holds what the trainer holds: exportWeights answers with its copies.
  const last = snapshots.at(-1)!;
  assert.equal(last.iteration, 25);
  s.handle({ type: 'exportWeights' });
  const { weights } = c.of('weights').at(-1)!;
  const [n] = last.norms!;
  for (const [field, key] of [['gamma', 'gamma1'], ['beta', 'beta1'], ['mean', 'running_mean1'], ['variance', 'running_var1']] as const) {
    assert.deepEqual(values(n[field]), [...Float32Array.from(weights[key])], field);
  }
  assert.ok(values(n.mean).some((v) => v !== 0) && values(n.gamma).some((v) => v !== 1), 'they moved while training');
});

test('a network without normalized layers sends no norms', async () => {
  const c = new Collector();
  const s = new TrainingSession(c.post, { sliceMs: 60_000 });
  s.handle({ type: 'start', spec: planar({ iterations: 3 }) });
  await c.next('done');
  assert.ok(c.of('snapshot').every((r) => r.norms === undefined));
});

test('a wide layer’s values are averaged in neighbouring groups; units counts them all', () => {
  const weights = { gamma2: Float64Array.from([1, 3, 5, 7, 9, 11]), beta2: Float64Array.from([0, 0, 1, 1, 2, 2]) };
  const [n] = normSnapshots([{ l: 2, names: new Set(['gamma', 'beta']) }], weights, 3);
  assert.deepEqual([n.l, n.units, values(n.gamma), values(n.beta)], [2, 6, [2, 6, 10], [0, 1, 2]]);
  assert.equal(n.mean, undefined, 'no running statistics (layer norm has none)');
});

test('the panel keeps the latest norms and counts its runs; a new run starts without the old norms', () => {
  const started: ViewMessage = { type: 'started', network: 'planar', iterations: 25, learningRate: 1.2, m: 400 };
  const norms = [{ l: 1, units: 2, gamma: Float32Array.from([1.5, 0.5]), beta: Float32Array.from([0, 0.25]) }];
  const snapshot = toPlain({ type: 'snapshot', iteration: 10, W: [], b: [], shapes: [], norms } as const) as ViewMessage;
  let s: ViewState = [started, snapshot].reduce(reduce, initialState);
  assert.equal(s.runs, 1);
  assert.deepEqual(s.norms, [{ l: 1, units: 2, gamma: [1.5, 0.5], beta: [0, 0.25] }]);
  s = reduce(s, started);
  assert.equal(s.runs, 2);
  assert.equal(s.norms, undefined);
});
