// The panel's sampled lines of a character model (issue 21, docs/sequences.md "Samples in the
// panel"): drawn at 0, every log_every and the end; the seed shown with weights saved at that
// iteration makes `nn sample` print the same text; and training is the same with or without them.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run as sample } from '../../../core/adapters/cli/sample';
import { runnableSpec } from '../../../core/adapters/cli/network';
import { loadData } from '../../../core/data/dataset';
import type { NetworkSpec } from '../../../core/foundation/model';
import { sampleText } from '../../../core/services/sample';
import { TrainingSession } from '../../../core/services/session';
import { PANEL_SAMPLES, SampleLog } from '../../../core/services/session/samples';
import { captured } from '../engine/helpers';
import { writeNamesModel } from '../sequences/namesModel';
import { Collector, planar } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'nn-panel-samples-'));
const file = writeNamesModel(dir, `
  batch 16
  iterations 60
  log_every 20
  seed 7
`);
const spec = runnableSpec(file, undefined, { notDone: 'it was not trained', dataFor: 'to learn from' })!;

/**
 * A clock that stands still: no slice ends and no drawing seems to take time, so every logged
 * iteration gets its lines (on a real clock a drawing that takes over a tenth of the time skips
 * the next logged iterations) and a `step` answers at once.
 */
const still = { now: () => 0 };

/** The reports of a whole run, then its final weights (a `weights` report). */
async function trained(options: ConstructorParameters<typeof TrainingSession>[1] = {}): Promise<Collector> {
  const c = new Collector();
  const s = new TrainingSession(c.post, options);
  s.handle({ type: 'start', spec: structuredClone(spec) });
  await c.next('done');
  s.handle({ type: 'exportWeights' });
  return c;
}

test('a character model samples at iteration 0, every log_every and the end, each on the run\'s seed plus the iteration', async () => {
  const c = await trained(still);
  const samples = c.of('samples');
  assert.deepEqual(samples.map((s) => s.iteration), [0, 20, 40, 60]);
  assert.deepEqual(samples.map((s) => s.seed), [7, 27, 47, 67]);
  for (const s of samples) {
    assert.ok(s.lines.length >= 1 && s.lines.length <= PANEL_SAMPLES.lines, `lines: ${JSON.stringify(s.lines)}`);
    assert.ok(s.length <= PANEL_SAMPLES.length);
    assert.ok(s.lines.every((line) => !line.includes('\n') && [...line].every((ch) => 'abcdef'.includes(ch))));
  }
  // three lines end with the third line break, unless the cap came first
  const last = samples.at(-1)!;
  assert.equal(last.length, last.lines.join('\n').length + (last.lines.length === PANEL_SAMPLES.lines ? 1 : 0));
});

test('the seed shown and the weights saved at that iteration reproduce the lines, in the service and in `nn sample`', async () => {
  const c = new Collector();
  const s = new TrainingSession(c.post, still);
  s.handle({ type: 'start', spec: structuredClone(spec), options: { paused: true } });
  s.handle({ type: 'step', count: 40 });
  const shown = c.of('samples').find((r) => r.iteration === 40)!;
  assert.ok(shown, 'lines at iteration 40');
  s.handle({ type: 'exportWeights' });
  const { weights, iteration } = c.of('weights')[0];
  assert.equal(iteration, 40);
  const vocab = loadData(spec).train.vocab!;
  const text = sampleText(spec, weights, vocab, { seed: shown.seed, length: shown.length });
  assert.equal(text, `${shown.lines.join('\n')}${shown.lines.length === PANEL_SAMPLES.lines ? '\n' : ''}`);

  const path = join(dir, 'names-40.json');
  s.handle({ type: 'writeWeights', path });
  await c.next('saved');
  const r = await captured(sample, [file, '--network', 'names', '--weights', path, '--seed', String(shown.seed), '--length', String(shown.length)]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.out.split('\n').slice(0, shown.lines.length), shown.lines);
});

test('sampling does not perturb training: the same costs and weights with and without the panel\'s lines', async () => {
  const withLines = await trained();
  const without = await trained({ sampleLines: 0 });
  assert.ok(withLines.of('samples').length > 0);
  assert.equal(without.of('samples').length, 0);
  const costs = (c: Collector) => c.of('progress').flatMap((p) => p.costs);
  assert.deepEqual(costs(withLines), costs(without));
  assert.equal(withLines.of('done')[0].cost, without.of('done')[0].cost);
  assert.deepEqual(withLines.of('weights')[0].weights, without.of('weights')[0].weights);
});

test('a reset samples iteration 0 again; a network that is not a character model samples nothing', async () => {
  const c = new Collector();
  const s = new TrainingSession(c.post, still);
  s.handle({ type: 'start', spec: structuredClone(spec), options: { paused: true } });
  s.handle({ type: 'step', count: 20 });
  s.handle({ type: 'reset' });
  assert.deepEqual(c.of('samples').map((r) => r.iteration), [0, 20, 0]);
  assert.equal(c.of('samples')[2].lines.join(), c.of('samples')[0].lines.join(), 'the same weights and seed: the same lines');

  const other = new Collector();
  new TrainingSession(other.post).handle({ type: 'start', spec: planar({ iterations: 50 }) });
  await other.next('done');
  assert.equal(other.of('samples').length, 0);
  assert.equal(SampleLog.of(spec, undefined), undefined, 'no text, no vocabulary: nothing to sample');
  const { tokens: _tokens, ...noTokens } = spec;
  assert.equal(SampleLog.of(noTokens as NetworkSpec, ['a', 'b']), undefined, 'no tokens input: nothing to sample');
  const translator = { ...spec, layers: [...spec.layers.slice(0, -1), { ...spec.layers.at(-1)!, units: 2 }] } as NetworkSpec;
  assert.equal(SampleLog.of(translator, Array.from({ length: spec.tokens!.V }, (_, k) => String(k))), undefined, 'a softmax over other classes than its tokens (dates.nn): nothing to sample');
});

test('drawing that would take over a tenth of the time skips logged iterations, never the first or the end', async () => {
  // Each reading of this clock is 1 ms later: a drawing seems to take as long as a step (a few
  // readings each), so a tenth of the time leaves room for lines every few logged iterations only.
  let ms = 0;
  const c = new Collector();
  const s = new TrainingSession(c.post, { now: () => ms++ });
  s.handle({ type: 'start', spec: { ...structuredClone(spec), train: { ...spec.train, logEvery: 1 } } });
  await c.next('done');
  const drawn = c.of('samples').map((r) => r.iteration);
  assert.equal(drawn[0], 0);
  assert.equal(drawn.at(-1), 60);
  assert.ok(drawn.length > 2 && drawn.length < 30, `lines at ${drawn.join(', ')} of 61 logged iterations`);
});
