import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, parseCsv } from '../../../core/data/csv';

const error = (text: string): CsvError => {
  try {
    parseCsv(text);
  } catch (e) {
    assert.ok(e instanceof CsvError);
    return e;
  }
  assert.fail(`no error for ${JSON.stringify(text)}`);
};

test('numbers become rows; a first row with a non-numeric cell is the header', () => {
  assert.deepEqual(parseCsv('x1,x2,y\n1,2.5,0\n-3e-1, .5 ,1\n'), {
    header: ['x1', 'x2', 'y'], rows: [[1, 2.5, 0], [-0.3, 0.5, 1]], columns: 3, lines: [2, 3],
  });
  const plain = parseCsv('1,2\r\n\r\n3,4');
  assert.equal(plain.header, undefined);
  assert.deepEqual(plain.rows, [[1, 2], [3, 4]]);
  assert.deepEqual(plain.lines, [1, 3]);
});

test('a non-numeric cell is an error naming its row, column and header', () => {
  const e = error('a,b\n1,2\n3,oops\n');
  assert.deepEqual([e.row, e.column], [3, 2]);
  assert.match(e.message, /row 3, column 2 \("b"\): "oops" is not a number/);
  assert.deepEqual([error('1,2\n,4\n').row, error('1,2\n,4\n').column], [2, 1]);
  assert.match(error('1,2\n,4\n').message, /is empty/);
  // Number() would take these; a data file should not.
  for (const cell of ['0x10', 'Infinity', 'NaN', '1,5e']) assert.equal(error(`1,2\n${cell},3\n`).row, 2);
});

test('a ragged row is an error with its row', () => {
  const e = error('1,2,3\n4,5\n');
  assert.equal(e.row, 2);
  assert.match(e.message, /row 2 has 2 cells, but the first row has 3/);
});

test('empty files, header-only files and broken quoting are errors, not crashes', () => {
  assert.match(error('').message, /no rows/);
  assert.match(error('a,b\n').message, /header but no examples/);
  assert.match(error('1,"2\n3,4\n').message, /malformed CSV/);
});
