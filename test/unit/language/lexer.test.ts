// The lexer's hand-written fast paths (ASCII names, numbers) must read text exactly as the regular
// expressions of the general path do: every boundary where the two could part is pinned here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex, type Token } from '../../../core/language/lexer';

/** kind, text, and the number fields or the error code, per token (eof left out). */
function read(text: string): string[] {
  const shown = (t: Token) => [t.kind, t.text, t.value === undefined ? '' : `=${String(t.value)}`, t.integer === undefined ? '' : t.integer ? ' int' : ' real', t.code ?? ''].join('');
  return lex(text).tokens.filter((t) => t.kind !== 'eof' && t.kind !== 'newline').map(shown);
}

test('names end where a word ends, and a name run into a path or another script is one error', () => {
  assert.deepEqual(read('dense W_1 b'), ['namedense', 'nameW_1', 'nameb']);
  assert.deepEqual(read('W:(4,'), ['nameW', '::', '((', 'number4=4 int', ',,']);
  assert.deepEqual(read('data.csv'), ['errordata.csvNN101']);
  assert.deepEqual(read('data/x.csv my-net a\\b'), ['errordata/x.csvNN101', 'errormy-netNN101', 'errora\\bNN101']);
  assert.deepEqual(read('tänh'), ['errortänhNN101']);
  assert.deepEqual(read('relu٣'), ['errorrelu٣NN101']);
  assert.deepEqual(read('relu- 4'), ['namerelu', 'error-NN101', 'number4=4 int']);
  assert.deepEqual(read('relu'), ['namerelu']);
});

test('numbers: integers, reals, exponents, negatives, and malformed words', () => {
  assert.deepEqual(read('12288 0.0075 1e-3 2E+2 -5 -0.5'), [
    'number12288=12288 int', 'number0.0075=0.0075 real', 'number1e-3=0.001 real', 'number2E+2=200 real', 'number-5=-5 real', 'number-0.5=-0.5 real',
  ]);
  assert.deepEqual(read('12288x 1.2.3 1e 1. 1e+'), ['error12288xNN103', 'error1.2.3NN103', 'error1eNN103', 'error1.NN103', 'error1e+NN103']);
  assert.deepEqual(read('4) 1e5,'), ['number4=4 int', '))', 'number1e5=100000 real', ',,']);
  assert.deepEqual(read('.5 -.5'), ['error.5NN103', 'error-.5NN103']);
});

test('ranges: columns count from 1, and a token after another ends where that one ended', () => {
  const [open, four, comma] = lex('(4, 2)').tokens;
  assert.deepEqual(open.range, { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } });
  assert.deepEqual(four.range, { start: { line: 1, column: 2 }, end: { line: 1, column: 3 } });
  assert.deepEqual(comma.range, { start: { line: 1, column: 3 }, end: { line: 1, column: 4 } });
  const { tokens, comments } = lex('a # note\r\nb');
  assert.deepEqual(comments[0].range, { start: { line: 1, column: 3 }, end: { line: 1, column: 9 } });
  assert.deepEqual(tokens.map((t) => [t.kind, t.range.start.line, t.range.start.column]), [['name', 1, 1], ['newline', 1, 9], ['name', 2, 1], ['eof', 2, 2]]);
});
