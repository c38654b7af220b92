// `nn sample`'s service (spec §14): characters drawn one step at a time from each step's softmax,
// seeded and reproducible, continuing a start text; a trained character model samples what it learned.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerSpec } from '../../../core/foundation/model';
import { oneHotPerStep } from '../../../core/data/sequences';
import { corpusOf, textExamples } from '../../../core/data/text';
import { Trainer } from '../../../core/engine/trainer';
import { initialize } from '../../../core/engine/init';
import { weightEntries } from '../../../core/layers';
import { SampleError, sampleText } from '../../../core/services/sample';
import { denseLayer, tokensSpec } from './helpers';

const corpus = corpusOf('abc\n'.repeat(40));
const spec = tokensSpec(6, 4, [{ kind: 'embedding', units: 3 } as LayerSpec, denseLayer(4, 'softmax')], 'softmax_cross_entropy',
  { seed: 3, iterations: 300, learningRate: 1, logEvery: 100 });

/** The model's parameters by weights key, from `initialize` (untrained) or after training on the corpus. */
function weights(trained: boolean): Record<string, Float64Array> {
  if (!trained) {
    const params = initialize(spec);
    return Object.fromEntries(weightEntries(spec).map(({ key }) => [key, params[Number(key.slice(1))][key[0]].data]));
  }
  const { X, Y: ids, m } = textExamples(corpus, 6);
  const trainer = new Trainer(spec, { X, Y: oneHotPerStep(ids, 4), m });
  while (!trainer.done) trainer.step(100);
  const out = trainer.weights();
  trainer.dispose();
  return out;
}

test('a character model trained on "abc\\n" lines samples them back, after the start text', () => {
  assert.deepEqual(corpus.vocab, ['\n', 'a', 'b', 'c']);
  assert.equal(sampleText(spec, weights(true), corpus.vocab, { start: 'ab', length: 10, seed: 1 }), 'abc\nabc\nabc\n');
  // without a start the model begins on a new line, as a name list does
  assert.equal(sampleText(spec, weights(true), corpus.vocab, { length: 8 }), 'abc\nabc\n');
});

test('a seed gives the same characters every time; another seed, other characters', () => {
  const w = weights(false);
  const one = sampleText(spec, w, corpus.vocab, { length: 40, seed: 5 });
  assert.equal(one.length, 40);
  assert.equal(sampleText(spec, w, corpus.vocab, { length: 40, seed: 5 }), one);
  assert.notEqual(sampleText(spec, w, corpus.vocab, { length: 40, seed: 6 }), one);
  // untrained, every character is near 1/V: all four appear
  assert.deepEqual([...new Set(one)].sort(), corpus.vocab);
});

test('a start character outside the vocabulary, or a vocabulary of another size, is a clear error', () => {
  const w = weights(false);
  assert.throws(() => sampleText(spec, w, corpus.vocab, { start: 'abz' }), (e: unknown) => e instanceof SampleError && /"z", which is not in the model's vocabulary of 4 characters/.test(e.message));
  assert.throws(() => sampleText(spec, w, ['a', 'b'], {}), /has vocab 4, but its text has 2 distinct characters/);
});
