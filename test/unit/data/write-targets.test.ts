// core/data/write.ts, what a save may replace (issue 23, item 3): a regular file or a new path,
// never a FIFO, a device node, a folder or a link to one — those are refused in words and left as
// they were; a link at a name NN Studio chose is refused; a killed save's temporary file is removed
// by the next save of the same file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WriteRefused, writeFileAtomic, writeFileAtomicSync } from '../../../core/data/write';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-write-targets-'));

/** A fresh folder. */
const folder = (): string => fs.mkdtempSync(path.join(dir, 'd-'));

function make(command: string, ...args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${command} ${args.join(' ')}: ${r.stderr}`);
}

/** Each kind of node a save must not replace, made in `at`, and how to tell it is still there. */
const NODES: Array<{ kind: string; words: RegExp; make: (at: string) => void; still: (s: fs.Stats) => boolean }> = [
  { kind: 'FIFO', words: /is a named pipe \(FIFO\)/, make: (at) => make('mkfifo', at), still: (s) => s.isFIFO() },
  // the same device numbers as /dev/null (1, 3): what `--save-weights /dev/null` would replace as root
  { kind: 'character device', words: /is a character device/, make: (at) => make('mknod', at, 'c', '1', '3'), still: (s) => s.isCharacterDevice() },
  { kind: 'folder', words: /is a folder/, make: (at) => fs.mkdirSync(path.join(at, 'inner'), { recursive: true }), still: (s) => s.isDirectory() },
];

for (const [how, write] of [['sync', async (f: string, t: string, o?: { followLinks?: boolean }) => writeFileAtomicSync(f, t, o)], ['async', writeFileAtomic]] as const) {
  for (const node of NODES) {
    test(`${how}: a ${node.kind}, named or reached through a link, is refused in words and left as it was`, async () => {
      const sub = folder();
      const target = path.join(sub, 'node');
      node.make(target);
      fs.symlinkSync(target, path.join(sub, 'link'));
      for (const name of ['node', 'link']) {
        const at = path.join(sub, name);
        await assert.rejects(write(at, '{}'), (e: unknown) => {
          assert.ok(e instanceof WriteRefused);
          assert.match(e.message, node.words);
          assert.match(e.message, /not a regular file: only a regular file or a new path is replaced, so nothing was written/);
          assert.ok(e.message.startsWith(at));
          return true;
        });
      }
      assert.ok(node.still(fs.lstatSync(target)));
      assert.ok(fs.lstatSync(path.join(sub, 'link')).isSymbolicLink());
      assert.deepEqual(fs.readdirSync(sub).sort(), ['link', 'node']);
    });
  }

  test(`${how}: with followLinks false, a link is refused, naming where it points, and its file is untouched`, async () => {
    const sub = folder();
    const real = path.join(sub, 'bashrc');
    fs.writeFileSync(real, 'alias ls=ls\n');
    fs.symlinkSync(real, path.join(sub, 'planar.data.csv'));
    await assert.rejects(write(path.join(sub, 'planar.data.csv'), 'x1,label\n', { followLinks: false }), /planar\.data\.csv is a symbolic link \(to .*bashrc\): a file NN Studio names itself is never written through a link/);
    assert.equal(fs.readFileSync(real, 'utf8'), 'alias ls=ls\n');
    assert.ok(fs.lstatSync(path.join(sub, 'planar.data.csv')).isSymbolicLink());
    // a regular file of that name is replaced as before
    await write(path.join(sub, 'planar.py'), 'a', { followLinks: false });
    await write(path.join(sub, 'planar.py'), 'b', { followLinks: false });
    assert.equal(fs.readFileSync(path.join(sub, 'planar.py'), 'utf8'), 'b');
  });

  test(`${how}: the temporary file of a killed save is removed by the next save; a running save's is kept`, async () => {
    const sub = folder();
    const target = path.join(sub, 'w.json');
    fs.writeFileSync(target, 'old');
    // a real save, killed (SIGKILL) after writing its temporary file and before the rename
    const killed = spawnSync(process.execPath, ['-e', `
      const fs = require('node:fs');
      fs.renameSync = () => process.kill(process.pid, 'SIGKILL');
      require(${JSON.stringify(path.join(__dirname, '../../../core/data/write.js'))}).writeFileAtomicSync(${JSON.stringify(target)}, 'x'.repeat(100000));
    `]);
    assert.equal(killed.signal, 'SIGKILL');
    const left = fs.readdirSync(sub).filter((n) => n.endsWith('.tmp'));
    assert.equal(left.length, 1);
    assert.match(left[0], /^\.w\.json\.\d+-[0-9a-f]{12}\.tmp$/);
    const older = '.w.json.0123456789ab.tmp'; // named by an earlier version, without the process id
    const running = `.w.json.${process.pid}-0123456789ab.tmp`; // this process is alive: a save in progress
    const other = '.v.json.0123456789ab.tmp'; // another file's
    for (const name of [older, running, other]) fs.writeFileSync(path.join(sub, name), 'partial');
    await write(target, 'new');
    assert.equal(fs.readFileSync(target, 'utf8'), 'new');
    assert.deepEqual(fs.readdirSync(sub).sort(), [running, other, 'w.json'].sort());
  });
}
