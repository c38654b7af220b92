// Which files a .nn file may make the checker read (core/data/paths.ts), and how a CSV known only
// by its first rows is checked (core/language/data.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, diskFiles, type FileAccess } from '../../../core/language';
import { parseCsv } from '../../../core/data/csv';
import { isInside, type Reach } from '../../../core/data/paths';

const text = (data: string, weights?: string) => [
  'network n {', '  input 2', '  dense 1 sigmoid', '  train {', `    data ${data}`, ...(weights ? [`    weights ${weights}`] : []), '  }', '}', '',
].join('\n');

/** Files served from memory, recording what was read. */
function recorder(files: Record<string, string>, reach?: Reach) {
  const read: string[] = [];
  const access: FileAccess = {
    reach,
    readFile(p) {
      read.push(p);
      return p in files ? files[p] : new Error('no such file');
    },
  };
  return { access, read };
}

const csv = 'x1,x2,y\n1,2,0\n3,4,1\n';
const untrusted: Reach = { roots: ['/work/project'], name: 'the workspace folder project', outside: 'deny' };

test('by default a file outside the .nn folder and the current directory is read with a warning (NN511)', () => {
  const { access, read } = recorder({ '/elsewhere/d.csv': csv });
  const { diagnostics, networks } = analyze(text('"../../../elsewhere/d.csv"'), { path: '/work/project/sub/net.nn', files: access });
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.severity}:${d.code}`), ['5:warning:NN511']);
  assert.match(diagnostics[0].message, /^\/elsewhere\/d\.csv is outside the `\.nn` file's folder and the current directory/);
  assert.deepEqual(read, ['/elsewhere/d.csv']);
  assert.equal(networks[0].m, 2);
});

test('an untrusted workspace does not read a file outside it at all (NN512), nor a weights file', () => {
  const { access, read } = recorder({ '/etc/shadow': 'root:$6$secret:19000:0:99999:7:::\n' }, untrusted);
  const { diagnostics } = analyze(text('"/etc/shadow"', '"../../etc/shadow"'), { path: '/work/project/net.nn', files: access });
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.code}`), ['5:NN512', '6:NN512']);
  assert.match(diagnostics[0].message, /^\/etc\/shadow is outside the workspace folder project, and this workspace is not trusted: the file is not read/);
  assert.deepEqual(read, []);
  assert.ok(diagnostics.every((d) => !d.message.includes('secret')));
});

test('inside the roots nothing is reported, whether the path is relative or absolute', () => {
  const { access } = recorder({ '/work/project/data/d.csv': csv }, untrusted);
  for (const data of ['"data/d.csv"', '"/work/project/data/d.csv"', '"./data/../data/d.csv"']) {
    assert.deepEqual(analyze(text(data), { path: '/work/project/net.nn', files: access }).diagnostics, [], data);
  }
});

test('a symbolic link inside the workspace that leads outside counts as outside', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-reach-'));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-away-'));
  fs.writeFileSync(path.join(outside, 'd.csv'), csv);
  fs.symlinkSync(path.join(outside, 'd.csv'), path.join(root, 'link.csv'));
  fs.writeFileSync(path.join(root, '..name.csv'), csv);
  const files: FileAccess = { ...diskFiles, reach: { roots: [root], name: 'the workspace folder', outside: 'deny' } };
  const linked = analyze(text('"link.csv"'), { path: path.join(root, 'net.nn'), files });
  assert.deepEqual(linked.diagnostics.map((d) => d.code), ['NN512']);
  assert.ok(isInside(path.join(root, '..name.csv'), [root]), 'a name starting with two dots is still inside');
  assert.ok(!isInside(path.dirname(root), [root]));
});

test('a CSV known only by its first rows: columns and labels are checked, m is not claimed', () => {
  const partial = (body: string): FileAccess => ({ readFile: () => new Error('unused'), readCsv: () => ({ table: parseCsv(body), complete: false }) });
  const fits = analyze(text('"big.csv"'), { path: '/p/net.nn', files: partial(csv) });
  assert.deepEqual(fits.diagnostics, []);
  assert.equal(fits.networks[0].m, undefined);
  assert.ok(fits.networks[0].spec, 'the network can still be trained');
  const wide = analyze(text('"big.csv"'), { path: '/p/net.nn', files: partial('1,2,3,0\n') }).diagnostics;
  assert.deepEqual(wide.map((d) => d.code), ['NN503']);
  const label = analyze(text('"big.csv"'), { path: '/p/net.nn', files: partial('1,2,7\n') }).diagnostics;
  assert.deepEqual(label.map((d) => d.code), ['NN504']);
});

test('a bad cell in a file outside the roots is located, not quoted', () => {
  const secret = 'x\nroot:$6$hash:19000:0:99999:7:::\n';
  const outside = recorder({ '/etc/shadow': secret });
  const [, error] = analyze(text('"/etc/shadow"'), { path: '/work/project/net.nn', files: outside.access }).diagnostics;
  assert.equal(error.message, 'shadow:2:1: row 2, column 1: the cell is not a number');
  const inside = recorder({ '/work/project/d.csv': 'x1,x2,y\n1,oops,0\n' });
  const [own] = analyze(text('"d.csv"'), { path: '/work/project/net.nn', files: inside.access }).diagnostics;
  assert.equal(own.message, 'd.csv:2:2: row 2, column 2 ("x2"): "oops" is not a number');
});
