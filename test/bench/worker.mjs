// ms per training step of the deep course network (12288-20-7-5-1, m = 209) on each way to the
// engine, interleaved so that the machine's load drifts over all of them alike:
//   bench    Trainer.step in this thread, as test/bench/wasm.mjs times it
//   thread   the same loop in a bare worker_threads worker (does a worker change anything?)
//   session  dist/worker.js, the extension's training thread: core/services/session in slices, with its
//            progress reports, accuracy, W snapshots (what the panel shows as the run's speed)
// each with the WASM kernels on two threads and on one (NN_THREADS=1). "cpu ms/step" is the
// process's CPU time (all threads) per step: on a busy machine it moves less than wall time does;
// "cores" is CPU over wall time, about 2 when both cores work for the run. "2nd thread" (Linux)
// is the share of that CPU time spent by the process's second-busiest thread: the kernels' helper
// when it takes bands, near 0 when only one thread computes.
//   npm run build && node test/bench/worker.mjs [--seconds 4] [--rounds 2]
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';

const { values: opts } = parseArgs({ options: { seconds: { type: 'string', default: '4' }, rounds: { type: 'string', default: '2' } } });
const seconds = Number(opts.seconds);
const root = resolve(import.meta.dirname, '../..');
const kernels = join(root, 'dist', 'kernels.wasm');
if (!existsSync(join(root, 'dist', 'worker.js')) || !existsSync(kernels)) throw new Error('run `npm run build` first');

const spec = {
  name: 'deep', inputSize: 12288, loss: 'cross_entropy',
  layers: [[20, 'relu'], [7, 'relu'], [5, 'relu'], [1, 'sigmoid']].map(([units, name]) => ({ units, activation: { name } })),
  train: { data: { kind: 'generator', name: 'blobs', args: { m: 209, classes: 2, features: 12288, spread: 4 } }, init: { kind: 'he' },
    learningRate: 0.0075, iterations: 1e9, batch: 'full', seed: 1, logEvery: 100 },
};

// core/engine bundled with the kernels embedded, as the build bundles it into dist/worker.js.
const engine = join(mkdtempSync(join(tmpdir(), 'nn-bench-')), 'engine.cjs');
await build({
  stdin: { contents: "export { loadData, Trainer } from './core/engine/index';", resolveDir: root, loader: 'ts' },
  outfile: engine, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',
  define: { NN_KERNELS_WASM: JSON.stringify(readFileSync(kernels).toString('base64')) },
});

/** CPU milliseconds of each of this process's threads, by thread id (empty where /proc is missing). */
function threadCpu() {
  if (!existsSync('/proc/self/task')) return new Map();
  return new Map(readdirSync('/proc/self/task').map((tid) => {
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    return [tid, (Number(fields[11]) + Number(fields[12])) * 10]; // utime + stime, in 10 ms ticks
  }));
}

/** The second-busiest thread's share of the CPU time between two threadCpu() snapshots. */
function secondShare(before, after) {
  const used = [...after].map(([tid, ms]) => ms - (before.get(tid) ?? 0)).sort((a, b) => b - a);
  const total = used.reduce((a, b) => a + b, 0);
  return total > 0 ? (used[1] ?? 0) / total : undefined;
}

// The bench loop: warm up, `mark()`, then steps for `seconds`; ms per step and CPU over wall time.
const loop = `(engine, spec, seconds, mark) => {
  const data = engine.loadData(spec);
  const t = new engine.Trainer(spec, data.train);
  t.step(3);
  mark();
  const [c0, w0, i0] = [process.cpuUsage(), performance.now(), t.iteration];
  while (performance.now() - w0 < seconds * 1000) t.step(1);
  const [c, wall] = [process.cpuUsage(c0), performance.now() - w0];
  return { ms: wall / (t.iteration - i0), cpu: (c.user + c.system) / 1000 / wall };
}`;

function inThisThread() {
  let before;
  const r = eval(loop)(createRequire(import.meta.url)(engine), spec, seconds, () => (before = threadCpu()));
  return { ...r, second: secondShare(before, threadCpu()) };
}

function inThread(threads) {
  const body = `const { parentPort, workerData } = require('node:worker_threads');
    parentPort.postMessage((${loop})(require(workerData.engine), workerData.spec, workerData.seconds, () => parentPort.postMessage('warm')));`;
  const w = new Worker(body, { eval: true, workerData: { engine, spec, seconds }, env: { ...process.env, NN_THREADS: String(threads) } });
  let before;
  return new Promise((done, fail) => w.on('error', fail).on('message', (r) => {
    if (r === 'warm') return void (before = threadCpu());
    const second = secondShare(before, threadCpu());
    w.terminate().then(() => done({ ...r, second }));
  }));
}

/** The extension's training thread: start, let it warm up, then count iterations from its reports. */
function inSession(threads) {
  const w = new Worker(join(root, 'dist', 'worker.js'), { env: { ...process.env, NN_THREADS: String(threads) } });
  return new Promise((done, fail) => {
    let mark;
    w.on('error', fail).on('message', (r) => {
      if (r.type === 'error') fail(new Error(r.message));
      if (r.type !== 'progress' || r.iteration < 3) return;
      const now = { wall: performance.now(), cpu: process.cpuUsage(), i: r.iteration, s: r.seconds, threads: threadCpu() };
      if (!mark) return void (mark = now);
      if (now.wall - mark.wall < seconds * 1000) return;
      w.terminate();
      const c = process.cpuUsage(mark.cpu);
      const wall = now.wall - mark.wall;
      // `seconds` counts only the session's stepping, so the two figures split reports from steps
      done({ ms: wall / (now.i - mark.i), stepping: ((now.s - mark.s) * 1000) / (now.i - mark.i), cpu: (c.user + c.system) / 1000 / wall,
        second: secondShare(mark.threads, now.threads) });
    });
    w.postMessage({ type: 'start', spec });
  });
}

const paths = [
  ['bench, this thread, 2 threads', () => inThisThread()],
  ['bare worker, 2 threads', () => inThread(2)],
  ['bare worker, 1 thread', () => inThread(1)],
  ['session worker, 2 threads', () => inSession(2)],
  ['session worker, 1 thread', () => inSession(1)],
];
const results = paths.map(() => []);
console.log(`deep 12288-20-7-5-1 (m = 209), WASM kernels, ${seconds} s per figure, Node ${process.version}, load ${loadavg()[0].toFixed(1)}`);
for (let round = 0; round < Number(opts.rounds); round++) {
  for (const [i, [, run]] of paths.entries()) results[i].push(await run());
}
for (const rs of results) for (const r of rs) r.cpuMs = r.ms * r.cpu;
const fmt = (xs, key) => xs.map((r) => (r[key] === undefined ? '—' : r[key].toFixed(key === 'cpu' || key === 'second' ? 2 : 1))).join(' / ');
const columns = [['ms/step', 'ms'], ['stepping ms', 'stepping'], ['cpu ms/step', 'cpuMs'], ['cores', 'cpu'], ['2nd thread', 'second']];
console.log(['path'.padEnd(30), ...columns.map(([h]) => h.padStart(16))].join('  '));
paths.forEach(([name], i) => console.log([name.padEnd(30), ...columns.map(([, key]) => fmt(results[i], key).padStart(16))].join('  ')));
console.log(`load average at the end ${loadavg()[0].toFixed(1)}`);
