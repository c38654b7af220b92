// The shipped examples check clean and resolve to trainable networks; the broken one has exactly
// its one mistake.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../../core/language';
import { ROOT } from './helpers';

const dir = path.join(ROOT, 'examples');
const examples = readdirSync(dir).filter((f) => f.endsWith('.nn'));

test('there are at least five examples', () => {
  assert.ok(examples.length >= 5, examples.join(', '));
});

for (const file of examples) {
  test(`examples/${file} checks clean and has a trainable spec`, () => {
    const { diagnostics, networks } = analyzeFile(path.join(dir, file));
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`), []);
    assert.ok(networks.length > 0);
    for (const n of networks) {
      assert.ok(n.spec, `${n.name} has no spec`);
      assert.ok(n.spec.train.data, `${n.name} has no data`);
      assert.ok(n.m !== undefined && n.m > 0, `${n.name}: m unknown`);
    }
  });
}

test('examples/planar.nn resolves to the spec §1 network', () => {
  const [planar] = analyzeFile(path.join(dir, 'planar.nn')).networks;
  assert.deepEqual(planar.spec, {
    name: 'planar', inputSize: 2,
    layers: [{ kind: 'dense', units: 4, activation: { name: 'tanh' } }, { kind: 'dense', units: 1, activation: { name: 'sigmoid' } }],
    loss: 'cross_entropy',
    train: {
      data: { kind: 'generator', name: 'flower', args: { m: 400, noise: 0.2 } },
      init: { kind: 'xavier' }, learningRate: 1.2, iterations: 10000, batch: 'full', seed: 3, logEvery: 100,
    },
  });
});

test('the CSV example resolves its data path against the .nn file and holds out its test fraction', () => {
  const [exam] = analyzeFile(path.join(dir, 'exam.nn')).networks;
  assert.deepEqual(exam.spec?.train.data, { kind: 'csv', path: path.join(dir, 'exam.csv') });
  assert.deepEqual(exam.spec?.train.test, { kind: 'fraction', value: 0.25 });
  assert.equal(exam.m, 60 - 15);
});

test('examples/broken/broken.nn has exactly its one wrong W annotation', () => {
  const { diagnostics, networks } = analyzeFile(path.join(dir, 'broken', 'broken.nn'));
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.equal(d.code, 'NN301');
  assert.equal(d.severity, 'error');
  assert.equal(d.range.start.line, 5);
  assert.equal(d.message, 'W[2] must be (n[2], n[1]) = (1, 4), not (1, 3)');
  assert.deepEqual(d.fixes?.[0].edits.map((e) => e.newText), ['(1, 4)']);
  assert.equal(networks[0].spec, undefined);
});
