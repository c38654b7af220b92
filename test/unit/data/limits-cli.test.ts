// The built CLI (dist/cli.js) against files that used to hang it, exhaust its memory or be left
// truncated: each case must end, with a clear message, well inside the child's time limit.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-limits-'));

/** Runs the CLI in `dir`; a hang is killed after 30 s and fails the test instead of blocking it. */
function nn(args: string[], shell?: string) {
  assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const r = shell
    ? spawnSync('bash', ['-c', `${shell}; exec "$0" "$@"`, process.execPath, CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 })
    : spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.error, undefined, `nn ${args.join(' ')} did not finish: ${r.error}`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function network(name: string, data: string, layers = ['dense 1 sigmoid']): string {
  const file = path.join(dir, `${name}.nn`);
  fs.writeFileSync(file, [`network ${name} {`, '  input 2', ...layers.map((l) => `  ${l}`), '  train {', `    data ${data}`, '    iterations 1', '  }', '}', ''].join('\n'));
  return `${name}.nn`;
}

test('a FIFO as data: nn check and nn train refuse it at once instead of waiting for a writer', () => {
  execFileSync('mkfifo', [path.join(dir, 'fifo.csv')]);
  const file = network('fifo', '"fifo.csv"');
  const check = nn(['check', file]);
  assert.equal(check.code, 1);
  assert.equal(check.out, `${file}:5:10: error NN501: cannot read the data file ${path.join(dir, 'fifo.csv')}: it is a named pipe (FIFO), not a regular file: only regular files are read\n`);
  const train = nn(['train', file]);
  assert.equal(train.code, 1);
  assert.match(train.err, /NN501: .*named pipe/);
});

test('/dev/zero as data: refused as a device, with a warning that it lies outside', () => {
  const r = nn(['check', network('zero', '"/dev/zero"')]);
  assert.equal(r.code, 1);
  assert.match(r.out, /:5:10: warning NN511: \/dev\/zero is outside the `\.nn` file's folder and the current directory/);
  assert.match(r.out, /:5:10: error NN501: cannot read the data file \/dev\/zero: it is a character device, not a regular file/);
});

test('a 200 MB CSV: refused by its size, without reading it', () => {
  const big = path.join(dir, 'big.csv');
  fs.writeFileSync(big, 'x1,x2,y\n');
  fs.truncateSync(big, 200 * 1024 * 1024); // sparse: no disk, and reading it would take long
  const r = nn(['check', network('big', '"big.csv"')]);
  assert.equal(r.code, 1);
  assert.match(r.out, /:5:10: error NN501: cannot read the data file .*big\.csv: it is 200\.0 MB, more than the 100 MB limit for data files/);
});

test('--save-weights that fails mid-write (ulimit -f 4) leaves the earlier file whole and no temporary file', () => {
  // 2-200-1: about 800 numbers, well over the 4 KB the limit allows.
  const file = network('wide', 'flower(m: 20)', ['dense 200 tanh', 'dense 1 sigmoid']);
  const ok = nn(['train', file, '--save-weights', 'w.json']);
  assert.equal(ok.code, 0, ok.err);
  const before = fs.readFileSync(path.join(dir, 'w.json'), 'utf8');
  assert.ok(before.length > 4096 * 2, `weights of ${before.length} bytes`);
  const failed = nn(['train', file, '--iterations', '2', '--save-weights', 'w.json'], 'ulimit -f 4');
  assert.equal(failed.code, 1, failed.err);
  assert.match(failed.err, /w\.json: error: cannot write the weights: EFBIG/);
  assert.equal(fs.readFileSync(path.join(dir, 'w.json'), 'utf8'), before);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes('w.json')), ['w.json']);
});

test('a FIFO or a device given as the .nn file itself: every command refuses it at once', () => {
  execFileSync('mkfifo', [path.join(dir, 'pipe.nn')]);
  for (const command of ['check', 'shapes', 'train']) {
    for (const file of ['pipe.nn', '/dev/zero']) {
      const r = nn([command, file]);
      assert.equal(r.code, 1, `nn ${command} ${file}`);
      assert.match(r.out + r.err, /NN501: cannot read .*(named pipe \(FIFO\)|character device), not a regular file/, `nn ${command} ${file}`);
    }
  }
});
