// examples/digits: the shipped folders are what scripts/digits.mjs writes, and digits.nn checks
// clean against them with m = 3000. (Training it to ≥ 95 % takes minutes: scripts/digits-accuracy.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, diskFiles } from '../../../core/language';
import { listImageFolder } from '../../../core/data/images';
import { ROOT } from '../language/helpers';

const digits = path.join(ROOT, 'examples', 'digits');

test('scripts/digits.mjs writes the shipped PNGs byte for byte', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-digits-'));
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'digits.mjs'), '--train', '2', '--test', '1', '--out', out], { stdio: 'pipe' });
    for (let d = 0; d <= 9; d++) {
      for (const name of ['0000.png', '0001.png']) {
        assert.ok(fs.readFileSync(path.join(out, 'train', String(d), name)).equals(fs.readFileSync(path.join(digits, 'train', String(d), name))), `train/${d}/${name}`);
      }
      assert.deepEqual(fs.readdirSync(path.join(out, 'test', String(d))), ['0002.png']);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('the shipped folders hold 300 train and 50 test digits per class, and digits.nn checks clean with m = 3000', () => {
  const train = listImageFolder(path.join(digits, 'train'));
  const held = listImageFolder(path.join(digits, 'test'));
  assert.deepEqual(train.classes.map((c) => [c.name, c.files.length]), Array.from({ length: 10 }, (_, d) => [String(d), 300]));
  assert.deepEqual(held.classes.map((c) => c.files.length), new Array(10).fill(50));
  const file = path.join(digits, 'digits.nn');
  const { diagnostics, networks } = analyze(fs.readFileSync(file, 'utf8'), { path: file, files: diskFiles });
  assert.deepEqual(diagnostics, []);
  assert.equal(networks[0].m, 3000);
  assert.deepEqual(networks[0].spec?.image, { n_H: 28, n_W: 28, n_C: 1 });
  assert.equal(networks[0].params, 44426);
});
