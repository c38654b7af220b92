import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../core/foundation/prng';

const draw = (rng: Rng, n: number, f: (r: Rng) => number) => Array.from({ length: n }, () => f(rng));

test('the same seed and stream give the same numbers; another seed or stream does not', () => {
  const a = draw(new Rng(7, 'init'), 20, (r) => r.normal());
  assert.deepEqual(draw(new Rng(7, 'init'), 20, (r) => r.normal()), a);
  assert.notDeepEqual(draw(new Rng(8, 'init'), 20, (r) => r.normal()), a);
  assert.notDeepEqual(draw(new Rng(7, 'data'), 20, (r) => r.normal()), a);
});

test('uniform lies in [0, 1) with mean 1/2; normal has mean 0 and variance 1', () => {
  const rng = new Rng(3);
  const u = draw(rng, 100000, (r) => r.uniform());
  assert.ok(u.every((x) => x >= 0 && x < 1));
  assert.ok(Math.abs(u.reduce((s, x) => s + x, 0) / u.length - 0.5) < 0.01);
  const z = draw(rng, 100000, (r) => r.normal());
  const mean = z.reduce((s, x) => s + x, 0) / z.length;
  const variance = z.reduce((s, x) => s + (x - mean) ** 2, 0) / z.length;
  assert.ok(Math.abs(mean) < 0.02, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
});

test('below(n) covers 0…n−1 evenly and shuffle is a seeded permutation', () => {
  const rng = new Rng(5);
  const counts = [0, 0, 0];
  for (let i = 0; i < 30000; i++) counts[rng.below(3)]++;
  assert.ok(counts.every((c) => Math.abs(c - 10000) < 400), String(counts));
  const a = Array.from({ length: 50 }, (_, i) => i);
  const b = a.slice();
  new Rng(9).shuffle(a);
  new Rng(9).shuffle(b);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual(a.slice().sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
});
