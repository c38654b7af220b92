// `nn gradcheck` as a child process: the built CLI on an example (exit 0, the table, the JSON), and
// the CLI's own code on a network whose backprop is broken on purpose (exit 1, the layer named).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function nn(...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('nn gradcheck on an example prints a row per W[l], b[l] and the verdict, and exits 0', () => {
  const r = nn('gradcheck', 'examples/planar.nn');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^network planar: all 17 parameters, 64 examples, ε = 1e-7$/m);
  for (const [theta, shape] of [['W\\[1\\]', '\\(4, 2\\)'], ['b\\[1\\]', '\\(4, 1\\)'], ['W\\[2\\]', '\\(1, 4\\)'], ['b\\[2\\]', '\\(1, 1\\)']]) {
    assert.match(r.stdout, new RegExp(`^${theta}\\s+${shape}\\s+\\d+ of \\d+\\s+\\d\\.\\d\\de-\\d+\\s+fine$`, 'm'));
  }
  assert.match(r.stdout, /^fine: difference \d\.\d\de-\d+ < 1e-7: backprop's gradient is right$/m);
  assert.equal(r.stderr, '');
});

test('nn gradcheck --json --network --epsilon: the result as JSON, entries counted from 1', () => {
  const r = nn('gradcheck', 'examples/deep.nn', '--network', 'shallow', '--epsilon', '1e-6', '--json');
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.network, 'shallow');
  assert.equal(json.epsilon, 1e-6);
  assert.equal(json.verdict, 'fine');
  assert.equal(json.parameters, 12289);
  assert.deepEqual(json.perParameter.map((p: { name: string; l: number }) => `${p.name}${p.l}`), ['W1', 'b1']);
  for (const e of [...json.worst, ...json.perParameter.flatMap((p: { worst: unknown[] }) => p.worst)]) assert.ok(e.row === 1 && e.col >= 1 && e.col <= (e.name === 'W' ? 12288 : 1), JSON.stringify(e));
});

test('nn gradcheck: usage mistakes and a network with errors exit 1 with a message', () => {
  const bad = nn('gradcheck', 'examples/planar.nn', '--epsilon', '-1');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--epsilon needs a positive number/);
  const broken = nn('gradcheck', 'examples/broken/broken.nn');
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /network broken has errors, so its gradient was not checked/);
  const missing = nn('gradcheck', 'examples/planar.nn', '--network', 'nope');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no network named nope \(the file has: planar\)/);
});

test('nn gradcheck exits 1 and names the layer when backprop is wrong', () => {
  // A child process runs the CLI's code with the TypeScript kernels, whose tanh derivative it
  // breaks first (1 − a instead of 1 − a²): the shipped code has no hook for this.
  const out = path.join(ROOT, 'out');
  const script = `
    const { jsKernels } = require(${JSON.stringify(path.join(out, 'core/engine/kernels.js'))});
    const right = jsKernels.backward;
    jsKernels.backward = (g, Z, A, dA, dZ) => {
      if (g.name !== 'tanh') return right(g, Z, A, dA, dZ);
      for (let p = 0; p < Z.rows * Z.cols; p++) dZ.data[p] = dA.data[p] * (1 - A.data[p]);
    };
    require(${JSON.stringify(path.join(out, 'core/adapters/cli/gradcheck.js'))}).run(['examples/planar.nn']).then((code) => { process.exitCode = code; });`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NN_KERNELS: 'ts' } });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^W\[1\]\s+\(4, 2\)\s+8 of 8\s+\S+\s+bug$/m);
  assert.match(r.stdout, /^W\[2\]\s+\(1, 4\)\s+4 of 4\s+\S+\s+fine$/m);
  assert.match(r.stderr, /examples\/planar\.nn: error: difference \d\.\d\de-\d+ ≥ 1e-5: backprop's gradient is wrong \(a bug\)/);
});

test('nn gradcheck on LeNet-5 checks a sample sized to finish in seconds by default, and --entries more or fewer', () => {
  const r = nn('gradcheck', 'examples/digits/digits.nn', '--entries', '40');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^network digits: a seeded sample of 40 of its 44,426 parameters, 64 examples/m);
  assert.match(r.stdout, /^W\[1\]\s+\(5, 5, 1, 6\)/m);
  const bad = nn('gradcheck', 'examples/planar.nn', '--entries', '0');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--entries needs a positive whole number/);
});
