// How free the extension host's event loop stays while the deep course network (12288-20-7-5-1)
// trains in dist/worker.js. This script plays the extension's part: it spawns the worker, forwards
// every report as the panel does (typed arrays made plain, JSON-serialised for the webview) and
// measures its own event-loop delay with perf_hooks.monitorEventLoopDelay.
//   npm run build && node test/bench/eventloop.mjs [--seconds 20] [--file examples/deep.nn]
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';

const { values: opts } = parseArgs({ options: { seconds: { type: 'string', default: '20' }, file: { type: 'string', default: 'examples/deep.nn' } } });
const root = resolve(import.meta.dirname, '../..');

// The language core and the protocol helpers, bundled from core/ (the same code the extension bundles).
const out = join(mkdtempSync(join(tmpdir(), 'nn-bench-')), 'core.cjs');
await esbuild.build({
  stdin: { contents: "export { analyze } from './core/language'; export { toPlain } from './core/services/protocol';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning',
});
const { analyze, toPlain } = createRequire(import.meta.url)(out);

const file = resolve(root, opts.file);
const network = analyze(readFileSync(file, 'utf8'), { path: file }).networks[0];
if (!network?.spec) throw new Error(`${opts.file}: the first network has errors`);

// The same measurement with no worker first: what the machine itself costs (timer resolution, load).
const idle = monitorEventLoopDelay({ resolution: 5 });
idle.enable();
await new Promise((r) => setTimeout(r, 5000));
idle.disable();

const delay = monitorEventLoopDelay({ resolution: 5 });
const worker = new Worker(join(root, 'dist', 'worker.js'));
let reports = 0;
let bytes = 0;
let iteration = 0;
let stopAsked = 0;
const finished = new Promise((resolveDone, reject) => {
  worker.on('error', reject);
  worker.on('message', (report) => {
    reports++;
    bytes += JSON.stringify(toPlain(report)).length; // what webview.postMessage would serialise
    if (report.type === 'progress') iteration = report.iteration;
    if (report.type === 'error') reject(new Error(report.message));
    if (report.type === 'done') resolveDone(performance.now() - stopAsked);
  });
});

delay.enable();
const started = performance.now();
worker.postMessage({ type: 'start', spec: network.spec, options: { iterations: 1_000_000 } });
await new Promise((r) => setTimeout(r, Number(opts.seconds) * 1000));
stopAsked = performance.now();
worker.postMessage({ type: 'stop' });
const stopMs = await finished;
delay.disable();
const seconds = (stopAsked - started) / 1000;
await worker.terminate();

const ms = (ns) => (ns / 1e6).toFixed(1);
console.log(`network ${network.name} (${[network.spec.inputSize, ...network.spec.layers.map((l) => l.units)].join('-')}), m = ${network.m}, ${seconds.toFixed(1)} s of training`);
console.log(`iterations: ${iteration} (${(iteration / seconds).toFixed(1)} per second)`);
console.log(`reports forwarded: ${reports} (${(reports / seconds).toFixed(1)} per second, ${(bytes / seconds / 1024).toFixed(0)} KiB/s as JSON)`);
console.log(`event-loop delay, idle (no worker, 5 s): p50 ${ms(idle.percentile(50))} ms, p99 ${ms(idle.percentile(99))} ms, max ${ms(idle.max)} ms`);
console.log(`event-loop delay while training: p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, p99.9 ${ms(delay.percentile(99.9))} ms, max ${ms(delay.max)} ms`);
console.log(`stop answered after ${stopMs.toFixed(1)} ms`);
