// Benchmark: analyze() on a generated 1,000-layer network, after warm-up. Target < 20 ms.
// Usage: node test/bench/check.mjs [layers]   (bundles core/language with esbuild first)

import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { cpus, loadavg } from 'node:os';


const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = path.join(root, 'out/bench/language.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'core/language/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
const { analyze, formatText } = createRequire(import.meta.url)(outfile);

const layers = Number(process.argv[2] ?? 1000);
const lines = ['# generated benchmark network', 'network big {', '  input 64'];
for (let l = 1; l <= layers; l++) {
  const units = l === layers ? 1 : 16 + (l % 48);
  const previous = l === 1 ? 64 : 16 + ((l - 1) % 48);
  const act = l === layers ? 'sigmoid' : l % 2 ? 'relu' : 'tanh';
  lines.push(`  dense ${units} ${act}  W: (${units}, ${previous})  b: (${units}, 1)  Z: (${units}, m)   # layer ${l}`);
}
lines.push('  train {', '    data blobs(m: 500, classes: 2, features: 64)', '    learning_rate 0.01', '    iterations 100', '  }', '}', '');
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
