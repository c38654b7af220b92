import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GENERATORS, withDefaults } from '../../../core/data/catalog';
import { generate } from '../../../core/data/generators';

for (const info of GENERATORS) {
  test(`${info.name}: shape, labels and classes from the catalog; same seed same data, another seed other data`, () => {
    const args = { m: 37 };
    const full = withDefaults(info, args);
    const g = generate(info.name, args, 11);
    assert.deepEqual([g.X.rows, g.X.cols], [info.features(full), 37]);
    assert.equal(g.classes, info.classes(full));
    assert.equal(g.labels.length, 37);
    for (let k = 0; k < g.classes; k++) assert.ok(g.labels.includes(k), `class ${k} present`);
    assert.ok(g.labels.every((c) => c >= 0 && c < g.classes));
    assert.ok(g.X.data.every(Number.isFinite));
    assert.deepEqual(generate(info.name, args, 11), g);
    assert.notDeepEqual(generate(info.name, args, 12).X.data, g.X.data);
    assert.notDeepEqual(generate(info.name, args, 11, 'test').X.data, g.X.data);
  });
}

test('flower follows the course formula: without noise, each point lies on r = 4·sin(4t)', () => {
  const m = 40;
  const { X, labels } = generate('flower', { m, noise: 0 }, 1);
  for (let j = 0; j < m; j++) {
    const klass = Math.floor(j / 20), i = j % 20;
    assert.equal(labels[j], klass);
    const t = 3.12 * klass + (3.12 * i) / 19;
    const r = 4 * Math.sin(4 * t);
    assert.ok(Math.abs(X.data[j] - r * Math.sin(t)) < 1e-12 && Math.abs(X.data[m + j] - r * Math.cos(t)) < 1e-12);
  }
});

test('circles, moons, xor and blobs put the classes where their descriptions say', () => {
  const radius = (X: { data: Float64Array; cols: number }, j: number) => Math.hypot(X.data[j], X.data[X.cols + j]);
  const c = generate('circles', { m: 20, noise: 0, factor: 0.3 }, 1);
  c.labels.forEach((k, j) => assert.ok(Math.abs(radius(c.X, j) - (k === 0 ? 1 : 0.3)) < 1e-12));
  const x = generate('xor', { m: 200, noise: 0.1 }, 1);
  x.labels.forEach((k, j) => assert.equal(k, Math.sign(x.X.data[j]) === Math.sign(x.X.data[200 + j]) ? 0 : 1));
  const mo = generate('moons', { m: 10, noise: 0 }, 1);
  mo.labels.forEach((k, j) => assert.ok(k === 0 ? mo.X.data[10 + j] >= -1e-12 : mo.X.data[10 + j] <= 0.5 + 1e-12));
  const b = generate('blobs', { m: 300, classes: 3, features: 5, spread: 0.01 }, 1);
  assert.equal(b.X.rows, 5);
  // With a tiny spread every example sits next to the first example of its class.
  b.labels.forEach((k, j) => {
    const first = b.labels.indexOf(k);
    for (let f = 0; f < 5; f++) assert.ok(Math.abs(b.X.data[f * 300 + j] - b.X.data[f * 300 + first]) < 0.2);
  });
});

test('an unknown generator is an error', () => {
  assert.throws(() => generate('petals', {}, 1), /unknown generator 'petals'/);
});

test('parity: without noise, 2^(bits−1) points per class, ± sums of the patterns, never shared between classes', () => {
  const m = 400, features = 16;
  const { X, labels } = generate('parity', { m, features, bits: 3, noise: 0 }, 5);
  const seen = new Map<string, number>();
  for (let j = 0; j < m; j++) {
    const column = Array.from({ length: features }, (_, f) => X.data[f * m + j]);
    // Σ ±P_k / √3 with three ±1 entries: every value is ±1/√3 or ±3/√3.
    assert.ok(column.every((v) => [1, 3].some((n) => Math.abs(Math.abs(v) * Math.sqrt(3) - n) < 1e-9)), `column ${j}`);
    const key = column.map((v) => v.toFixed(6)).join(',');
    assert.notEqual(seen.get(key) ?? labels[j], 1 - labels[j], 'one point, one class');
    seen.set(key, labels[j]);
  }
  for (const klass of [0, 1]) assert.equal([...seen.values()].filter((c) => c === klass).length, 4);
  // The mean of each class is the same point (0): no linear direction tells them apart.
  const mean = (klass: number, f: number) => {
    let s = 0, n = 0;
    for (let j = 0; j < m; j++) if (labels[j] === klass) [s, n] = [s + X.data[f * m + j], n + 1];
    return s / n;
  };
  for (let f = 0; f < features; f++) assert.ok(Math.abs(mean(0, f) - mean(1, f)) < 0.4, `feature ${f}`);
});
