// Image folders exported to PyTorch (spec §8 data, §10): the editor decodes the PNGs and the export
// writes their pixels beside the script as .npy (the script needs torch and numpy only); the script
// must then train exactly as `nn train` on the folder — 8-bit pixels kept as bytes (k/255 in both),
// RGB images read as grayscale kept as float64.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { assertSameCosts, assertSameWeights, nn, printedJson, python, readJson, run, scratch } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { PNG } = require('pngjs');
const torchPython = python('torch', 'python3-torch');

/** `count` PNGs per class in DIR/CLASS/, H × W, gray or RGB, with seeded pixel values. */
function imageFolder(dir, classes, count, H, W, rgb) {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 256;
  for (const [c, name] of classes.entries()) {
    mkdirSync(join(dir, name), { recursive: true });
    for (let k = 0; k < count; k++) {
      const png = new PNG({ width: W, height: H, colorType: rgb ? 2 : 0, inputColorType: rgb ? 2 : 0, inputHasAlpha: false });
      png.data = Buffer.from(Array.from({ length: H * W * (rgb ? 3 : 1) }, (_, p) => (next() + 40 * c * (p % 3)) % 256));
      writeFileSync(join(dir, name, `${k}.png`), PNG.sync.write(png, { colorType: rgb ? 2 : 0, inputColorType: rgb ? 2 : 0, inputHasAlpha: false }));
    }
  }
}

/** nn train against the exported script; `descr`: the .npy's element type ('|u1' bytes, '<f8' float64). */
function compare(dir, descr) {
  const expected = JSON.parse(nn(['train', 'net.nn', '--json', '--save-weights', 'nn-weights.json'], dir));
  const written = nn(['export', 'net.nn', '--to', 'pytorch', '-o', 'net.py'], dir).trim().split('\n');
  assert.ok(written.includes(join(dir, 'net.data.npy')), written.join(', '));
  assert.match(readFileSync(join(dir, 'net.data.npy')).subarray(0, 64).toString('latin1'), new RegExp(`'descr': '\\${descr}'`));
  const actual = printedJson(run(torchPython, ['net.py', '--save-weights', 'py-weights.json'], dir));
  assertSameCosts(actual.costs, expected.costs);
  assert.equal(actual.train_accuracy, expected.train_accuracy);
  assert.equal(actual.test_accuracy, expected.test_accuracy);
  assertSameWeights(readJson(join(dir, 'py-weights.json')), readJson(join(dir, 'nn-weights.json')));
}

test('a gray PNG folder (pixels as bytes) through conv, pool, flatten and dense, with a test folder', () => {
  const dir = scratch({
    'net.nn': 'network digits {\n  input (10, 8, 1)\n  conv2d 3 relu f: 3\n  max_pool f: 2\n  flatten\n  dense 3 softmax\n'
      + '  train {\n    data images("train")\n    test images("test")\n    optimizer adam\n    learning_rate 0.01\n    batch 8\n    iterations 40\n    log_every 5\n  }\n}\n',
  });
  imageFolder(join(dir, 'train'), ['a', 'b', 'c'], 8, 10, 8, false);
  imageFolder(join(dir, 'test'), ['a', 'b', 'c'], 3, 10, 8, false);
  compare(dir, '|u1');
});

test('RGB PNGs read as grayscale (float64 pixels) with two classes and a sigmoid output', () => {
  const dir = scratch({
    'net.nn': 'network shades {\n  input (6, 5, 1)\n  flatten\n  dense 4 tanh\n  dense 1 sigmoid\n'
      + '  train {\n    data images("train")\n    test 0.25\n    learning_rate 0.5\n    iterations 60\n    log_every 10\n  }\n}\n',
  });
  imageFolder(join(dir, 'train'), ['cat', 'dog'], 10, 6, 5, true);
  compare(dir, '<f8');
});
