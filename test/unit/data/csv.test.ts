import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, CsvParser, parseCsv } from '../../../core/data/csv';

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
  assert.match(error('1,"2\n3,4\n').message, /row 1, column 2: a quoted cell is not closed on its line/);
});

test('a cell beyond float64 (1e999) is an error with its row and column, not Infinity', () => {
  const e = error('x,y\n1,0\n1e999,1\n');
  assert.deepEqual([e.row, e.column], [3, 1]);
  assert.match(e.message, /row 3, column 1 \("x"\): "1e999" is too large for a float64/);
  assert.equal(error('1,2\n3,-1E400\n').column, 2);
  assert.deepEqual(parseCsv('1e308,-1e-400\n').rows, [[1e308, -0]]); // large but finite, and underflow to zero, are numbers
});

test('a message quotes the offending cell, shortened, and nothing else of the file', () => {
  const secret = 'root:$6$abcdefghijklmnopqrstuvwxyz0123456789:19000:0:99999:7:::';
  const e = error(`${secret}\ndaemon:*:19000:0:99999:7:::\n`);
  assert.doesNotMatch(e.message, /root|\$6\$/, 'the first line (taken for a header) is not quoted');
  assert.match(e.message, /^row 2, column 1: "daemon:\*:19000:0:9999…" is not a number$/);
  const long = error(`a,b\n1,${'z'.repeat(5000)}\n`);
  assert.ok(long.message.length < 80, long.message);
});

test('quoted header names, "" inside quotes, blanks around cells, CRLF and a byte-order-free start', () => {
  const t = parseCsv('"x, one","say ""hi""" , y\r\n 1 , 2 ,0\r\n');
  assert.deepEqual(t.header, ['x, one', 'say "hi"', 'y']);
  assert.deepEqual(t.rows, [[1, 2, 0]]);
  assert.equal(error('"a"b,c\n1,2\n').row, 1);
});

test('text pushed in pieces, cut anywhere, parses as the whole text does', () => {
  const text = 'x1,x2,y\n0.5,1.5,1\n\n-2e-3,.25,0\r\n7,8,1';
  const whole = parseCsv(text);
  for (let cut = 0; cut <= text.length; cut++) {
    const parser = new CsvParser();
    parser.push(text.slice(0, cut));
    parser.push(text.slice(cut));
    assert.deepEqual(parser.end(), whole, `cut at ${cut}`);
  }
  const prefix = new CsvParser();
  prefix.push('x1,x2,y\n1,2,0\n3,');
  assert.deepEqual(prefix.partial(), { header: ['x1', 'x2', 'y'], rows: [[1, 2, 0]], columns: 3, lines: [2] });
});

test('blank lines, lines of blanks and a quoted line among plain ones keep every row at its file line', () => {
  const t = parseCsv('a,b\n\n1,"2"\n \t\n\r\n3 , 4\n');
  assert.deepEqual([t.rows, t.lines], [[[1, 2], [3, 4]], [3, 6]]);
  assert.deepEqual([error('a,b\n\n1,"2"\n  \n3,z\n').row, error('a,b\n\n1,"2"\n  \n3,z\n').column], [5, 2]);
  // a line holding only a quoted empty cell is a row, not a blank line
  assert.match(error('x\n1\n""\n').message, /^row 3, column 1 \("x"\): the cell is empty$/);
  // a quote inside an unquoted cell stays part of it
  assert.match(error('1,2\n3,4"5\n').message, /^row 2, column 2: "4\\"5" is not a number$/);
  assert.match(error('x,y\n1,2\n"3" 4,5\n').message, /^row 3, column 1: text after a closing quote$/);
});
