// `npm run bench`: ms per training step and GFLOP/s of the engine on three workloads, next to the
// same loop in numpy + OpenBLAS (one thread) run in the same process tree, and their ratio.
// Then test/bench/wasm.mjs (the WASM kernels and their peers), test/bench/conv.mjs (LeNet-5 next to
// PyTorch and TensorFlow.js), test/bench/check.mjs (the checker's benchmark) when it exists, and
// test/bench/lsp.mjs (the language server's keystroke-to-diagnostics latency on digits.nn and 1,000 layers).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKLOADS, engineMsPerStep, flopsPerStep, loadEngine, numpyMissing, numpyMsPerStep, numpyPython } from './workloads.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// This table is the plain TypeScript engine; wasm.mjs (run below) adds the WASM kernels and peers.
// conv.mjs measures the WASM engine, so it must not inherit NN_KERNELS=ts (it did, and timed
// the TypeScript kernels under a "WASM" label).
const wasmEnv = { ...process.env };
delete wasmEnv.NN_KERNELS;
process.env.NN_KERNELS = 'ts';

const fmt = (x, digits = 3) => (x === undefined ? '—' : x < 1 ? x.toFixed(digits) : x.toFixed(Math.max(0, digits - 1)));

const engine = await loadEngine();
const missing = numpyMissing();
console.log(`NN Studio engine (plain TypeScript, float64) vs numpy + OpenBLAS (1 thread) — Node ${process.version}` +
  `${missing ? '' : `, numpy on ${numpyPython()}`}\n`);
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

// The WebAssembly kernels next to numpy and TensorFlow.js (docs/performance.md).
const wasmBench = spawnSync(process.execPath, [join(here, 'wasm.mjs')], { stdio: 'inherit' });
if (wasmBench.status !== 0) process.exitCode = wasmBench.status ?? 1;

// LeNet-5 against PyTorch and TensorFlow.js (issue 10's conv goals).
const conv = spawnSync(process.execPath, [join(here, 'conv.mjs')], { stdio: 'inherit', env: wasmEnv });
if (conv.status !== 0) process.exitCode = conv.status ?? 1;

// The LSTM and the dates encoder against PyTorch, numpy and TensorFlow.js (issues 21 and 22's speed goals).
const sequences = spawnSync(process.execPath, [join(here, 'sequences.mjs')], { stdio: 'inherit', env: wasmEnv });
if (sequences.status !== 0) process.exitCode = sequences.status ?? 1;

const check = join(here, 'check.mjs');
if (existsSync(check)) {
  console.log('');
  const r = spawnSync(process.execPath, [check], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}

// The language server: keystroke to published diagnostics on digits.nn and the 1,000-layer file (issues 13, 19).
console.log('');
const lspBench = spawnSync(process.execPath, [join(here, 'lsp.mjs')], { stdio: 'inherit' });
if (lspBench.status !== 0) process.exitCode = lspBench.status ?? 1;
