// Issue 15.8: repeated Reset of a wide network kept the training thread at 2.5 GB and slowed it
// down, because each reset's trainer took fresh WebAssembly memory and the old one came back only
// when V8 happened to collect it. A child process drives the real session (start, a step, reset,
// again and again) and reports its resident memory; it must stay flat.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const session = join(__dirname, '..', '..', '..', 'core', 'services', 'session', 'index.js');
const RESETS = 20;

// 2-400-400-1 on 200 points: about 20 MB of the kernels' memory per trainer and its predictions.
const script = `
const { TrainingSession } = require(${JSON.stringify(session)});
const spec = { name: 'wide', inputSize: 2, loss: 'cross_entropy',
  layers: [{ kind: 'dense', units: 400, activation: { name: 'tanh' } }, { kind: 'dense', units: 400, activation: { name: 'tanh' } }, { kind: 'dense', units: 1, activation: { name: 'sigmoid' } }],
  train: { data: { kind: 'generator', name: 'flower', args: { m: 200, noise: 0.2 } }, learningRate: 0.5, iterations: 1000, batch: 'full', seed: 1, logEvery: 100 } };
const errors = [];
const s = new TrainingSession((r) => { if (r.type === 'error') errors.push(r.message); }, { gridSize: 20 });
s.handle({ type: 'start', spec, options: { paused: true } });
const rss = [];
for (let i = 0; i < ${RESETS}; i++) {
  s.handle({ type: 'step', count: 1 });
  s.handle({ type: 'reset' });
  rss.push(process.memoryUsage().rss);
}
console.log(JSON.stringify({ rss, errors }));
`;

test(`${RESETS} resets of a 2-400-400-1 network keep the process's memory flat`, () => {
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const { rss, errors } = JSON.parse(r.stdout) as { rss: number[]; errors: string[] };
  assert.deepEqual(errors, []);
  const MB = 1 << 20;
  const growth = (rss[rss.length - 1] - rss[2]) / MB; // after the first resets have settled
  // Each reset used to add its ~20 MB (about 400 MB over these resets); now they reuse one trainer's.
  assert.ok(growth < 60, `resident memory grew by ${growth.toFixed(0)} MB over ${RESETS - 3} resets`);
});
