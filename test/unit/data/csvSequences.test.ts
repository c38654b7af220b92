import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, CsvError } from '../../../core/data/csv';
import { csvSequences } from '../../../core/data/csvSequences';

const rows = (M: { rows: number; cols: number; data: Float64Array }) =>
  Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));

test('sequence input, return: last with linear labels: x (T·n_x, m) time-major, one column per row', () => {
  // T = 2, n_x = 2: x⟨1⟩ = (a, b), x⟨2⟩ = (c, d), then one label.
  const table = parseCsv('a1,b1,a2,b2,y\n1,2,3,4,10\n5,6,7,8,20\n');
  const d = csvSequences(table, { kind: 'sequence', steps: 2, features: 2 }, { kind: 'last', size: 1 });
  assert.equal(d.m, 2);
  assert.deepEqual(rows(d.X), [[1, 5], [2, 6], [3, 7], [4, 8]]);
  assert.deepEqual(rows(d.Y), [[10, 20]]);
});

test('return: last with softmax: one class-index column made one-hot (K, m), as spec §4', () => {
  const d = csvSequences(parseCsv('1,2,2\n3,4,0\n'), { kind: 'sequence', steps: 2, features: 1 }, { kind: 'last', size: 3, classes: 3 });
  assert.deepEqual(rows(d.X), [[1, 3], [2, 4]]);
  assert.deepEqual(rows(d.Y), [[0, 1], [0, 0], [1, 0]]);
});

test('tokens input with per-step classes: ids (T, m) for x and y', () => {
  const d = csvSequences(parseCsv('0,1,2,2,1,0\n2,2,0,0,2,2\n'), { kind: 'tokens', steps: 3, vocab: 3 }, { kind: 'classes', steps: 3, classes: 3 });
  assert.deepEqual(rows(d.X), [[0, 2], [1, 2], [2, 0]]);
  assert.deepEqual(rows(d.Y), [[2, 0], [1, 2], [0, 2]]);
});

test('per-step values: n_y values per step, time-major (T·n_y, m)', () => {
  const d = csvSequences(parseCsv('1,2,0.1,0.2,0.3,0.4\n'), { kind: 'sequence', steps: 2, features: 1 }, { kind: 'values', steps: 2, size: 2 });
  assert.deepEqual(rows(d.Y), [[0.1], [0.2], [0.3], [0.4]]);
});

test('errors with the row and column: column count, a token out of the vocabulary or not whole, a class out of range', () => {
  const seq = { kind: 'tokens', steps: 2, vocab: 4 } as const;
  const per = { kind: 'classes', steps: 2, classes: 3 } as const;
  const fails = (text: string, message: string, row: number, column: number) =>
    assert.throws(() => csvSequences(parseCsv(text), seq, per), (e: CsvError) => e instanceof CsvError && e.message === message && e.row === row && e.column === column);
  fails('x1,x2,y1\n0,1,2\n', 'the file has 3 columns, but the network needs 4: 2 token ids for x, then 2 class indexes, one per step', 2, 4);
  fails('0,1,2,2\n\n0,4,1,1\n', 'row 3, column 2: token 4 is not one of the vocabulary\'s token ids 0…3', 3, 2);
  fails('0,1.5,2,2\n', 'row 1, column 2: token 1.5 is not one of the vocabulary\'s token ids 0…3', 1, 2);
  fails('0,1,2,3\n', 'row 1, column 4: class 3 is not one of the output\'s classes 0…2', 1, 4);
  assert.throws(() => csvSequences(parseCsv('1,2,7\n'), { kind: 'sequence', steps: 2, features: 1 }, { kind: 'last', size: 2, classes: 2 }),
    /row 1, column 3: class 7 is not one of the output's classes 0…1/);
});
