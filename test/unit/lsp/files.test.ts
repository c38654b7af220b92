import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { CsvError } from '../../../core/data/csv';
import { CachedFiles, PREFIX_BYTES, SYNC_BYTES } from '../../../core/adapters/lsp/files';

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

test('a 20 MB CSV is checked from its first rows at once, and loaded whole in the background', async () => {
  const rows = 1_000_000;
  const file = tempFile(`x1,x2,y\n${'0.123456,-7.654321,1\n'.repeat(rows)}`);
  assert.ok(fs.statSync(file).size > 20_000_000);
  let loaded!: () => void;
  const done = new Promise<void>((resolve) => (loaded = resolve));
  const seen: string[] = [];
  const files = new CachedFiles((p) => (seen.push(p), loaded()));
  const access = files.access(new Set());
  const first = access.readCsv!(file);
  assert.ok(!(first instanceof Error));
  // Not the whole file: only what fits in the prefix was read and parsed before returning.
  assert.equal(first.complete, false);
  assert.equal(first.table.columns, 3);
  assert.ok(first.table.rows.length > 0 && first.table.rows.length <= PREFIX_BYTES / 20, `${first.table.rows.length} rows`);
  assert.equal(access.readCsv!(file), first, 'until the load ends, the prefix is served from memory');
  await done;
  assert.deepEqual(seen, [file]);
  const whole = access.readCsv!(file);
  assert.ok(!(whole instanceof Error));
  assert.equal(whole.complete, true);
  assert.equal(whole.table.rows.length, rows);
});

test('a bad cell past the first rows of a big CSV is found by the background load', async () => {
  const file = tempFile(`x1,x2,y\n${'1,2,0\n'.repeat(SYNC_BYTES / 6 + 1000)}1,oops,0\n`);
  let loaded!: () => void;
  const done = new Promise<void>((resolve) => (loaded = resolve));
  const access = new CachedFiles(() => loaded()).access(new Set());
  assert.equal((access.readCsv!(file) as { complete: boolean }).complete, false);
  await done;
  const result = access.readCsv!(file);
  assert.ok(result instanceof CsvError);
  assert.match(result.message, /column 2 \("x2"\): "oops" is not a number/);
});

test('a FIFO, a device and an oversized file are refused without reading them', () => {
  const dir = path.dirname(tempFile(''));
  const fifo = path.join(dir, 'fifo.csv');
  execFileSync('mkfifo', [fifo]);
  const big = path.join(dir, 'big.csv');
  fs.writeFileSync(big, '');
  fs.truncateSync(big, 150 * 1024 * 1024);
  const access = new CachedFiles().access(new Set());
  for (const [file, why] of [[fifo, /named pipe/], ['/dev/zero', /character device/], [big, /150\.0 MB, more than the 100 MB limit/]] as const) {
    const csv = access.readCsv!(file);
    assert.ok(csv instanceof Error && why.test(csv.message), String(csv));
    const text = access.readFile(file);
    assert.ok(text instanceof Error && (file === big ? /limit for weights files/ : why).test(text.message), String(text));
  }
});
