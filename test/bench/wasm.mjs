// The WebAssembly kernels' benchmark (run by `npm run bench` after the engine's table, or alone with
// `node test/bench/wasm.mjs` after a build): ms per training step on the three workloads for the
// engine on its TypeScript kernels, on the WASM SIMD kernels with one and two threads, numpy +
// OpenBLAS on one thread, and TensorFlow.js's CPU and WASM backends, side by side in one run.
// Timings on a shared machine are noisy: every figure is a median, every ratio within one run.

import { availableParallelism, loadavg } from 'node:os';
import { WORKLOADS, engineMsPerStep, flopsPerStep, loadEngine, numpyMissing, numpyMsPerStep, tfjsMsPerStep } from './workloads.mjs';

const engine = await loadEngine();
const wasm = engine.loadWasm();
const missing = numpyMissing();

/** The engine with NN_KERNELS=ts, or the WASM kernels on `threads` threads. */
function engineWith(kernels, threads, w) {
  const saved = process.env.NN_KERNELS;
  if (kernels === 'ts') process.env.NN_KERNELS = 'ts';
  else delete process.env.NN_KERNELS;
  if (wasm) wasm.threads = threads;
  try {
    return engineMsPerStep(engine, w);
  } finally {
    if (saved === undefined) delete process.env.NN_KERNELS;
    else process.env.NN_KERNELS = saved;
  }
}

const fmt = (x) => (x === undefined ? '—' : x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0));
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`);

console.log(`\nWebAssembly SIMD kernels — ms per step (median), Node ${process.version}${wasm ? '' : ' — WASM kernels NOT BUILT: run `npm run build`'}\n`);
const header = ['workload', 'TS', 'WASM 1T', 'WASM 2T', 'GFLOP/s', 'numpy 1T', 'tfjs cpu', 'tfjs wasm', 'WASM/numpy', 'WASM/tfjs best'];
const rows = WORKLOADS.map((w) => {
  const ts = engineWith('ts', 1, w);
  const one = wasm ? engineWith('wasm', 1, w) : undefined;
  const two = wasm ? engineWith('wasm', 2, w) : undefined;
  const np = missing ? undefined : numpyMsPerStep(w);
  const cpu = tfjsMsPerStep('cpu', w);
  const tfw = tfjsMsPerStep('wasm', w);
  const best = Math.min(...[one, two].filter((x) => x !== undefined));
  const tfBest = Math.min(...[cpu, tfw].filter((x) => x !== undefined));
  return [w.name, fmt(ts), fmt(one), fmt(two), wasm ? (flopsPerStep(w) / best / 1e6).toFixed(1) : '—', fmt(np), fmt(cpu), fmt(tfw),
    ratio(wasm ? best : undefined, np), ratio(wasm ? best : undefined, Number.isFinite(tfBest) ? tfBest : undefined)];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [header, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
console.log('\nWASM = the better of 1T and 2T. TensorFlow.js computes in float32 (the engine in float64).');
if (missing) console.log(`numpy figures missing: ${missing}`);
console.log(`load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores (2T needs the second core free)`);
