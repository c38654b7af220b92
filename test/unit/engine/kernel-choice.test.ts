// Results and memory limits (issue 23 item 8d): the one choice that depends on memory is which kernels
// run. V8 reserves about 10 GB of address space for a WebAssembly memory, so under `ulimit -v` below
// that the module cannot load and the TypeScript kernels run, whose sums and exp/tanh differ from the
// WebAssembly ones in the last bits (≤ 4e-13 after a 2-1000-1000-1 run). Nothing else depends on
// memory: such a run gives exactly the numbers of NN_KERNELS=ts, the setting that makes runs
// reproducible across machines and limits (docs/limits.md, "Memory").

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../language/helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const NET = `network deep {
  input 2
  dense 64 tanh
  dense 64 relu
  dense 1 sigmoid
  train {
    data flower(m: 400, noise: 0.2)
    learning_rate 0.3
    iterations 200
    seed 3
  }
}
`;

/** `nn train` with --save-weights, under `ulimit -v KB` when given; returns the weights file's text. */
function train(dir: string, name: string, env: NodeJS.ProcessEnv, limitKb?: number): string {
  const out = path.join(dir, `${name}.json`);
  const command = `${limitKb ? `ulimit -v ${limitKb} && ` : ''}exec "${process.execPath}" "${CLI}" train "${path.join(dir, 'net.nn')}" --save-weights "${out}"`;
  execFileSync('sh', ['-c', command], { env: { ...process.env, ...env }, stdio: 'pipe' });
  return fs.readFileSync(out, 'utf8');
}

test('under ulimit -v the WebAssembly kernels cannot load, and the run equals NN_KERNELS=ts bit for bit', () => {
  assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run npm run build');
  const module = path.join(ROOT, 'out', 'core', 'engine', 'wasm', 'module.js');
  const probe = `process.stdout.write(require(${JSON.stringify(module)}).loadWasm() ? 'wasm' : 'ts')`;
  const loaded = execFileSync('sh', ['-c', 'ulimit -v 6000000 && exec "$0" "$@"', process.execPath, '-e', probe]).toString();
  assert.equal(loaded, 'ts', 'the memory limit turns the WebAssembly kernels off');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-kernels-'));
  try {
    fs.writeFileSync(path.join(dir, 'net.nn'), NET);
    const limited = train(dir, 'limited', {}, 6_000_000);
    const ts = train(dir, 'ts', { NN_KERNELS: 'ts' });
    assert.equal(limited, ts);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
