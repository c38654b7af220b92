// The oscillation hint on real runs of the examples: mini-batch noise (digits, the three runs of
// optimizers.nn) is not overshooting and gets no hint, in the CLI and in the panel's progress;
// a full-batch run at α = 1000 (planar, what the hint was made for) still gets it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../core/adapters/cli/train';
import { runnableSpec } from '../../../core/adapters/cli/network';
import { TrainingSession } from '../../../core/services/session';
import { captured } from '../engine/helpers';
import { Collector } from './fixtures';

const nnTrain = (argv: string[]) => captured(run, argv);
const optimizers = join(__dirname, '../../../../examples/optimizers.nn');
const digits = join(__dirname, '../../../../examples/digits/digits.nn');

for (const network of ['gd', 'momentum', 'adam']) {
  test(`nn train optimizers.nn --network ${network}: mini-batch noise gets no oscillation hint`, async () => {
    const r = await nnTrain([optimizers, '--network', network]);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.err, /warning/);
  });
}

test('nn train digits.nn (400 iterations, 4 epochs of batch 32): no oscillation hint', async () => {
  const r = await nnTrain([digits, '--iterations', '400']);
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.err, /warning/);
});

test('the panel\'s progress on optimizers.nn\'s Adam run carries no warning', async () => {
  const spec = runnableSpec(optimizers, 'adam', { notDone: '', dataFor: '' })!;
  const c = new Collector();
  const s = new TrainingSession(c.post);
  s.handle({ type: 'start', spec });
  await c.next('done');
  assert.deepEqual(c.of('progress').map((p) => p.warning).filter(Boolean), []);
});

test('planar at α = 1000 (full batch) is still told that the cost oscillates, in the CLI', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nn-trend-'));
  const file = join(dir, 'planar.nn');
  const source = readFileSync(join(__dirname, '../../../../examples/planar.nn'), 'utf8');
  writeFileSync(file, source.replace(/learning_rate [\d.]+/, 'learning_rate 1000'));
  const r = await nnTrain([file, '--iterations', '2000']);
  assert.match(r.err, /warning: The cost oscillates .*Try a smaller learning rate than α = 1000 \(e\.g\. 100\)/);
});
