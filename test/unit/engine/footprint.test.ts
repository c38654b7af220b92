// Issue 19 item 2: one memory footprint. The checker (NN701/NN702) and training's refusal both ask
// the engine's count (core/engine/footprint.ts), so the editor and training give the same figure:
// for LeNet-5 on 60,000 digits the checker said 6.1 GB and the engine 417 MB.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { examplesOf, networkFootprint } from '../../../core/engine/footprint';
import { checkedFootprint, formatBytes } from '../../../core/language/memory';
import { memoryRefusal } from '../../../core/services/session/limits';
import { analyzeWith, ROOT } from '../language/helpers';

/** examples/digits/digits.nn with its folders replaced by m generated 28×28 digits and 500 test ones. */
function digits(m: number): string {
  const text = readFileSync(path.join(ROOT, 'examples', 'digits', 'digits.nn'), 'utf8')
    .replace('data images("train")', `data blobs(m: ${m}, classes: 10, features: 784)`)
    .replace('test images("test")', 'test blobs(m: 500, classes: 10, features: 784)');
  assert.notEqual(text, readFileSync(path.join(ROOT, 'examples', 'digits', 'digits.nn'), 'utf8'), 'the example still reads its folders');
  return text;
}

/** A course-1 deep network (course 1, week 4's cat classifier) on m generated 64×64×3 images. */
function dense(m: number): string {
  return ['network deep {', '  input 12288', '  dense 20 relu', '  dense 7 relu', '  dense 5 relu', '  dense 1 sigmoid',
    '  train {', `    data blobs(m: ${m}, classes: 2, features: 12288)`, '  }', '}', ''].join('\n');
}

/** What the checker counts, what training counts and what training's refusal says, for `text`. */
function figures(text: string) {
  const { networks, diagnostics } = analyzeWith(text);
  const [info] = networks;
  assert.ok(info.spec, JSON.stringify(diagnostics));
  const checker = checkedFootprint(info.layers, info.spec.train, info.m);
  const engine = networkFootprint(info.spec, examplesOf(info.spec.train));
  return { checker, engine, refusal: memoryRefusal(info.spec, undefined, 1), codes: diagnostics.map((d) => d.code) };
}

const cases = [
  { name: 'LeNet-5 (examples/digits) on 60,000 digits', text: digits(60_000), figure: '417 MB', codes: [] },
  { name: 'LeNet-5 (examples/digits) on 100,000 digits', text: digits(100_000), figure: '671 MB', codes: [] },
  { name: 'a dense 12288-20-7-5-1 network on 60,000 images', text: dense(60_000), figure: '12 GB', codes: ['NN702'] },
  { name: 'a dense 12288-20-7-5-1 network on 10,000 images', text: dense(10_000), figure: '2.0 GB', codes: ['NN702'] },
];

for (const c of cases) {
  test(`${c.name}: the checker and training count the same ${c.figure}`, () => {
    const { checker, engine, refusal, codes } = figures(c.text);
    assert.equal(checker.bytes, engine.bytes);
    assert.equal(formatBytes(engine.bytes), c.figure);
    assert.deepEqual(checker.parts.map((p) => [p.what, p.bytes]), engine.parts.map((p) => [p.what, p.bytes]));
    assert.match(refusal ?? '', new RegExp(`needs about ${c.figure} of memory`));
    assert.deepEqual(codes, c.codes);
  });
}

test('NN702 and NN701 give the engine\'s figure and name the largest part', () => {
  const warned = analyzeWith(dense(60_000)).diagnostics[0];
  assert.match(warned.message, /^training needs about 12 GB of memory, most of it for the data, X \(12288, m = 60000\) and Y \(1, m\): 12 GB: make sure/);
  const refused = analyzeWith(dense(100_000)).diagnostics[0];
  assert.match(refused.message, /^training needs about 20 GB of memory, most of it for the data, X \(12288, m = 100000\) and Y \(1, m\): 20 GB, more than the limit of 16 GB: use fewer examples m or input features n\[0\]$/);
});

test('an image network predicts 256 examples at a time; a vector network all of them at once', () => {
  const lenet = figures(digits(60_000)).engine.parts.find((p) => p.layer === 1 && p.kind === 'examples')!;
  assert.equal(lenet.what, 'Z[1], A[1], dZ[1], dA[1] and the im2col scratch (m = 60000, 24, 24, 6)');
  const deep = figures(dense(60_000)).engine.parts.find((p) => p.layer === 1 && p.kind === 'examples')!;
  assert.equal(deep.bytes, (4 * 60_000 + 2 * 60_000) * 20 * 8, 'full batch: Z, A, dZ, dA per batch and Z, A for predicting all m');
});

/** An rnn of n_a units over n_x features whose parameters outweigh its examples, trained with `optimizer`. */
function recurrent(n_x: number, n_a: number, optimizer: string): string {
  return ['network r {', `  input sequence(steps: 2, features: ${n_x})`, `  rnn ${n_a} tanh return: last`, '  dense 1 linear', '  loss mse',
    '  train {', `    optimizer ${optimizer}`, '  }', '}', ''].join('\n');
}

test('an rnn\'s parameters are counted and named as it declares them: Wax, Waa, ba, not a stacked W (n_a, n_a + n_x)', () => {
  const parts = (text: string) => {
    const [info] = analyzeWith(text).networks;
    return checkedFootprint(info.layers, { batch: 'full', optimizer: info.optimizer }, 4).parts;
  };
  const adam = parts(recurrent(200, 400, 'adam')).find((p) => p.layer === 1 && p.kind === 'parameters')!;
  // each trained entry: itself, its gradient, the copy weights() hands out, Adam's v and s
  assert.equal(adam.bytes, (400 * 200 + 400 * 400 + 400) * 5 * 8);
  assert.equal(adam.what, 'Wax[1] (400, 200), Waa[1] (400, 400) and ba[1] (400, 1), each with its gradient and its v and s');
  const gd = parts(recurrent(200, 400, 'gd')).find((p) => p.layer === 1 && p.kind === 'parameters')!;
  assert.equal(gd.what, 'Wax[1] (400, 200), Waa[1] (400, 400) and ba[1] (400, 1), each with its gradient');
  // the output layer's W[2] and b[2] read as the course writes them, b[2] going with W[2]
  assert.equal(parts(recurrent(200, 400, 'adam')).find((p) => p.layer === 2 && p.kind === 'parameters')!.what, 'W[2], dW[2], v_dW[2] and s_dW[2] (1, 400)');
});

test('only a volume\'s scratch is called im2col: an rnn\'s per-step matrices are its scratch', () => {
  const [info] = analyzeWith(recurrent(2, 32, 'adam')).networks;
  const rnn = checkedFootprint(info.layers, { batch: 'full', optimizer: info.optimizer }, 4).parts.find((p) => p.layer === 1 && p.kind === 'examples')!;
  assert.equal(rnn.what, 'A[1], dA[1] and its scratch matrices (32, m = 4)');
});
