// One workspace rule for every file the project reads (core/data/paths.ts, placeOf; issue 23 item 6):
// symbolic links in image folders, a run from `/`, and messages that quote nothing of a file outside.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { analyze, diskFiles } from '../../../core/language';
import { placeOf, type Reach } from '../../../core/data/paths';
import { layerEntries, parseWeights } from '../../../core/data/weights';
import { DataError, loadData } from '../../../core/engine';
import { folder, png } from '../data/imageFiles';

const digit = png(2, 2, 0, [1, 2, 3, 4]);
const imageNet = (data: string) => ['network n {', '  input (2, 2, 1)', '  flatten', '  dense 2 softmax', '  train {', `    data ${data}`, '  }', '}', ''].join('\n');
const codes = (r: ReturnType<typeof analyze>) => r.diagnostics.map((d) => d.code);

/** A workspace `ws/` with net.nn and an image folder `ws/d`, and a folder `secret-place/` outside it. */
function workspace(build: (ws: string, away: string) => void) {
  const dir = folder({ 'ws/d/0/a.png': digit, 'secret-place/class-secret/a.png': digit, 'secret-place/b.png': digit });
  const ws = path.join(dir.root, 'ws');
  build(ws, path.join(dir.root, 'secret-place'));
  return { dir, ws, nn: path.join(ws, 'net.nn') };
}

const reach = (ws: string, outside: Reach['outside']): Reach => ({ roots: [ws], name: 'the workspace folder ws', outside });

test('Restricted Mode: a class folder that is a symbolic link to outside is not read (NN512), nor named', () => {
  const { dir, ws, nn } = workspace((ws, away) => fs.symlinkSync(path.join(away, 'class-secret'), path.join(ws, 'd', '1')));
  try {
    // Where the link leads, a FIFO: were the checker to open it, it would say so (NN514).
    fs.rmSync(path.join(dir.root, 'secret-place', 'class-secret', 'a.png'));
    execFileSync('mkfifo', [path.join(dir.root, 'secret-place', 'class-secret', 'a.png')]);
    const denied = analyze(imageNet('images("d")'), { path: nn, files: { ...diskFiles, reach: reach(ws, 'deny') } });
    assert.deepEqual(codes(denied), ['NN512']);
    assert.match(denied.diagnostics[0].message, /^d\/1 is a symbolic link to outside the workspace folder ws, and this workspace is not trusted: it is not read/);
    assert.doesNotMatch(denied.diagnostics[0].message, /secret/);
    const trusted = analyze(imageNet('images("d")'), { path: nn, files: { ...diskFiles, reach: reach(ws, 'warn') } });
    assert.deepEqual(codes(trusted), ['NN514'], 'trusted: followed, and the FIFO it leads to refused');
  } finally {
    dir.remove();
  }
});

test('Restricted Mode: an image file that is a symbolic link to outside is not read (NN512)', () => {
  const { dir, ws, nn } = workspace((ws, away) => fs.symlinkSync(path.join(away, 'b.png'), path.join(ws, 'd', '0', 'b.png')));
  try {
    fs.mkdirSync(path.join(ws, 'd', '1'));
    fs.writeFileSync(path.join(ws, 'd', '1', 'a.png'), digit);
    const denied = analyze(imageNet('images("d")'), { path: nn, files: { ...diskFiles, reach: reach(ws, 'deny') } });
    assert.deepEqual(codes(denied), ['NN512']);
    assert.match(denied.diagnostics[0].message, /^d\/0\/b\.png is a symbolic link to outside/);
    const trusted = analyze(imageNet('images("d")'), { path: nn, files: { ...diskFiles, reach: reach(ws, 'warn') } });
    assert.deepEqual(codes(trusted), ['NN511']);
    assert.deepEqual(analyze(imageNet('images("d")'), { path: nn, files: { ...diskFiles, reach: reach(dir.root, 'deny') } }).diagnostics, [], 'links within the roots are fine');
  } finally {
    dir.remove();
  }
});

test('an image folder outside the workspace: read with NN511, but none of its class or file names is shown', () => {
  const { dir, nn, ws } = workspace(() => undefined);
  try {
    fs.mkdirSync(path.join(dir.root, 'secret-place', 'empty-secret'));
    const r = analyze(imageNet('images("../secret-place")'), { path: nn, files: { ...diskFiles, reach: reach(ws, 'warn') } });
    assert.deepEqual(codes(r), ['NN511', 'NN513']);
    assert.match(r.diagnostics[1].message, /^a class folder of secret-place has no PNG or JPEG file$/);
  } finally {
    dir.remove();
  }
});

test('a filesystem root is no root: run from `/`, a file elsewhere is still outside', () => {
  const roots: Reach = { roots: ['/', '/work/project'], name: 'here', outside: 'deny' };
  assert.equal(placeOf('/etc/passwd', roots), 'denied');
  assert.equal(placeOf('/work/project/d.csv', roots), 'inside');
  const cwd = process.cwd();
  process.chdir('/');
  try {
    const r = analyze(['network n {', '  input 2', '  dense 1 sigmoid', '  train {', '    data "/etc/hostname"', '  }', '}', ''].join('\n'), { path: '/tmp/nn-nowhere/net.nn' });
    assert.ok(codes(r).includes('NN511'), JSON.stringify(r.diagnostics));
  } finally {
    process.chdir(cwd);
  }
});

test('weights JSON: a key from the file is cut to 8 characters, and a syntax error quotes no character', () => {
  const token = `ghp_${'A'.repeat(100)}`;
  const layers = layerEntries([{ W: [1, 2], b: [1, 1] }]);
  const [extra] = parseWeights(JSON.stringify({ W1: [[1, 2]], b1: [[0]], [token]: 1 }), layers).problems;
  assert.equal(extra.kind, 'extra');
  assert.match(extra.message, /^ghp_AAAA… is not a matrix of this network/);
  const [twice] = parseWeights(`{"${token}": 1, "${token}": 2}`, layers).problems;
  assert.match(twice.message, /^ghp_AAAA… is given twice/);
  const [json] = parseWeights('root:$6$secretHash:19000:0:99999:7:::\n', layers).problems;
  assert.equal(json.message, 'not valid JSON at line 1, column 1: an unexpected character');
});

test('training: a cell that is not a number is placed by row and column, never quoted', () => {
  const dir = folder({ 'shadow': 'root:$6$secretHash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n' });
  try {
    const spec = analyze(['network n {', '  input 2', '  dense 1 sigmoid', '  train {', '    data "x.csv"', '  }', '}', ''].join('\n'), { path: '/virtual/net.nn', files: null }).networks[0].spec!;
    const run = () => loadData({ ...spec, train: { ...spec.train, data: { kind: 'csv', path: path.join(dir.root, 'shadow') } } });
    assert.throws(run, (e: unknown) => {
      assert.ok(e instanceof DataError);
      assert.match(e.message, /shadow: row 2, column 1: the cell is not a number$/);
      assert.doesNotMatch(e.message, /daemon|secret/);
      return true;
    });
  } finally {
    dir.remove();
  }
});
