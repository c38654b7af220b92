// Where `nn export` and `nn train --save-weights` write (issue 23, items 2 and 3): names derived from
// the network's never go through a symbolic link, `-o` replaces an existing file only with --force,
// and no save replaces a FIFO or a device node. Each refusal names the path, says how to proceed,
// and leaves every file as it was.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkedExport } from '../../../core/services/export/write';

const NETWORK = 'network planar {\n  input 2\n  dense 4 tanh\n  dense 1 sigmoid\n  train {\n    data flower(m: 40)\n    iterations 5\n  }\n}\n';

/** A fresh folder holding planar.nn and a file `bashrc` that links must not reach. */
function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-export-targets-'));
  fs.writeFileSync(path.join(dir, 'planar.nn'), NETWORK);
  fs.writeFileSync(path.join(dir, 'bashrc'), 'alias ls=ls\n');
  return dir;
}

/** The CLI as a process in `dir` (names without -o are derived there), as a user runs it. */
function nn(dir: string, ...argv: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [path.join(__dirname, '../../../core/adapters/cli/main.js'), ...argv], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const exportIn = (dir: string, ...argv: string[]) => nn(dir, 'export', 'planar.nn', '--to', 'pytorch', ...argv);

for (const [what, argv, link] of [
  ['the script named after the network', [], 'planar.py'],
  ['the data CSV named after the script (without -o)', [], 'planar.data.csv'],
  ['the data CSV named after the script (with -o)', ['-o', 'out.py'], 'out.data.csv'],
] as const) {
  test(`a symbolic link at ${what} is refused, with its path, and nothing is written`, () => {
    const dir = folder();
    fs.symlinkSync(path.join(dir, 'bashrc'), path.join(dir, link));
    const r = exportIn(dir, ...argv);
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`^${path.join(dir, link).replace(/[.]/g, '\\.')}: error: is a symbolic link \\(to .*bashrc\\): .* nothing was written; remove the link or write under another name\\n$`));
    assert.equal(r.out, '');
    assert.equal(fs.readFileSync(path.join(dir, 'bashrc'), 'utf8'), 'alias ls=ls\n');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['bashrc', link, 'planar.nn'].sort());
  });
}

test('without -o, regular files of the derived names are replaced: exporting again just works', () => {
  const dir = folder();
  assert.equal((exportIn(dir)).code, 0);
  const again = exportIn(dir);
  assert.equal(again.code, 0);
  assert.deepEqual(again.out.split('\n').filter(Boolean), [path.join(dir, 'planar.py'), path.join(dir, 'planar.data.csv')]);
});

test('-o onto an existing file is refused without --force, saying how to proceed; --force replaces it', () => {
  const dir = folder();
  fs.writeFileSync(path.join(dir, 'mine.py'), 'print("my own script")\n');
  const refused = exportIn(dir, '-o', 'mine.py');
  assert.equal(refused.code, 1);
  assert.equal(refused.err, `${path.join(dir, 'mine.py')}: error: already exists, so nothing was written: add --force to replace it, or choose another -o\n`);
  assert.equal(fs.readFileSync(path.join(dir, 'mine.py'), 'utf8'), 'print("my own script")\n');
  assert.ok(!fs.existsSync(path.join(dir, 'mine.data.csv')));
  const forced = exportIn(dir, '-o', 'mine.py', '--force');
  assert.equal(forced.code, 0);
  assert.match(fs.readFileSync(path.join(dir, 'mine.py'), 'utf8'), /^#!\/usr\/bin\/env python3/);
});

test('-o names a link: --force writes the file it points to (the user chose it), not the link', () => {
  const dir = folder();
  fs.writeFileSync(path.join(dir, 'real.py'), 'old\n');
  fs.symlinkSync(path.join(dir, 'real.py'), path.join(dir, 'alias.py'));
  assert.equal(exportIn(dir, '-o', 'alias.py').code, 1);
  assert.equal(exportIn(dir, '-o', 'alias.py', '--force').code, 0);
  assert.ok(fs.lstatSync(path.join(dir, 'alias.py')).isSymbolicLink());
  assert.match(fs.readFileSync(path.join(dir, 'real.py'), 'utf8'), /^#!\/usr\/bin\/env python3/);
});

test('export -o --force onto a FIFO and --save-weights onto a character device are refused; both stay', () => {
  const dir = folder();
  const fifo = path.join(dir, 'pipe.py');
  const device = path.join(dir, 'null'); // the numbers of /dev/null (1, 3)
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  assert.equal(spawnSync('mknod', [device, 'c', '1', '3']).status, 0);
  const exported = exportIn(dir, '-o', 'pipe.py', '--force');
  assert.equal(exported.code, 1);
  assert.match(exported.err, /pipe\.py: error: is a named pipe \(FIFO\), not a regular file: .*nothing was written; choose another path/);
  const trained = nn(dir, 'train', 'planar.nn', '--save-weights', device);
  assert.equal(trained.code, 1);
  assert.match(trained.err, /null: error: is a character device, not a regular file: only a regular file or a new path is replaced, so nothing was written/);
  assert.ok(fs.lstatSync(fifo).isFIFO());
  assert.ok(fs.lstatSync(device).isCharacterDevice());
});

test("VS Code's export (its save dialog has asked: named and forced): the chosen file may be a link, a weights file beside it may not", () => {
  const dir = folder();
  fs.writeFileSync(path.join(dir, 'chosen.py'), 'old\n');
  fs.symlinkSync(path.join(dir, 'chosen.py'), path.join(dir, 'out.py'));
  const files = [{ path: path.join(dir, 'out.py'), content: 'script' }, { path: path.join(dir, 'out.weights.json'), content: '{}' }];
  assert.deepEqual(checkedExport(files, { named: true, force: true }).map((f) => f.followLinks), [true, false]);
  fs.symlinkSync(path.join(dir, 'bashrc'), path.join(dir, 'out.weights.json'));
  assert.throws(() => checkedExport(files, { named: true, force: true }), /out\.weights\.json is a symbolic link/);
});
