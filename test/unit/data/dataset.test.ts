import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, loadData } from '../../../core/data/dataset';
import { generate } from '../../../core/data/generators';
import { makeSpec } from '../engine/helpers';

const files = (content: Record<string, string>) => (path: string) => {
  if (!(path in content)) throw new Error('no such file');
  return content[path];
};
const dataError = (f: () => unknown): DataError => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    return e;
  }
  assert.fail('no DataError');
};

test('CSV rows become columns: features first, then n[L] label columns', () => {
  const spec = makeSpec([2, 2], ['sigmoid'], 'cross_entropy', { data: { kind: 'csv', path: '/d.csv' } });
  const { train, test } = loadData(spec, files({ '/d.csv': 'x1,x2,y1,y2\n1,2,0,1\n3,4,1,1\n5,6,0,0\n' }));
  assert.equal(test, undefined);
  assert.deepEqual([train.X.rows, train.X.cols, train.m], [2, 3, 3]);
  assert.deepEqual(Array.from(train.X.data), [1, 3, 5, 2, 4, 6]);
  assert.deepEqual(Array.from(train.Y.data), [0, 1, 0, 1, 1, 0]);
});

test('a softmax output reads one class-index column and makes it one-hot', () => {
  const spec = makeSpec([1, 3], ['softmax'], 'softmax_cross_entropy', { data: { kind: 'csv', path: '/d.csv' } });
  const { train } = loadData(spec, files({ '/d.csv': '0.5,2\n0.1,0\n' }));
  assert.deepEqual(Array.from(train.Y.data), [0, 1, 0, 0, 1, 0]);
  assert.equal(train.classes, 3);
  const e = dataError(() => loadData(spec, files({ '/d.csv': '0.5,2\n\n0.1,3\n' })));
  assert.deepEqual([e.file, e.row, e.column], ['/d.csv', 3, 2]);
  assert.match(e.message, /class 3 is not one of the softmax output's classes 0…2/);
});

test('bad files give a DataError with the file, row and column', () => {
  const spec = makeSpec([2, 1], ['sigmoid'], 'cross_entropy', { data: { kind: 'csv', path: '/d.csv' } });
  const bad = dataError(() => loadData(spec, files({ '/d.csv': '1,2,1\n1,z,0\n' })));
  assert.deepEqual([bad.file, bad.row, bad.column], ['/d.csv', 2, 2]);
  assert.match(dataError(() => loadData(spec, files({}))).message, /cannot read \/d.csv: no such file/);
  assert.match(dataError(() => loadData(spec, files({ '/d.csv': '1,2\n' }))).message, /has 2 columns, but the network needs 3/);
  assert.match(dataError(() => loadData(makeSpec([2, 1], ['sigmoid'], 'cross_entropy'))).message, /no 'data' setting/);
});

test('generators: two classes give one 0/1 label, softmax outputs get one-hot labels; misfits are errors', () => {
  const flower = { kind: 'generator' as const, name: 'flower', args: { m: 10 } };
  const { train } = loadData(makeSpec([2, 4, 1], ['tanh', 'sigmoid'], 'cross_entropy', { data: flower, seed: 2 }));
  assert.deepEqual(Array.from(train.Y.data), Array.from(generate('flower', { m: 10 }, 2).labels));
  const spiral = { kind: 'generator' as const, name: 'spiral', args: { m: 9, classes: 3 } };
  const soft = loadData(makeSpec([2, 3], ['softmax'], 'softmax_cross_entropy', { data: spiral })).train;
  assert.deepEqual(Array.from(soft.Y.data.subarray(0, 9)), [1, 1, 1, 0, 0, 0, 0, 0, 0]);
  assert.match(dataError(() => loadData(makeSpec([2, 1], ['sigmoid'], 'cross_entropy', { data: spiral }))).message, /3 classes/);
  assert.match(dataError(() => loadData(makeSpec([3, 1], ['sigmoid'], 'cross_entropy', { data: flower }))).message, /2 features, but input is 3/);
});

test('test FRACTION holds out round(fraction·m) seeded examples; test SOURCE is generated apart', () => {
  const flower = { kind: 'generator' as const, name: 'flower', args: { m: 50 } };
  const spec = makeSpec([2, 1], ['sigmoid'], 'cross_entropy', { data: flower, test: { kind: 'fraction', value: 0.2 }, seed: 4 });
  const { train, test } = loadData(spec);
  assert.deepEqual([train.m, test?.m], [40, 10]);
  // Together they are the whole data set, each example once.
  const all = loadData({ ...spec, train: { ...spec.train, test: undefined } }).train;
  const key = (X: Float64Array, m: number, j: number) => `${X[j]},${X[m + j]}`;
  const seen = [...Array(40).keys()].map((j) => key(train.X.data, 40, j)).concat([...Array(10).keys()].map((j) => key(test!.X.data, 10, j)));
  assert.deepEqual(seen.slice().sort(), [...Array(50).keys()].map((j) => key(all.X.data, 50, j)).sort());
  assert.deepEqual(loadData(spec), { train, test });
  const other = loadData({ ...spec, train: { ...spec.train, test: flower } });
  assert.equal(other.test?.m, 50);
  assert.notDeepEqual(other.test?.X.data, other.train.X.data);
});
