// The conv snapshot against the engine: the filters are W[l] itself, the chosen example's maps are
// what a naive forward pass computes, the grid's predictions are the trainer's.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Trainer } from '../../../core/engine';
import { ConvView } from '../../../core/services/session/convView';
import { bars, tinyConv } from './fixtures';

test('filters, the maps of the chosen example and the grid’s predictions match the network', () => {
  const spec = tinyConv();
  const train = bars(40);
  const testSet = bars(12);
  const trainer = new Trainer(spec, train, { test: testSet });
  trainer.step(5);
  const view = ConvView.of(spec, train, testSet)!;
  assert.equal(view.images.set, 'test');
  assert.equal(view.images.indices.length, 12, 'every test example when there are fewer than the grid holds');
  assert.equal(view.choose(12), 'showExample: the test set has 12 examples (0 to 11), not 13');
  assert.equal(view.choose(7), undefined);
  const snap = view.snapshot(trainer.weights(), (X) => trainer.predict(X));
  assert.equal(snap.example, 7);

  // W[1] (3·3·1, 2) row-major: W[u][v][0][k] at row u·3 + v, column k.
  const { W: [W], b: [b] } = trainer.layerMatrices();
  const [filters] = snap.filters;
  assert.deepEqual([filters.l, filters.f, filters.channels, filters.filters, filters.shown], [1, 3, 1, 2, 2]);
  // Levels −127…127 of the largest |w|: each within half a level of the weight.
  const { scale: wMax, levels: wLevels } = filters.data;
  assert.equal(wMax, Math.max(...Array.from(W.data, Math.abs)));
  for (let k = 0; k < 2; k++)
    for (let u = 0; u < 3; u++) for (let v = 0; v < 3; v++) assert.ok(Math.abs((wLevels[k * 9 + u * 3 + v] * wMax) / 127 - W.data[(u * 3 + v) * 2 + k]) <= wMax / 254 + 1e-12, `W[1][${u}][${v}][0][${k}]`);

  // A naive forward pass of example 7: x[h][w] = X[h·4 + w, 7]; conv, relu, then 2 × 2 max pool.
  const x = (h: number, w: number) => testSet.X.data[(h * 4 + w) * testSet.m + 7];
  const A1 = [0, 1].map((k) => [0, 1].map((h) => [0, 1].map((w) => {
    let z = b.data[k];
    for (let u = 0; u < 3; u++) for (let v = 0; v < 3; v++) z += W.data[(u * 3 + v) * 2 + k] * x(h + u, w + v);
    return Math.max(0, z);
  })));
  const [input, conv, pool] = snap.maps;
  assert.deepEqual([input.l, conv.l, pool.l], [0, 1, 2]);
  const value = ({ scale, levels }: { scale: number; levels: Float32Array }, p: number) => (levels[p] * scale) / 127;
  Array.from({ length: 16 }, (_, p) => x(Math.floor(p / 4), p % 4)).forEach((v, p) => assert.ok(Math.abs(value(input.data, p) - v) <= input.data.scale / 254, `A[0] pixel ${p}`));
  assert.deepEqual([conv.n_H, conv.n_W, conv.n_C, conv.shown], [2, 2, 2, 2]);
  assert.ok(A1.flat(2).some((v) => v > 0), 'the example gives some unit something to show');
  assert.ok(Math.abs(conv.data.scale - Math.max(...A1.flat(2))) < 1e-12, 'the scale is the largest activation itself');
  for (let p = 0; p < 8; p++) {
    const k = Math.floor(p / 4), h = Math.floor((p % 4) / 2), w = p % 2;
    assert.ok(Math.abs(value(conv.data, p) - A1[k][h][w]) <= conv.data.scale / 254 + 1e-12, `A[1] channel ${k} at (${h}, ${w}): ${value(conv.data, p)} against ${A1[k][h][w]}`);
  }
  const pooled = [0, 1].map((k) => Math.max(...A1[k].flat()));
  assert.ok(Math.abs(pool.data.scale - Math.max(...pooled)) < 1e-12);
  pooled.forEach((v, k) => assert.ok(Math.abs(value(pool.data, k) - v) <= pool.data.scale / 254 + 1e-12, `A[2] channel ${k}`));

  // The grid's predictions: the trainer's own outputs on the test set, thresholded at 0.5.
  const A = trainer.predict(testSet.X);
  assert.deepEqual([...snap.predicted!], Array.from(A.data.subarray(0, 12), (a) => (a > 0.5 ? 1 : 0)));
  assert.deepEqual([...view.images.labels], Array.from(testSet.Y.data));
  trainer.dispose();
});

test('without a test set the grid and the maps come from the training set; a vector input has no view', () => {
  const train = bars(100);
  const view = ConvView.of(tinyConv(), train, undefined, 250)!;
  assert.equal(view.images.set, 'train');
  assert.equal(view.images.indices.length, 36);
  assert.equal(view.example, 99, 'an example kept across a reset stays within the set');
  assert.match(view.choose(100)!, /the training set has 100 examples/);
  assert.equal(ConvView.of({ ...tinyConv(), image: undefined, layers: [{ kind: 'dense', units: 1, activation: { name: 'sigmoid' } }] }, train, undefined), undefined);
});
