// `npm run bench`: ms per training step and GFLOP/s of the engine on three workloads, next to the
// same loop in numpy + OpenBLAS (one thread) run in the same process tree, and their ratio.
// Then test/bench/check.mjs (the checker's benchmark) when it exists.

import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const WORKLOADS = [
  { name: 'planar 2-4-1 (m=400)', sizes: [2, 4, 1], acts: ['tanh', 'sigmoid'], loss: 'cross_entropy', m: 400, alpha: 1.2, steps: 2000, repeats: 5 },
  { name: 'deep 12288-20-7-5-1 (m=209)', sizes: [12288, 20, 7, 5, 1], acts: ['relu', 'relu', 'relu', 'sigmoid'], loss: 'cross_entropy', m: 209, alpha: 0.0075, steps: 10, repeats: 5 },
  { name: '784-128-64-10 softmax (m=2000)', sizes: [784, 128, 64, 10], acts: ['relu', 'relu', 'softmax'], loss: 'softmax_cross_entropy', m: 2000, alpha: 0.1, steps: 4, repeats: 5 },
];

/** Multiply-adds ×2 of the three products per layer: W·A, dZ·Aᵀ and (for l > 1) Wᵀ·dZ. */
function flopsPerStep({ sizes, m }) {
  let f = 0;
  for (let l = 1; l < sizes.length; l++) f += 2 * sizes[l] * sizes[l - 1] * m * (l > 1 ? 3 : 2);
  return f;
}

async function loadEngine() {
  const outfile = join(mkdtempSync(join(tmpdir(), 'nn-bench-')), 'engine.cjs');
  await build({ entryPoints: [join(root, 'core/engine/index.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return createRequire(import.meta.url)(outfile);
}

function engineMsPerStep(engine, w) {
  const { Trainer } = engine;
  const spec = {
    name: w.name, inputSize: w.sizes[0], loss: w.loss,
    layers: w.sizes.slice(1).map((units, i) => ({ units, activation: { name: w.acts[i] } })),
    train: { learningRate: w.alpha, iterations: Number.MAX_SAFE_INTEGER, batch: 'full', seed: 1, logEvery: 100 },
  };
  // Pseudo-random inputs in [0, 1) and labels that fit the loss (the numbers do not change the work).
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const [n0, nL] = [w.sizes[0], w.sizes[w.sizes.length - 1]];
  const X = { rows: n0, cols: w.m, data: Float64Array.from({ length: n0 * w.m }, next) };
  const Y = { rows: nL, cols: w.m, data: new Float64Array(nL * w.m) };
  for (let j = 0; j < w.m; j++) {
    if (w.loss === 'softmax_cross_entropy') Y.data[Math.floor(next() * nL) * w.m + j] = 1;
    else for (let i = 0; i < nL; i++) Y.data[i * w.m + j] = next() < 0.5 ? 0 : 1;
  }
  const trainer = new Trainer(spec, { X, Y, m: w.m });
  trainer.step(3);
  const times = [];
  for (let r = 0; r < w.repeats; r++) {
    const start = performance.now();
    const result = trainer.step(w.steps);
    if (result.diverged) throw new Error(`${w.name} diverged`);
    times.push((performance.now() - start) / w.steps);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const python = '/usr/bin/python3';
const numpyEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
// Let OpenBLAS detect the CPU itself, as it would on a user's machine.
delete numpyEnv.OPENBLAS_CORETYPE;
delete numpyEnv.OPENBLAS_L2_SIZE;

/** Why numpy cannot run here, or undefined when it can. */
function numpyMissing() {
  if (!existsSync(python)) return `${python} not found`;
  const probe = spawnSync(python, ['-c', 'import numpy'], { env: numpyEnv, encoding: 'utf8' });
  return probe.status === 0 ? undefined : 'numpy is not installed (apt-get install -y python3-numpy libopenblas0-pthread)';
}

/** numpy's ms per step on one workload, measured right after the engine's so both see the same machine load. */
function numpyMsPerStep(w) {
  const out = execFileSync(python, [join(here, 'numpy_step.py'), JSON.stringify([w])], { env: numpyEnv, encoding: 'utf8' });
  return JSON.parse(out)[w.name];
}

const fmt = (x, digits = 3) => (x === undefined ? '—' : x < 1 ? x.toFixed(digits) : x.toFixed(Math.max(0, digits - 1)));

const engine = await loadEngine();
const missing = numpyMissing();
console.log(`NN Studio engine (plain TypeScript, float64) vs numpy + OpenBLAS (1 thread) — Node ${process.version}\n`);
const header = ['workload', 'engine ms/step', 'GFLOP/s', 'numpy ms/step', 'GFLOP/s', 'engine/numpy'];
const rows = WORKLOADS.map((w) => {
  const ms = engineMsPerStep(engine, w);
  const np = missing ? undefined : numpyMsPerStep(w);
  const gf = (t) => (t === undefined ? undefined : flopsPerStep(w) / t / 1e6);
  return [w.name, fmt(ms), fmt(gf(ms), 2), fmt(np), fmt(gf(np), 2), np === undefined ? '—' : `${(ms / np).toFixed(1)}×`];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [header, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
if (missing) console.log(`\nnumpy figures missing: ${missing}`);
// Other processes slow both sides; the ratio, measured back to back per workload, suffers least.
console.log(`\nload average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores${loadavg()[0] > 1.5 ? ': a busy machine, figures inflated' : ''}`);

const check = join(here, 'check.mjs');
if (existsSync(check)) {
  console.log('');
  const r = spawnSync(process.execPath, [check], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
