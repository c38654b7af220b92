#!/usr/bin/env node
// Trains the digit examples with their own settings through the built CLI (`nn train --json`) and
// fails unless each reaches its accuracy on the held-out test folder: LeNet-5 (examples/digits/
// digits.nn) 95 % (issue 10, item 5), the small ResNet (examples/resnet.nn) 98 %, issue 20's
// headline (docs/resnet.md has the measured numbers and the seconds against LeNet's). They take
// seconds each on an idle machine, minutes on a loaded one, so they are a stage of `npm test` of
// their own (`npm run test:digits`, after `npm run build`) rather than unit tests.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(ROOT, 'dist', 'cli.js');
const EXAMPLES = [
  { file: path.join('digits', 'digits.nn'), required: 0.95 },
  { file: 'resnet.nn', required: 0.98 },
];

if (!existsSync(cli)) {
  console.error('digits-accuracy: dist/cli.js is missing: run `npm run build` first');
  process.exit(1);
}

/** Trains one example; returns whether its test accuracy reaches `required`. */
function reaches({ file, required }) {
  const run = spawnSync(process.execPath, [cli, 'train', path.join(ROOT, 'examples', file), '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    console.error(`digits-accuracy: nn train ${file} exited ${run.status}\n${run.stderr}${run.stdout.slice(0, 2000)}`);
    return false;
  }
  const result = JSON.parse(run.stdout);
  const accuracy = result.test_accuracy;
  console.log(`digits: ${file}: ${result.iterations} iterations in ${result.seconds.toFixed(0)} s, train accuracy ${result.train_accuracy}, test accuracy ${accuracy}`);
  if (accuracy >= required) return true;
  console.error(`digits-accuracy: ${file}: test accuracy ${accuracy} is below ${required}`);
  return false;
}

const passed = EXAMPLES.filter(reaches).length;
console.log(`digits: ${passed} passed, ${EXAMPLES.length - passed} failed`);
process.exit(passed === EXAMPLES.length ? 0 : 1);
