import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CachedFiles } from '../../../extension/files';

function tempFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-files-'));
  const file = path.join(dir, 'data.csv');
  fs.writeFileSync(file, text);
  return file;
}

test('records every path it is asked for, readable or not', () => {
  const file = tempFile('1,2,0\n');
  const missing = path.join(path.dirname(file), 'missing.csv');
  const read = new Set<string>();
  const access = new CachedFiles().access(read);
  assert.equal(access.readFile(file), '1,2,0\n');
  assert.ok(access.readFile(missing) instanceof Error);
  assert.deepEqual([...read].sort(), [file, missing].sort());
});

test('serves the cached text while size and mtime are unchanged', () => {
  const file = tempFile('1,2,0\n');
  const stamp = 1_700_000_000; // whole seconds survive utimes exactly
  fs.utimesSync(file, stamp, stamp);
  const files = new CachedFiles();
  const access = files.access(new Set());
  assert.equal(access.readFile(file), '1,2,0\n');
  // Same size and the same mtime: only a stat is made, so the cached text comes back.
  fs.writeFileSync(file, '9,9,1\n');
  fs.utimesSync(file, stamp, stamp);
  assert.equal(access.readFile(file), '1,2,0\n');
  files.forget(file);
  assert.equal(access.readFile(file), '9,9,1\n');
});

test('reads the file again when it changes on disk', () => {
  const file = tempFile('1,2,0\n');
  const access = new CachedFiles().access(new Set());
  assert.equal(access.readFile(file), '1,2,0\n');
  fs.writeFileSync(file, '1,2,0\n3,4,1\n');
  assert.equal(access.readFile(file), '1,2,0\n3,4,1\n');
});

test('a file that disappears is an error, not the old text', () => {
  const file = tempFile('1,2,0\n');
  const access = new CachedFiles().access(new Set());
  assert.equal(access.readFile(file), '1,2,0\n');
  fs.rmSync(file);
  const result = access.readFile(file);
  assert.ok(result instanceof Error);
  assert.match(result.message, /no such file/);
});
