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
 * core/engine bundled for Node, plus `loadWasm` to set the kernels' thread count and, for
 * conv.mjs --profile, `defaultKernels` with what it chooses from (`wasmInUse`, `wasmKernelSet`, `jsKernels`). The WASM
 * kernels come from the build's dist/kernels.wasm, embedded as `npm run build` embeds them.
 */
export async function loadEngine() {
  const outfile = join(mkdtempSync(join(tmpdir(), 'nn-bench-')), 'engine.cjs');
  const wasm = join(root, 'dist', 'kernels.wasm');
  const define = existsSync(wasm) ? { NN_KERNELS_WASM: JSON.stringify(readFileSync(wasm).toString('base64')) } : {};
  await build({
    stdin: {
      contents: "export * from './core/engine/index'; export { loadWasm, defaultKernels, wasmKernelSet } from './core/engine/wasm/index';" +
        " export { wasmInUse } from './core/engine/wasm/module'; export { jsKernels } from './core/engine/kernels';" +
        // sequences.mjs writes its networks in the language and draws their data from the generators
        " export { analyze } from './core/language'; export { sequenceDataset, sequenceInputOf } from './core/data/sequenceDataset';",
      resolveDir: root, loader: 'ts',
    },
    outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', define,
  });
  return createRequire(import.meta.url)(outfile);
}

/** The engine's median ms per step: a Trainer on pseudo-random data, full batch. */
export function engineMsPerStep(engine, w) {
  const { Trainer } = engine;
  const spec = {
    name: w.name, inputSize: w.sizes[0], loss: w.loss,
    layers: w.sizes.slice(1).map((units, i) => ({ kind: 'dense', units, activation: { name: w.acts[i] } })),
    train: { learningRate: w.alpha, iterations: Number.MAX_SAFE_INTEGER, batch: 'full', seed: 1, logEvery: 100 },
  };
  // Pseudo-random inputs in [0, 1) and labels that fit the loss (the numbers do not change the work).
  const next = uniforms();
  const [n0, nL] = [w.sizes[0], w.sizes[w.sizes.length - 1]];
  const X = { rows: n0, cols: w.m, data: Float64Array.from({ length: n0 * w.m }, next) };
  const Y = { rows: nL, cols: w.m, data: new Float64Array(nL * w.m) };
  for (let j = 0; j < w.m; j++) {
    if (w.loss === 'softmax_cross_entropy') Y.data[Math.floor(next() * nL) * w.m + j] = 1;
    else for (let i = 0; i < nL; i++) Y.data[i * w.m + j] = next() < 0.5 ? 0 : 1;
  }
  return timeSteps(new Trainer(spec, { X, Y, m: w.m }), w);
}

/** A seeded stream of numbers in [0, 1): the benchmarks' data (its values do not change the work). */
function uniforms() {
  let s = 12345;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
}

/** Steps run before any is timed (the JIT, first-touch of the buffers). */
export const WARM_UP_STEPS = 3;

/** Median ms per step of `w.repeats` runs of `w.steps` steps, after a warm-up, by `clock` (ms; wall-clock by default). */
function timeSteps(trainer, w, clock = () => performance.now()) {
  trainer.step(WARM_UP_STEPS);
  const times = [];
  for (let r = 0; r < w.repeats; r++) {
    const start = clock();
    const result = trainer.step(w.steps);
    if (result.diverged) throw new Error(`${w.name} diverged`);
    times.push((clock() - start) / w.steps);
  }
  trainer.dispose();
  return median(times);
}

/** This process's CPU time in ms (user + system): what other processes on a busy machine do not inflate. */
const cpuClock = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

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

// ---- conv networks (test/bench/conv.mjs) ----

/** LeNet-5 on 28×28×1 digits at m = 256 (issue 10, item 7); `layers` as spec §8's LayerSpec. */
export const LENET = {
  name: 'LeNet-5 28×28×1 (m=256)', image: [28, 28, 1], m: 256, alpha: 0.05, steps: 3, repeats: 5,
  layers: [
    { kind: 'conv2d', filters: 6, activation: 'relu', f: 5, stride: 1, pad: 0 },
    { kind: 'max_pool', f: 2, stride: 2 },
    { kind: 'conv2d', filters: 16, activation: 'relu', f: 5, stride: 1, pad: 0 },
    { kind: 'max_pool', f: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 120, activation: 'relu' },
    { kind: 'dense', units: 84, activation: 'relu' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

/** A copy of `w` with its first conv2d's filters, every conv's f, the image size or m changed (the growth table). */
export function variant(w, { filters, f, size, m }) {
  const layers = w.layers.map((layer, l) => (layer.kind !== 'conv2d' ? layer
    : { ...layer, f: f ?? layer.f, filters: l === 0 && filters ? filters : layer.filters }));
  const image = size ? [size, size, w.image[2]] : w.image;
  return { ...w, layers, image, m: m ?? w.m, name: `${image.join('×')}, ${layers[0].filters} filters, f ${layers[0].f}, m ${m ?? w.m}` };
}

/** Every layer's input and output (n_H, n_W, n_C); a vector is (1, 1, n). */
function volumes(w) {
  let [n_H, n_W, n_C] = w.image;
  return w.layers.map((layer) => {
    const input = [n_H, n_W, n_C];
    if (layer.kind === 'conv2d' || layer.kind === 'max_pool' || layer.kind === 'avg_pool') {
      const p = layer.kind === 'conv2d' ? layer.pad : 0;
      [n_H, n_W] = [Math.floor((n_H + 2 * p - layer.f) / layer.stride) + 1, Math.floor((n_W + 2 * p - layer.f) / layer.stride) + 1];
      if (layer.kind === 'conv2d') n_C = layer.filters;
    } else if (layer.kind === 'flatten') [n_H, n_W, n_C] = [1, 1, n_H * n_W * n_C];
    else [n_H, n_W, n_C] = [1, 1, layer.units];
    return { input, output: [n_H, n_W, n_C] };
  });
}

/**
 * Multiply-adds ×2 of a conv network's step: per conv2d and dense layer the forward product, dW's
 * and (except layer 1) dA[l−1]'s — m·n_H[l]·n_W[l]·n_C[l]·(f²·n_C[l−1] or n[l−1]) each. Pools,
 * activations and the update are left out (a few percent).
 */
export function convFlopsPerStep(w) {
  return volumes(w).reduce((sum, { input, output }, l) => {
    const layer = w.layers[l];
    if (layer.kind !== 'conv2d' && layer.kind !== 'dense') return sum;
    const perOutput = layer.kind === 'conv2d' ? layer.f * layer.f * input[2] : input[2];
    return sum + 2 * w.m * output[0] * output[1] * output[2] * perOutput * (l > 0 ? 3 : 2);
  }, 0);
}

/** The engine's median ms per step on a conv workload: a Trainer on pseudo-random pixels, full batch. */
export function convEngineMsPerStep(engine, w) {
  const [n_H, n_W, n_C] = w.image;
  const layers = w.layers.map(({ activation, ...layer }) => (activation ? { ...layer, activation: { name: activation } } : layer));
  const classes = w.layers[w.layers.length - 1].units;
  const spec = {
    name: w.name, inputSize: n_H * n_W * n_C, image: { n_H, n_W, n_C }, loss: 'softmax_cross_entropy', layers,
    train: { learningRate: w.alpha, iterations: Number.MAX_SAFE_INTEGER, batch: 'full', seed: 1, logEvery: 100 },
  };
  return timeSteps(new engine.Trainer(spec, pixels(w, classes)), w);
}

const torchEnv = { ...numpyEnv, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
let torchFound;
const torch = () => (torchFound ??= findPython('torch', { env: torchEnv, install: 'apt-get install -y python3-torch (or pip install torch)' }));

/** Why PyTorch cannot run here, or undefined when it can. */
export const torchMissing = () => torch().missing;

/** PyTorch's ms per step (CPU, one thread) in 'float64' or 'float32'. */
export function torchMsPerStep(w, dtype) {
  const out = execFileSync(torch().python, [join(here, 'torch_lenet.py'), JSON.stringify(w), dtype], { env: torchEnv, encoding: 'utf8' });
  return JSON.parse(out).ms;
}

/** TensorFlow.js's ms per step on a conv workload ('wasm' or 'cpu' backend), or { missing } with why. */
export function tfjsConvMsPerStep(backend, w) {
  const r = spawnSync(process.execPath, [join(here, 'tfjs_lenet.mjs'), backend, JSON.stringify(w)], { encoding: 'utf8' });
  if (r.status !== 0) return { missing: (r.stderr.trim().split('\n').find((line) => /Error/.test(line)) ?? `exit ${r.status}`).slice(0, 200) };
  return { ms: JSON.parse(r.stdout.trim().split('\n').pop()).ms };
}

// ---- a small ResNet (issue 20's speed goal: engine ≤ 1.5× PyTorch float64, one thread) ----

const bn = (filters, activation, f, stride, pad) => ({ kind: 'conv2d', filters, activation: { name: activation }, f, stride, pad, norm: 'batch' });
const layerNode = (l) => ({ kind: 'layer', l });
const residual = (body, shortcut = []) => ({ kind: 'residual', activation: { name: 'relu' }, body: body.map(layerNode), shortcut: shortcut.map(layerNode) });

/**
 * A stem conv, two identity blocks and a projection block of stride 2 (its shortcut a 1×1 conv),
 * every conv with `norm: batch`, then global_avg_pool and dense 10 softmax: spec §12's tree, trained
 * full batch with Adam. Layers: 1 stem, 2–3 and 4–5 identity, 6–7 body and 8 shortcut, 9 pool, 10 dense.
 */
export const RESNET = {
  name: 'ResNet 28×28×1 (m=64)', image: [28, 28, 1], m: 64, alpha: 0.001, steps: 2, repeats: 5,
  layers: [
    bn(16, 'relu', 3, 1, 1),
    bn(16, 'relu', 3, 1, 1), bn(16, 'linear', 3, 1, 1),
    bn(16, 'relu', 3, 1, 1), bn(16, 'linear', 3, 1, 1),
    bn(32, 'relu', 3, 2, 1), bn(32, 'linear', 3, 1, 1), bn(32, 'linear', 1, 2, 0),
    { kind: 'global_avg_pool' },
    { kind: 'dense', units: 10, activation: { name: 'softmax' } },
  ],
  body: [layerNode(1), residual([2, 3]), residual([4, 5]), residual([6, 7], [8]), layerNode(9), layerNode(10)],
};

/** Pseudo-random pixels X (n_H·n_W·n_C, m) and one-hot labels Y (classes, m) for a conv workload. */
function pixels(w, classes) {
  const next = uniforms();
  const n0 = w.image[0] * w.image[1] * w.image[2];
  const X = { rows: n0, cols: w.m, data: Float64Array.from({ length: n0 * w.m }, next) };
  const Y = { rows: classes, cols: w.m, data: new Float64Array(classes * w.m) };
  for (let j = 0; j < w.m; j++) Y.data[Math.floor(next() * classes) * w.m + j] = 1;
  return { X, Y, m: w.m };
}

/**
 * The engine on the ResNet: its median ms per step, the cost of its first step and the initial
 * weights by key (which PyTorch starts from, so both run the same function from the same point).
 */
export function resnetEngineStep(engine, w) {
  const [n_H, n_W, n_C] = w.image;
  const spec = {
    name: w.name, inputSize: n_H * n_W * n_C, image: { n_H, n_W, n_C }, loss: 'softmax_cross_entropy', layers: w.layers, body: w.body,
    train: { learningRate: w.alpha, iterations: Number.MAX_SAFE_INTEGER, batch: 'full', seed: 1, logEvery: 100, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } },
  };
  const set = pixels(w, w.layers[w.layers.length - 1].units);
  const trainer = new engine.Trainer(spec, set);
  const initial = Object.fromEntries(Object.entries(trainer.weights()).map(([key, v]) => [key, Array.from(v)]));
  trainer.step(1);
  const J = trainer.costs[0][1];
  return { ms: timeSteps(trainer, w), J, initial, set };
}

/** PyTorch float64 (one thread) on the ResNet from the engine's initial weights: { ms, J } as above. */
export function resnetTorchStep(w, initial, set) {
  const input = JSON.stringify({ w, initial, X: Array.from(set.X.data), Y: Array.from(set.Y.data) });
  const out = execFileSync(torch().python, [join(here, 'torch_resnet.py')], { env: torchEnv, encoding: 'utf8', input, maxBuffer: 1 << 26 });
  return JSON.parse(out);
}

// ---- sequence models (issue 21's LSTM step and issue 22's dates step: engine ≤ 1.5× PyTorch float64, one thread) ----

/**
 * Each as a `.nn` network the language compiles (so the bench runs what a user's file runs), trained
 * full batch with Adam on its generator's data. The LSTM is the adding problem of
 * examples/sequences/adding.nn at the issue's sizes (n_a = 64, T = 50, m = 64); the dates model is
 * examples/dates.nn (tokens → embedding 32 → positional encoding → two of §15's encoder blocks, 4
 * heads each → per-step softmax over the 12 output characters) on m = 64, one of its batches.
 */
export const SEQUENCES = [
  {
    name: 'LSTM n_a=64, T=50 (m=64)', torch: 'torch_lstm.py', numpy: 'numpy_lstm.py', tfjs: 'tfjs_lstm.mjs', steps: 3, repeats: 5,
    source: `network lstm {
  input sequence(steps: 50, features: 2)
  lstm 64  return: last
  dense 1 linear
  loss mse
  train {
    data adding(m: 64, steps: 50)
    optimizer adam
    learning_rate 0.003
    seed 1
  }
}
`,
  },
  {
    // examples/dates.nn itself, on 64 of its examples (its own data is dates(m: 10000) in batches of 64)
    name: 'dates.nn, 2 encoder blocks (m=64)', torch: 'torch_dates.py', numpy: 'numpy_dates.py', tfjs: 'tfjs_dates.mjs', heads: 4, steps: 3, repeats: 5,
    source: readFileSync(join(root, 'examples', 'dates.nn'), 'utf8').replace('dates(m: 10000)', 'dates(m: 64)'),
  },
];

/** The compiled network of a sequence workload, full batch, and its training set from the generator. */
export function sequenceNetwork(engine, w) {
  const { networks, diagnostics } = engine.analyze(w.source);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${w.name}: ${errors.map((d) => d.message).join('; ')}`);
  const spec = networks[0].spec;
  spec.train = { ...spec.train, batch: 'full', iterations: Number.MAX_SAFE_INTEGER, logEvery: 100 };
  const noFiles = () => { throw new Error('a generator reads no file'); };
  const set = engine.sequenceDataset(spec, engine.sequenceInputOf(spec), spec.train.data, 'data', noFiles);
  return { spec, set };
}

/**
 * The engine on a sequence workload: { ms, J, initial, set } as resnetEngineStep's, `cpu`, the
 * median CPU ms per step (the process's, so on a busy machine it counts only the work), and the
 * learning rate `alpha` its Adam uses (the peers use it too).
 */
export function sequenceEngineStep(engine, w) {
  const { spec, set } = sequenceNetwork(engine, w);
  const trainer = () => new engine.Trainer(spec, set);
  const first = trainer();
  const initial = Object.fromEntries(Object.entries(first.weights()).map(([key, v]) => [key, Array.from(v)]));
  first.step(1);
  const J = first.costs[0][1];
  return { ms: timeSteps(first, w), cpu: timeSteps(trainer(), w, cpuClock), J, initial, set, alpha: spec.train.learningRate };
}

/**
 * A peer (`torch`, `numpy`: w's Python script; `tfjs`: w's TensorFlow.js script on its `backend`)
 * from the engine's initial weights on the same data: { ms, cpu, J } (peer_timing.py), or
 * { missing } with why when TensorFlow.js cannot run.
 */
export function sequencePeerStep(w, peer, { initial, set, alpha }, backend = 'wasm') {
  const input = JSON.stringify({ w: { name: w.name, steps: w.steps, repeats: w.repeats, alpha, heads: w.heads }, initial, X: Array.from(set.X.data), Y: Array.from(set.Y.data), m: set.m });
  if (peer === 'tfjs') {
    const r = spawnSync(process.execPath, [join(here, w.tfjs), backend], { encoding: 'utf8', input, maxBuffer: 1 << 26 });
    if (r.status !== 0) return { missing: (r.stderr.trim().split('\n').find((line) => /Error/.test(line)) ?? `exit ${r.status}`).slice(0, 200) };
    return JSON.parse(r.stdout.trim().split('\n').pop());
  }
  const python = peer === 'torch' ? torch().python : numpy().python;
  const out = execFileSync(python, [join(here, w[peer])], { env: peer === 'torch' ? torchEnv : numpyEnv, encoding: 'utf8', input, maxBuffer: 1 << 26 });
  return JSON.parse(out);
}
