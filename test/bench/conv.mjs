// The conv benchmark (run by `npm run bench`, or alone with `node test/bench/conv.mjs [--growth]`
// after a build): one full training step (forward, backward, update) of LeNet-5 at m = 256 by the
// engine (float64, WASM kernels) next to PyTorch on the CPU (float64 and float32, one thread) and
// TensorFlow.js's wasm backend (float32), all in this one run, with the ratios issue 10 sets as
// goals: engine ≤ 2× PyTorch float64, engine < TensorFlow.js wasm. Then, in the same table, issue 20's
// small ResNet (batch norm, residual blocks, Adam) at m = 64 against PyTorch float64 from the same
// weights, goal ≤ 1.5×; their first costs must agree at 1e-9. A missing peer is named, not fatal.
// --growth adds how the engine's step grows with image size, filters, f and m (docs/performance.md);
// --profile, where the engine's step spends its time (LeNet's, then the ResNet's), kernel by kernel.

import { availableParallelism, loadavg } from 'node:os';
import { printProfile } from './profile.mjs';
import { LENET, RESNET, convEngineMsPerStep, convFlopsPerStep, loadEngine, resnetEngineStep, resnetTorchStep, tfjsConvMsPerStep, torchMissing, torchMsPerStep, variant } from './workloads.mjs';

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
console.log(`\n${w.name} (gradient descent) and ${RESNET.name} (Adam) — one training step (forward, backward, update), ms (median of ${w.repeats}×${w.steps} and ${RESNET.repeats}×${RESNET.steps} steps), Node ${process.version}` +
  `${wasm ? '' : ' — WASM kernels NOT BUILT: run `npm run build`'}`);
console.log(`${(convFlopsPerStep(w) / 1e6).toFixed(0)} MFLOP per LeNet step in the conv and dense products\n`);

const ours = engineMs(w);
const torchWhy = torchMissing();
if (torchWhy) notes.push(`PyTorch figures missing: ${torchWhy}`);
const torch64 = torchWhy ? undefined : torchMsPerStep(w, 'float64');
const torch32 = torchWhy ? undefined : torchMsPerStep(w, 'float32');
const tfjs = tfjsConvMsPerStep('wasm', w);
if (tfjs.missing) notes.push(`TensorFlow.js wasm figures missing: ${tfjs.missing}`);

// The ResNet: the engine's step, then PyTorch's from the engine's initial weights on the same data.
let resnet;
try {
  resnet = resnetEngineStep(engine, RESNET);
} catch (e) {
  notes.push(`engine (ResNet): ${e instanceof Error ? e.message : String(e)}`);
}
const resnetTorch = resnet && !torchWhy ? resnetTorchStep(RESNET, resnet.initial, resnet.set) : undefined;

// Named by the kernels new networks actually take: NN_KERNELS=ts in the environment picks the TypeScript ones.
const engineName = `NN Studio engine, ${engine.wasmInUse() ? 'WASM 1 thread' : wasm ? 'TypeScript (NN_KERNELS=ts)' : 'WASM (not built)'}`;
const ratio = (mine, theirs) => (theirs === undefined || mine === undefined ? '—' : `${(mine / theirs).toFixed(2)}×`);
const rows = [
  ...[
    [engineName, 'float64', ours],
    ['PyTorch CPU, 1 thread (NCHW)', 'float64', torch64],
    ['PyTorch CPU, 1 thread (NCHW)', 'float32', torch32],
    ['TensorFlow.js wasm (NHWC)', 'float32', tfjs.ms],
  ].map(([who, dtype, ms]) => ['LeNet-5, m=256', who, dtype, fmt(ms), gflops(w, ms), ratio(ours, ms)]),
  // GFLOP/s is left out for the ResNet: convFlopsPerStep counts a straight line of layers, not a tree.
  ...[
    [engineName, 'float64', resnet?.ms],
    ['PyTorch CPU, 1 thread (NCHW)', 'float64', resnetTorch?.ms],
  ].map(([who, dtype, ms]) => ['ResNet, m=64', who, dtype, fmt(ms), '—', ratio(resnet?.ms, ms)]),
];
const header = ['network', 'implementation', 'dtype', 'ms/step', 'GFLOP/s', 'engine / this'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [header, ...rows]) console.log(r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));

const goal = (label, ratio, limit) => (ratio === undefined ? `${label}: not measured` : `${label}: ${ratio.toFixed(2)}× — ${ratio <= limit ? 'met' : 'MISSED'}`);
console.log('');
console.log(goal('engine / PyTorch float64 (goal ≤ 2×)', ours && torch64 && ours / torch64, 2));
console.log(goal('engine / TensorFlow.js wasm (goal < 1×)', ours && tfjs.ms && ours / tfjs.ms, 1 - 1e-9));
console.log(goal('ResNet engine / PyTorch float64 (goal ≤ 1.5×)', resnet && resnetTorch && resnet.ms / resnetTorch.ms, 1.5));
if (resnet && resnetTorch) {
  // Same network, weights and data: the first step's cost must agree, or the timing compares different work.
  const same = Math.abs(resnet.J - resnetTorch.J) <= 1e-9 * Math.max(1, Math.abs(resnetTorch.J));
  console.log(`ResNet first cost: engine ${resnet.J}, PyTorch ${resnetTorch.J} — ${same ? 'equal at 1e-9' : 'DIFFERENT: not the same network'}`);
  if (!same) process.exitCode = 1;
}
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

if (process.argv.includes('--profile')) {
  if (ours !== undefined) printProfile(engine, w, convEngineMsPerStep);
  if (resnet !== undefined) printProfile(engine, RESNET, (e, r) => resnetEngineStep(e, r).ms, 1);
}
