// The conv snapshot's pure parts: filters regrouped into tiles, feature maps channel by channel,
// the grid's examples, their classes and pixels.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classes, columns, convLayout, filtersOf, gridIndices, imageGrid, mapsOf } from '../../../core/services/session/convSnapshot';
import { heatMap, levels, pool } from '../../../core/services/session/snapshots';
import { lenet, planar } from './fixtures';

const M = (rows: number, cols: number, f: (r: number, c: number) => number) => ({
  rows, cols, data: Float64Array.from({ length: rows * cols }, (_, k) => f(Math.floor(k / cols), k % cols)),
});

test('the layout: filters of both conv layers, maps of the input and every image-shaped layer', () => {
  const layout = convLayout(lenet())!;
  assert.deepEqual(layout.filters, [{ l: 1, shape: [5, 5, 1, 6] }, { l: 3, shape: [5, 5, 6, 16] }]);
  assert.deepEqual(layout.maps.map((m) => [m.l, m.volume.n_H, m.volume.n_W, m.volume.n_C]), [[0, 28, 28, 1], [1, 24, 24, 6], [2, 12, 12, 6], [3, 8, 8, 16], [4, 4, 4, 16]]);
  assert.equal(convLayout(planar()), undefined, 'a vector input has no conv view');
});

test('filters: W (f·f·n_C[l−1], n_C[l]) row-major becomes one f × f tile per (filter, channel)', () => {
  // W[i][j][c][k] = 1000·k + 100·c + 10·i + j, for f = 2, 3 channels in, 2 filters.
  const f = 2, C = 3, K = 2;
  const W = M(f * f * C, K, (r, k) => {
    const c = r % C, j = Math.floor(r / C) % f, i = Math.floor(r / (C * f));
    return 1000 * k + 100 * c + 10 * i + j;
  });
  const tiles = filtersOf(4, [f, f, C, K], W.data);
  assert.deepEqual({ ...tiles, data: undefined }, { l: 4, f, channels: C, filters: K, shown: K, data: undefined });
  // tile (k = 1, c = 2) starts at (1·3 + 2)·4 = 20 and reads rows i, columns j; the largest is 1211.
  const level = (v: number) => Math.round((127 * v) / 1211);
  assert.equal(tiles.data.scale, 1211);
  assert.deepEqual([...tiles.data.levels.slice(20, 24)], [1200, 1201, 1210, 1211].map(level));
  assert.deepEqual([...tiles.data.levels.slice(0, 4)], [0, 1, 10, 11].map(level));
  assert.deepEqual([...tiles.data.levels.slice(12, 16)], [1000, 1001, 1010, 1011].map(level), 'tile (k = 1, c = 0)');
  const capped = filtersOf(4, [f, f, C, K], W.data, 4);
  assert.equal(capped.shown, 1, 'whole filters only: 4 tiles hold one filter of 3 channels');
  assert.equal(capped.data.levels.length, f * f * C);
});

test('maps: (h, w, c) row-major features become one n_H × n_W map per channel', () => {
  const volume = { n_H: 2, n_W: 3, n_C: 2 };
  const features = Array.from({ length: 12 }, (_, p) => (p % 2) * 127 + Math.floor(p / 2)); // channel c, pixel p/2
  const maps = mapsOf(1, volume, features);
  assert.equal(maps.data.scale, 132);
  assert.deepEqual([...maps.data.levels], [0, 1, 2, 3, 4, 5, 127, 128, 129, 130, 131, 132].map((v) => Math.round((127 * v) / 132)));
  assert.equal(mapsOf(1, volume, features, 7).shown, 1, 'whole channels within the limit, at least one');
});

test('levels: −127…127 of the largest |value|; all zeros stay zeros, a non-finite value is 0', () => {
  assert.deepEqual(levels(Float64Array.from([2, -1, 0.5])), { scale: 2, levels: Float32Array.from([127, -64, 32]) });
  assert.deepEqual(levels(Float64Array.from([0, 0])), { scale: 0, levels: Float32Array.from([0, 0]) });
  assert.deepEqual(levels(Float64Array.from([NaN, -4, Infinity])), { scale: 4, levels: Float32Array.from([0, -127, 0]) });
  const W = M(2, 4, (r, c) => (r === 0 ? c : -2 * c)); // pooled to 2 × 2: [0.5, 2.5; −1, −5]
  const map = heatMap(W, 2);
  assert.deepEqual({ ...map, scale: undefined }, { rows: 2, cols: 2, data: Float32Array.from([13, 64, -25, -127]), scale: undefined }, 'a heat map is pooled, then levels');
  assert.equal(map.scale, Math.max(...Array.from(pool(W, 2, 2).data, Math.abs)), 'with the largest |w| its levels stand for (its colour scale)');
});

test('the grid: evenly spaced examples, their classes, pixels scaled to 0…255', () => {
  assert.deepEqual(gridIndices(10, 4), [0, 2, 5, 7]);
  assert.deepEqual(gridIndices(3, 36), [0, 1, 2]);
  assert.deepEqual([...classes(M(3, 2, (r, c) => (r === 2 - c ? 0.9 : 0.05)))], [2, 1]);
  assert.deepEqual([...classes(M(1, 3, (_, c) => [0.2, 0.7, 0.5][c]))], [0, 1, 0]);
  const X = M(4, 5, (r, c) => c * 4 + r); // 2 × 2 × 1 images, values 0…19
  const Y = M(2, 5, (r, c) => (r === c % 2 ? 1 : 0));
  assert.deepEqual([...columns(X, [1, 3]).data], [4, 12, 5, 13, 6, 14, 7, 15]);
  const grid = imageGrid({ X, Y, m: 5 }, 'test', { n_H: 2, n_W: 2, n_C: 1 }, [0, 4]);
  assert.deepEqual([...grid.pixels], [0, 13, 27, 40, 215, 228, 242, 255]);
  assert.deepEqual([...grid.labels], [0, 0]);
  assert.deepEqual(grid.indices, [0, 4]);
  assert.equal(grid.classNames, undefined);
  assert.deepEqual(imageGrid({ X, Y, m: 5, classNames: ['a', 'b'] }, 'test', { n_H: 2, n_W: 2, n_C: 1 }, [0]).classNames, ['a', 'b']);
});
