// core/data/read.ts: only regular files, within the size limits, and never a blocking open.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileError, LIMITS, readPrefix, readRegularFile, readRegularFileAsync } from '../../../core/data/read';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-read-'));

function refused(file: string, kind: 'csv' | 'weights' = 'csv'): string {
  try {
    readRegularFile(file, kind);
  } catch (e) {
    assert.ok(e instanceof FileError, String(e));
    return e.message;
  }
  assert.fail(`${file} was read`);
}

test('a named pipe is refused at once, not waited on', async () => {
  const fifo = path.join(dir, 'fifo.csv');
  execFileSync('mkfifo', [fifo]);
  assert.match(refused(fifo), /^it is a named pipe \(FIFO\), not a regular file/);
  await assert.rejects(readRegularFileAsync(fifo, 'csv'), /named pipe/);
  assert.throws(() => readPrefix(fifo, 'csv', 1024), /named pipe/);
});

test('a device (/dev/zero) and a folder are refused', async () => {
  assert.match(refused('/dev/zero'), /^it is a character device, not a regular file/);
  await assert.rejects(readRegularFileAsync('/dev/zero', 'csv'), /character device/);
  assert.equal(refused(dir), 'it is a folder');
  assert.equal(refused(path.join(dir, 'nope.csv')), 'no such file');
});

test('a file over the limit is refused by its size, before reading', async () => {
  const big = path.join(dir, 'big.csv');
  fs.closeSync(fs.openSync(big, 'w'));
  fs.truncateSync(big, 200 * 1024 * 1024); // sparse: 200 MB that take no disk
  assert.match(refused(big), /^it is 200\.0 MB, more than the 100 MB limit for data files/);
  await assert.rejects(readRegularFileAsync(big, 'csv'), /200\.0 MB, more than the 100 MB limit/);
  const weights = path.join(dir, 'w.json');
  fs.closeSync(fs.openSync(weights, 'w'));
  fs.truncateSync(weights, LIMITS.weights + 1);
  assert.match(refused(weights, 'weights'), /more than the 32 MB limit for weights files/);
  fs.truncateSync(weights, LIMITS.weights);
  assert.equal(readRegularFile(weights, 'weights').length, LIMITS.weights, 'exactly the limit is allowed');
});

test('text is UTF-8 without a byte-order mark; a prefix ends after its last whole line', async () => {
  const file = path.join(dir, 'bom.csv');
  fs.writeFileSync(file, '\ufeffx,y\n1,0\n2,1\n');
  assert.equal(readRegularFile(file, 'csv'), 'x,y\n1,0\n2,1\n');
  assert.equal(await readRegularFileAsync(file, 'csv'), 'x,y\n1,0\n2,1\n');
  assert.equal(readPrefix(file, 'csv', 12), 'x,y\n1,0\n'); // 12 bytes end inside "2,1"
  assert.equal(readPrefix(file, 'csv', 1000), 'x,y\n1,0\n2,1\n');
});
