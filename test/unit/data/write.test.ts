// core/data/write.ts: a file is replaced whole or not at all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from '../../../core/data/write';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-write-'));

for (const [name, write] of [['sync', async (f: string, t: string) => writeFileAtomicSync(f, t)], ['async', writeFileAtomic]] as const) {
  test(`${name}: writes a new file and replaces an old one, keeping its permissions and leaving no temporary file`, async () => {
    const sub = fs.mkdtempSync(path.join(dir, `${name}-`));
    const file = path.join(sub, 'w.json');
    await write(file, '{"a": 1}\n');
    assert.equal(fs.readFileSync(file, 'utf8'), '{"a": 1}\n');
    fs.chmodSync(file, 0o600);
    await write(file, '{"a": 2}\n');
    assert.equal(fs.readFileSync(file, 'utf8'), '{"a": 2}\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(sub), ['w.json']);
  });

  test(`${name}: through a symbolic link, the file it points to is replaced and the link stays`, async () => {
    const sub = fs.mkdtempSync(path.join(dir, `${name}-`));
    const real = path.join(sub, 'real.json');
    const link = path.join(sub, 'link.json');
    fs.writeFileSync(real, 'old');
    fs.symlinkSync(real, link);
    await write(link, 'new');
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(real, 'utf8'), 'new');
  });

  test(`${name}: a write that fails leaves what was there and no temporary file`, async () => {
    const sub = fs.mkdtempSync(path.join(dir, `${name}-`));
    // A folder where the file should be: the rename fails after the temporary file was written.
    const target = path.join(sub, 'taken');
    fs.mkdirSync(path.join(target, 'inner'), { recursive: true });
    await assert.rejects(async () => write(target, 'x'.repeat(10000)));
    assert.deepEqual(fs.readdirSync(sub), ['taken']);
    assert.deepEqual(fs.readdirSync(target), ['inner']);
  });
}
