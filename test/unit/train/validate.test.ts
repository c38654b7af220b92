// core/services/session/validate.ts: a spec is checked by writing it back as `.nn` text for the checker.
// Every network the checker accepts must come back unchanged, or the worker would train another.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeFile } from '../../../core/language';
import { validateSpec } from '../../../core/services/session/validate';
import { planar } from './fixtures';
import { denseOnly } from '../../../core/layers/dense';

const examples = path.resolve(__dirname, '../../../../examples');

test('every example network comes back from validateSpec exactly as the checker made it', () => {
  let checked = 0;
  for (const name of readdirSync(examples).filter((f) => f.endsWith('.nn'))) {
    for (const network of analyzeFile(path.join(examples, name)).networks) {
      if (!network.spec) continue;
      assert.deepEqual(validateSpec(network.spec), network.spec, `${name}: ${network.name}`);
      checked++;
    }
  }
  assert.ok(checked >= 5, `${checked} networks`);
});

test('numbers, strings and every kind of setting survive the round trip', () => {
  const spec = planar({
    learningRate: 0.1 + 0.2, // 0.30000000000000004: the shortest form that reads back exactly
    batch: 64,
    seed: 0,
    logEvery: 7,
    init: { kind: 'random', scale: 1e-7 },
    test: { kind: 'fraction', value: 0.25 },
    data: { kind: 'csv', path: '/data/a "quoted" \\ name.csv' },
    weights: '/w.json',
  });
  denseOnly(spec).layers[0].activation = { name: 'leaky_relu', slope: -0.5 };
  assert.deepEqual(validateSpec(spec), spec);
  const tested = planar({ test: { kind: 'generator', name: 'moons', args: { m: 50, noise: 0.1 } } });
  assert.deepEqual(validateSpec(tested), tested);
});

test('what the language cannot write is refused by name, never thrown', () => {
  assert.match(validateSpec(null) as string, /^spec must be an object/);
  assert.match(validateSpec({ ...planar(), layers: 'many' }) as string, /spec\.layers must be an array/);
  assert.match(validateSpec(planar({ learningRate: Number.NaN })) as string, /spec\.train\.learningRate must be a finite number, not NaN/);
  assert.match(validateSpec(planar({ data: { kind: 'csv', path: 'a\nb.csv' } })) as string, /spec\.train\.data\.path must be a string on one line/);
  assert.match(validateSpec(planar({ data: { kind: 'http', path: 'x' } as never })) as string, /spec\.train\.data\.kind must be "csv", "images" or "generator"/);
  assert.match(validateSpec({ ...planar(), loss: 'hinge' }) as string, /NN203 unknown loss `hinge`/);
});
