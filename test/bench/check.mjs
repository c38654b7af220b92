// Benchmark: analyze() on a generated 1,000-layer network, after warm-up. Target < 20 ms.
// Then every large input shape of test/unit/language/large.ts from 1,000 to 1,024,000 characters:
// ms of analyze and formatText per size, with each 4× step flagged when it takes 8× as long or more
// (linear time gives about 4×), and `nn check` (dist/cli.js) on each shape at 1 MB against 2 s.
// Usage: node test/bench/check.mjs [layers]   (bundles core/language with esbuild first; the
// `nn check` rows need `npm run build`)

import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { bigNetwork } from './network1000.mjs';


const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = path.join(root, 'out/bench/language.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'core/language/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
const { analyze, formatText } = createRequire(import.meta.url)(outfile);
const shapesFile = path.join(root, 'out/bench/large.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'test/unit/language/large.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: shapesFile, logLevel: 'warning' });
const { LARGE_SHAPES } = createRequire(import.meta.url)(shapesFile);

// In a child (see below): one shape's times at every size, as JSON.
const SIZES = [1_000, 4_000, 16_000, 64_000, 256_000, 1_024_000];
/** Below this a step's ratio is timer noise, not growth. */
const NOISE_MS = 5;
const shapeArg = process.argv.indexOf('--shape');
if (shapeArg > 0) {
  const texts = SIZES.map(LARGE_SHAPES[process.argv[shapeArg + 1]]);
  const out = {};
  for (const [name, step] of [['analyze', (t) => analyze(t, { files: null })], ['formatText', formatText]]) {
    step(texts[texts.length - 1]); // warm-up on the largest: every size then runs on a heap grown to fit it
    out[name] = texts.map((t) => best(() => step(t), 3));
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

const layers = Number(process.argv[2] ?? 1000);
const lines = bigNetwork(layers);
const text = lines.join('\n');

const check = analyze(text, { files: null });
const errors = check.diagnostics.filter((d) => d.severity === 'error');
if (errors.length > 0 || check.networks[0].layers.length !== layers) {
  console.error('benchmark file did not check clean:', errors.slice(0, 3));
  process.exit(1);
}

// Wall time and process CPU time per run, back to back as an editor re-analyses on each keystroke:
// no forced GC in between (a full GC shrinks the young generation, and the next run then pays for
// scavenges it never pays in use). CPU time counts V8's parallel GC threads too.
function time(label, fn, runs = 200) {
  for (let i = 0; i < 20; i++) fn(); // warm-up: let the JIT settle
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
  }
  const at = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)];
  console.log(`${label}: wall median ${at(wall, 0.5).toFixed(2)} ms, p90 ${at(wall, 0.9).toFixed(2)} ms, best ${at(wall, 0).toFixed(2)} ms · CPU median ${at(cpu, 0.5).toFixed(2)} ms (${runs} runs)`);
  return at(wall, 0.5);
}

console.log(`${layers}-layer file: ${lines.length} lines, ${text.length} characters`);
const median = time('analyze', () => analyze(text, { files: null }));
time('formatText', () => formatText(text), 50);
console.log(`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
console.log(median < 20 ? `analyze: ${median.toFixed(1)} ms (wall median), within the 20 ms target` : `analyze: ${median.toFixed(1)} ms (wall median), OVER the 20 ms target`);

// ---- every large input shape, 1,000 → 1,024,000 characters ----
// Each shape in a process of its own (this script with `--shape NAME`), warmed up on its largest
// text, so the heap left by one shape does not slow the next and every size runs on a grown heap.

/** Least wall time in ms of `runs` calls. */
function best(fn, runs) {
  let ms = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    ms = Math.min(ms, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return ms;
}

let superlinear = 0;
console.log(`\nlarge inputs: ms (best of 3) at ${SIZES.map((n) => `${n / 1000}k`).join(' / ')} characters; ! marks a 4× step taking ≥ 8× as long`);
for (const shape of Object.keys(LARGE_SHAPES)) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--shape', shape], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`  ${shape}: failed\n${r.stderr}`);
    superlinear++;
    continue;
  }
  for (const [name, ms] of Object.entries(JSON.parse(r.stdout))) {
    const cells = ms.map((t, i) => {
      const flagged = i > 0 && ms[i - 1] >= NOISE_MS && t >= 8 * ms[i - 1];
      if (flagged) superlinear++;
      return `${t.toFixed(1)}${flagged ? '!' : ''}`;
    });
    console.log(`  ${`${shape}, ${name}`.padEnd(42)} ${cells.join(' / ')}`);
  }
}
console.log(superlinear === 0 ? 'every shape grows linearly' : `${superlinear} step(s) grew 8× or more for 4× the text`);

const cli = path.join(root, 'dist/cli.js');
if (existsSync(cli)) {
  const dir = mkdtempSync(path.join(tmpdir(), 'nn-bench-'));
  let over = 0;
  console.log('\nnn check on 1 MB of each shape (wall time of the whole process, target < 2 s):');
  for (const [shape, make] of Object.entries(LARGE_SHAPES)) {
    const file = path.join(dir, 'large.nn');
    writeFileSync(file, make(1_024_000));
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, 'check', file], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (s >= 2) over++;
    console.log(`  ${shape.padEnd(30)} ${s.toFixed(2)} s  ${r.stderr.trim()}`);
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(over === 0 ? 'all within 2 s' : `${over} shape(s) took 2 s or more`);
  console.log(`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
} else {
  console.log('\nnn check rows skipped: run `npm run build` first');
}
