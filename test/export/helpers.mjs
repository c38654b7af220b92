// Shared by the export tests: the built `nn` CLI, a Python that imports a module, scratch folders,
// and the comparisons of spec §10 (relative 1e-9 for costs and weights).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { findPython } from '../bench/python.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(root, 'dist', 'cli.js');

/** The Python that imports `module`; throws with how to install it (the tests need the real tools). */
export function python(module, apt) {
  const found = findPython(module, { install: `apt-get install -y ${apt}` });
  if (found.missing) throw new Error(found.missing);
  return found.python;
}

/**
 * torchrun's arguments for 2 processes of `script`, as Debian's needs them under Python 3.11
 * (--redirects 1 --tee 1), meeting on a free local port. Not --standalone: torch 1.13's always
 * takes port 29400, and two runs on one machine (two test files at once, another user's job) then
 * fail with "Address already in use" (seen on this machine).
 */
export function torchrun(script) {
  const rendezvous = ['--rdzv_backend', 'c10d', '--rdzv_endpoint', `localhost:${freePort()}`, '--nnodes', '1'];
  return ['-m', 'torch.distributed.run', ...rendezvous, '--redirects', '1', '--tee', '1', '--nproc_per_node', '2', script];
}

/** A local TCP port free a moment ago (the system's pick for port 0), for torchrun's rendezvous. */
function freePort() {
  const pick = "const s = require('net').createServer().listen(0, 'localhost', () => { console.log(s.address().port); s.close(); });";
  const port = Number(spawnSync(process.execPath, ['-e', pick], { encoding: 'utf8' }).stdout);
  if (!Number.isInteger(port) || port <= 0) throw new Error('no free local port for torchrun');
  return port;
}

/** A seeded uniform in [0, 1) (Park–Miller), so a test writes the same CSV every run. */
export function uniforms(seed) {
  return () => (seed = (seed * 16807) % 2147483647) / 2147483647;
}

/** A fresh folder holding `files` ({name: text}). */
export function scratch(files = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'nn-export-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs a command in `cwd`; fails the test with its stderr when it exits non-zero. */
export function run(command, args, cwd, env = {}) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 600_000, maxBuffer: 1 << 28 });
  if (r.status !== 0) assert.fail(`${command} ${args.join(' ')} exited ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function nn(args, cwd) {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  return run(process.execPath, [CLI, ...args], cwd);
}

/** The JSON object a run printed, without torchrun's `[default0]:` prefixes. */
export function printedJson(stdout) {
  const text = stdout.split('\n').map((line) => line.replace(/^\[\w+?\d+\]:/, '')).join('\n');
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
}

export const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

const TOLERANCE = 1e-9;

/** The recorded costs: the same iterations, each cost within 1e-9 relative. */
export function assertSameCosts(actual, expected) {
  assert.deepEqual(actual.map(([i]) => i), expected.map(([i]) => i), 'recorded iterations');
  actual.forEach(([i, J], k) => {
    const want = expected[k][1];
    assert.ok(Math.abs(J - want) <= TOLERANCE * Math.abs(want), `cost of iteration ${i}: ${J} vs nn train's ${want}`);
  });
}

/** Every W<l>, b<l>: each entry within 1e-9 of the largest magnitude of its matrix. */
export function assertSameWeights(actual, expected) {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const key of Object.keys(expected)) {
    const a = actual[key].flat(Infinity);
    const e = expected[key].flat(Infinity);
    assert.equal(a.length, e.length, key);
    const scale = Math.max(1, ...e.map(Math.abs));
    const worst = Math.max(...a.map((x, k) => Math.abs(x - e[k])));
    assert.ok(worst <= TOLERANCE * scale, `${key} differs by ${worst}`);
  }
}

/**
 * Spec §10 through the CLI: trains `files`' net.nn with `nn train` and with its exported script (run
 * by `torchPython` or launched by `launcher`) and compares costs, accuracies and every saved weight
 * (running statistics included) at 1e-9. Returns the folder.
 */
export function trainAlike(files, torchPython, launcher = (script) => [torchPython, [script]]) {
  const dir = scratch(files);
  const expected = JSON.parse(nn(['train', 'net.nn', '--json', '--save-weights', 'nn-weights.json'], dir));
  const written = nn(['export', 'net.nn', '--to', 'pytorch', '-o', 'net.py'], dir).trim().split('\n');
  assert.equal(written[0], join(dir, 'net.py'));
  const [command, args] = launcher('net.py');
  const actual = printedJson(run(command, [...args, '--save-weights', 'py-weights.json'], dir));
  assert.equal(actual.network, expected.network);
  assert.equal(actual.iterations, expected.iterations);
  assertSameCosts(actual.costs, expected.costs);
  assert.equal(actual.train_accuracy, expected.train_accuracy);
  assert.equal(actual.test_accuracy, expected.test_accuracy);
  assertSameWeights(readJson(join(dir, 'py-weights.json')), readJson(join(dir, 'nn-weights.json')));
  return dir;
}

/**
 * Python that loads the exported script named by sys.argv[1] as the module `script` and builds
 * `model`, float64, with the initial weights the script draws from the seed (the editor's).
 */
export const LOAD_EXPORTED = `import importlib.util, json, sys, torch
torch.set_num_threads(1)
spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(script)
model = script.MODEL().double()
script.initialize(model)
`;
