// examples/dinos/dinos.txt: the shipped corpus is what scripts/dinos.mjs writes from the `dinosaurs`
// package, and text(…) reads it as the course's dinosaur assignment does: 27 characters, a–z and '\n'.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readText, textExamples } from '../../../core/data/text';
import { defaultReach } from '../../../core/data/paths';
import { ROOT } from '../language/helpers';

const shipped = path.join(ROOT, 'examples', 'dinos', 'dinos.txt');

test('scripts/dinos.mjs writes the shipped corpus byte for byte: 1,325 names, one per line', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nn-dinos-')), 'dinos.txt');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'dinos.mjs'), '--out', out], { stdio: 'pipe' });
  assert.ok(fs.readFileSync(out).equals(fs.readFileSync(shipped)));
  const lines = fs.readFileSync(shipped, 'utf8').split('\n');
  assert.deepEqual([lines.length, lines[0], lines.at(-2), lines.at(-1)], [1326, 'aachenosaurus', 'zupaysaurus', '']);
});

test('text("dinos.txt", steps: 25): V = 27 (\'\\n\' then a–z, the course\'s vocab_size), m = ⌊(16961 − 1)/25⌋', () => {
  const corpus = readText(shipped, defaultReach(path.dirname(shipped)));
  assert.deepEqual(corpus.vocab, ['\n', ...'abcdefghijklmnopqrstuvwxyz']);
  assert.equal(corpus.ids.length, 16961);
  const { X, Y, m } = textExamples(corpus, 25);
  assert.equal(m, 678);
  assert.deepEqual([X.rows, X.cols, Y.rows, Y.cols], [25, 678, 25, 678]);
  // "aachenosaurus\n…": x starts a, a, c; y is x one character on.
  assert.deepEqual([X.data[0], X.data[678], X.data[2 * 678], Y.data[0], Y.data[678]], [1, 1, 3, 1, 3]);
});
