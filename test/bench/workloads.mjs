// What the benchmarks share: the three workloads, their work per step, the engine bundled for Node
// (with the WASM kernels embedded, as the build does), and how each implementation is timed:
// the engine's Trainer in this process, numpy and TensorFlow.js in child processes.

import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPython } from './python.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

export const WORKLOADS = [
  { name: 'planar 2-4-1 (m=400)', sizes: [2, 4, 1], acts: ['tanh', 'sigmoid'], loss: 'cross_entropy', m: 400, alpha: 1.2, steps: 2000, repeats: 5 },
  { name: 'deep 12288-20-7-5-1 (m=209)', sizes: [12288, 20, 7, 5, 1], acts: ['relu', 'relu', 'relu', 'sigmoid'], loss: 'cross_entropy', m: 209, alpha: 0.0075, steps: 10, repeats: 5 },
  { name: '784-128-64-10 softmax (m=2000)', sizes: [784, 128, 64, 10], acts: ['relu', 'relu', 'softmax'], loss: 'softmax_cross_entropy', m: 2000, alpha: 0.1, steps: 4, repeats: 5 },
];

/** Multiply-adds ×2 of the three products per layer: W·A, dZ·Aᵀ and (for l > 1) Wᵀ·dZ. */
export function flopsPerStep({ sizes, m }) {
  let f = 0;
  for (let l = 1; l < sizes.length; l++) f += 2 * sizes[l] * sizes[l - 1] * m * (l > 1 ? 3 : 2);
  return f;
}

/**
 * core/engine bundled for Node, plus `loadWasm` to set the kernels' thread count. The WASM
 * kernels come from the build's dist/kernels.wasm, embedded as `npm run build` embeds them.
 */
export async function loadEngine() {
  const outfile = join(mkdtempSync(join(tmpdir(), 'nn-bench-')), 'engine.cjs');
  const wasm = join(root, 'dist', 'kernels.wasm');
  const define = existsSync(wasm) ? { NN_KERNELS_WASM: JSON.stringify(readFileSync(wasm).toString('base64')) } : {};
  await build({
    stdin: { contents: "export * from './core/engine/index'; export { loadWasm } from './core/engine/wasm/index';", resolveDir: root, loader: 'ts' },
    outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', define,
  });
  return createRequire(import.meta.url)(outfile);
}

/** The engine's median ms per step: a Trainer on pseudo-random data, full batch. */
export function engineMsPerStep(engine, w) {
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
  return median(times);
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const numpyEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
// Let OpenBLAS detect the CPU itself, as it would on a user's machine.
delete numpyEnv.OPENBLAS_CORETYPE;
delete numpyEnv.OPENBLAS_L2_SIZE;
let numpyFound;
const numpy = () => (numpyFound ??= findPython('numpy', {
  env: numpyEnv, install: 'apt-get install -y python3-numpy libopenblas0-pthread (or pip install numpy)',
}));

/** Why numpy cannot run here, or undefined when it can. */
export const numpyMissing = () => numpy().missing;
/** The Python whose numpy is measured (undefined when none has it). */
export const numpyPython = () => numpy().python;

/** numpy's ms per step on one workload, measured right after the engine's so both see the same machine load. */
export function numpyMsPerStep(w) {
  const out = execFileSync(numpy().python, [join(here, 'numpy_step.py'), JSON.stringify([w])], { env: numpyEnv, encoding: 'utf8' });
  return JSON.parse(out)[w.name];
}

/** TensorFlow.js's ms per step with the 'cpu' or 'wasm' backend, or undefined if it is not installed. */
export function tfjsMsPerStep(backend, w) {
  const r = spawnSync(process.execPath, [join(here, 'tfjs_step.mjs'), backend, JSON.stringify([w])], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout.trim().split('\n').pop())[w.name];
}
