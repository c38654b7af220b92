// The built command line (dist/cli.js, made by `npm run build`): output formats and exit codes of
// spec §7.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function nn(...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('nn check on the examples exits 0 and prints no diagnostic', () => {
  const r = nn('check', 'examples/deep.nn', 'examples/planar.nn', 'examples/logistic.nn', 'examples/spiral.nn', 'examples/exam.nn');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
});

test('nn check prints FILE:LINE:COL: SEVERITY CODE: MESSAGE and exits 1 on an error', () => {
  const r = nn('check', 'examples/broken/broken.nn');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'examples/broken/broken.nn:5:20: error NN301: W[2] must be (n[2], n[1]) = (1, 4), not (1, 3)\n');
});

test('nn check --json prints an array of objects with exactly the spec fields', () => {
  const r = nn('check', '--json', 'examples/broken/broken.nn', 'examples/planar.nn');
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.equal(out.length, 1);
  assert.deepEqual(Object.keys(out[0]).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
  assert.deepEqual(out[0], {
    file: 'examples/broken/broken.nn', line: 5, column: 20, endLine: 5, endColumn: 29, severity: 'error', code: 'NN301',
    message: 'W[2] must be (n[2], n[1]) = (1, 4), not (1, 3)',
  });
});

test('nn check reports a missing file as an error rather than crashing', () => {
  const r = nn('check', 'examples/no-such-file.nn');
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^examples\/no-such-file\.nn:1:1: error NN501: cannot read/);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
});

test('nn shapes --json on the deep network gives the course shapes and 245,973 parameters', () => {
  const r = nn('shapes', 'examples/deep.nn', '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['network', 'm', 'layers', 'params']);
  assert.equal(out.network, 'deep');
  assert.equal(out.m, 209);
  assert.deepEqual(out.layers.map((l: { W: number[] }) => l.W), [[20, 12288], [7, 20], [5, 7], [1, 5]]);
  assert.equal(out.params, 245973);
  assert.deepEqual(out.layers[0], {
    index: 1, kind: 'dense', units: 20, activation: 'relu', W: [20, 12288], b: [20, 1], Z: [20, 'm'], A: [20, 'm'], dZ: [20, 'm'],
    dW: [20, 12288], db: [20, 1], params: 245780,
  });
});

test('nn shapes prints a readable table with the total', () => {
  const r = nn('shapes', 'examples/planar.nn');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /network planar: 2 layers, m = 400 examples, loss cross_entropy/);
  assert.match(r.stdout, /1 +dense +4 +tanh +\(4, 2\) +\(4, 1\) +\(4, m\) +12/);
  assert.match(r.stdout, /total params: 17/);
});

test('nn shapes exits 1 on a file with errors and on an unknown --network', () => {
  assert.equal(nn('shapes', 'examples/broken/broken.nn').code, 1);
  const r = nn('shapes', 'examples/planar.nn', '--network', 'nope');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no network named nope \(the file has: planar\)/);
});

test('usage: --help and --version exit 0; an unknown command or option exits 1 with the usage', () => {
  assert.equal(nn('--help').code, 0);
  assert.match(nn('--version').stdout, /^\d+\.\d+\.\d+\n$/);
  const bad = nn('frobnicate');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /unknown command 'frobnicate'[\s\S]*usage:/);
  assert.equal(nn('check', '--nope', 'examples/planar.nn').code, 1);
  assert.equal(nn('check').code, 1);
});

test('nn check prints every diagnostic of a file with thousands of them, one per line, then the summary', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nn-cli-'));
  try {
    const file = path.join(dir, 'many.nn');
    writeFileSync(file, 'network\n'.repeat(5000));
    const r = nn('check', file);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.equal(lines.length, 5001); // and the final line break
    assert.equal(lines[4999], `${file}:5000:8: error NN104: expected the network's name after \`network\`, found the end of the line`);
    assert.equal(r.stderr, '1 file checked: 5000 errors, 0 warnings\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
