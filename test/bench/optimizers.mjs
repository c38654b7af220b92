// The optimizers' update (spec §9) on the TypeScript and the WebAssembly kernels: median ms per
// update of the 12288-20-7-5-1 network's parameters (246,000 θ entries), for each optimizer.
// Run alone after a build:
// `node test/bench/optimizers.mjs`. A benchmark, not a test: figures on a shared machine are noisy.

import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(mkdtempSync(join(tmpdir(), 'nn-bench-')), 'optimizers.cjs');
const wasmFile = join(root, 'dist', 'kernels.wasm');
const define = existsSync(wasmFile) ? { NN_KERNELS_WASM: JSON.stringify(readFileSync(wasmFile).toString('base64')) } : {};
await build({
  stdin: {
    contents: [
      "export { makeOptimizer } from './core/engine/optimizers/index';",
      "export { jsKernels } from './core/engine/kernels';",
      "export { matrix } from './core/engine/matrix';",
      "export { wasmKernelSet } from './core/engine/wasm/index';",
    ].join('\n'),
    resolveDir: root, loader: 'ts',
  },
  outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', define,
});
const { makeOptimizer, jsKernels, matrix, wasmKernelSet } = createRequire(import.meta.url)(outfile);

const sizes = [12288, 20, 7, 5, 1];
const shapes = sizes.slice(1).flatMap((n, l) => [[n, sizes[l]], [n, 1]]);
const SPECS = [
  { kind: 'gd' },
  { kind: 'momentum', beta: 0.9 },
  { kind: 'rmsprop', beta: 0.999, epsilon: 1e-8 },
  { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
];

function msPerUpdate(spec, k) {
  const params = shapes.map(([r, c]) => matrix(r, c));
  const grads = shapes.map(([r, c]) => {
    const d = matrix(r, c);
    for (let p = 0; p < d.data.length; p++) d.data[p] = Math.sin(p) * 1e-2;
    return d;
  });
  const optimizer = makeOptimizer(spec, k, params, (r, c) => matrix(r, c));
  const times = [];
  for (let t = 1; t <= 60; t++) {
    const start = performance.now();
    optimizer.update(params, grads, 1e-3, t);
    if (t > 10) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

const wasm = wasmKernelSet();
console.log(`\nOptimizer updates of ${shapes.reduce((s, [r, c]) => s + r * c, 0)} parameters — ms per update (median)${wasm ? '' : ' — WASM kernels NOT BUILT'}\n`);
for (const spec of SPECS) {
  const ts = msPerUpdate(spec, jsKernels);
  const fast = wasm ? msPerUpdate(spec, wasm) : undefined;
  console.log(`${spec.kind.padEnd(9)} TS ${ts.toFixed(3).padStart(7)}   WASM ${fast === undefined ? '—' : fast.toFixed(3).padStart(7)}`);
}
