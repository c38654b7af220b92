// The conv benchmark (run by `npm run bench`, or alone with `node test/bench/conv.mjs [--growth]`
// after a build): one full training step (forward, backward, update) of LeNet-5 at m = 256 by the
// engine (float64, WASM kernels) next to PyTorch on the CPU (float64 and float32, one thread) and
// TensorFlow.js's wasm backend (float32), all in this one run, with the ratios issue 10 sets as
// goals: engine ≤ 2× PyTorch float64, engine < TensorFlow.js wasm. A missing peer is named, not fatal.
// --growth adds how the engine's step grows with image size, filters, f and m (docs/performance.md);
// --profile, where the engine's step spends its time, kernel by kernel.

import { availableParallelism, loadavg } from 'node:os';
import { profileStep } from './profile.mjs';
import { LENET, convEngineMsPerStep, convFlopsPerStep, loadEngine, tfjsConvMsPerStep, torchMissing, torchMsPerStep, variant } from './workloads.mjs';

const engine = await loadEngine();
const wasm = engine.loadWasm();
if (wasm) wasm.threads = 1; // the peers run on one thread too

const fmt = (x) => (x === undefined ? '—' : x < 100 ? x.toFixed(2) : x.toFixed(0));
const gflops = (w, ms) => (ms === undefined ? '—' : (convFlopsPerStep(w) / ms / 1e6).toFixed(2));
const notes = [];

/** The engine's ms per step, or undefined with the reason noted (e.g. a build without conv layers). */
function engineMs(w) {
  try {
    return convEngineMsPerStep(engine, w);
  } catch (e) {
    notes.push(`engine: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

const w = LENET;
console.log(`\n${w.name} — one training step (forward, backward, update), ms (median of ${w.repeats}×${w.steps} steps), Node ${process.version}` +
  `${wasm ? '' : ' — WASM kernels NOT BUILT: run `npm run build`'}`);
console.log(`${(convFlopsPerStep(w) / 1e6).toFixed(0)} MFLOP per step in the conv and dense products\n`);

const ours = engineMs(w);
const torchWhy = torchMissing();
if (torchWhy) notes.push(`PyTorch figures missing: ${torchWhy}`);
const torch64 = torchWhy ? undefined : torchMsPerStep(w, 'float64');
const torch32 = torchWhy ? undefined : torchMsPerStep(w, 'float32');
const tfjs = tfjsConvMsPerStep('wasm', w);
if (tfjs.missing) notes.push(`TensorFlow.js wasm figures missing: ${tfjs.missing}`);

const rows = [
  [`NN Studio engine, WASM ${wasm ? '1 thread' : '(not built)'}`, 'float64', ours],
  ['PyTorch CPU, 1 thread (NCHW)', 'float64', torch64],
  ['PyTorch CPU, 1 thread (NCHW)', 'float32', torch32],
  ['TensorFlow.js wasm (NHWC)', 'float32', tfjs.ms],
].map(([who, dtype, ms]) => [who, dtype, fmt(ms), gflops(w, ms), ms === undefined || ours === undefined ? '—' : `${(ours / ms).toFixed(2)}×`]);
const header = ['implementation', 'dtype', 'ms/step', 'GFLOP/s', 'engine / this'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [header, ...rows]) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));

const goal = (label, ratio, limit) => (ratio === undefined ? `${label}: not measured` : `${label}: ${ratio.toFixed(2)}× — ${ratio <= limit ? 'met' : 'MISSED'}`);
console.log('');
console.log(goal('engine / PyTorch float64 (goal ≤ 2×)', ours && torch64 && ours / torch64, 2));
console.log(goal('engine / TensorFlow.js wasm (goal < 1×)', ours && tfjs.ms && ours / tfjs.ms, 1 - 1e-9));
for (const note of notes) console.log(note);
console.log(`load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores${loadavg()[0] > 1.5 ? ': a busy machine, figures inflated (the ratios, measured back to back, suffer least)' : ''}`);

if (process.argv.includes('--growth') && ours !== undefined) {
  // Each factor doubled (f: 5 → 7, about 2× the f²) on its own, from LeNet at m = 64 to keep it short.
  const base = { ...w, m: 64, steps: 2, repeats: 3 };
  const cases = [{}, { size: 56 }, { filters: 12 }, { f: 3 }, { f: 7 }, { m: 128 }, { m: 256 }];
  console.log('\nHow the engine\'s step grows (LeNet, each change on its own):');
  const baseMs = engineMs(variant(base, {}));
  for (const change of cases) {
    const v = variant(base, change);
    const ms = engineMs(v);
    const flops = convFlopsPerStep(v) / convFlopsPerStep(variant(base, {}));
    console.log(`  ${v.name.padEnd(34)} ${fmt(ms).padStart(8)} ms  ×${(ms / baseMs).toFixed(2)} time  ×${flops.toFixed(2)} FLOPs`);
  }
}

if (process.argv.includes('--profile') && ours !== undefined) {
  const { ms, rows: spent } = profileStep(engine, w);
  const total = spent.reduce((sum, [, t]) => sum + t, 0);
  console.log(`\nWhere the engine's step goes (${fmt(ms)} ms/step while profiled; ${fmt(total)} ms in kernel calls):`);
  for (const [key, t] of spent.filter(([, t]) => t >= 0.005 * total)) console.log(`  ${fmt(t).padStart(7)} ms  ${((100 * t) / total).toFixed(1).padStart(5)} %  ${key}`);
  const byKernel = new Map();
  for (const [key, t] of spent) byKernel.set(key.slice(0, key.indexOf('(')), (byKernel.get(key.slice(0, key.indexOf('('))) ?? 0) + t);
  console.log(`  by kernel: ${[...byKernel].sort((a, b) => b[1] - a[1]).map(([name, t]) => `${name} ${fmt(t)}`).join(', ')}`);
}
