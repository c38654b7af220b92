import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusOf, readText, textExamples, TextError } from '../../../core/data/text';
import { oneHotPerStep } from '../../../core/data/sequences';
import { LIMITS } from '../../../core/data/read';
import type { Reach } from '../../../core/data/paths';

const rows = (M: { rows: number; cols: number; data: Float64Array }) =>
  Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));

function folder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nn-text-'));
}
const reachOf = (dir: string, outside: 'warn' | 'deny' = 'deny'): Reach => ({ roots: [dir], name: 'the workspace folder', outside });

test('vocabulary: distinct code points in code-point order, line breaks included, one token per code point', () => {
  // '𝒜' (U+1D49C) is two UTF-16 units but one character; 'ｚ' (U+FF5A) sorts before it by code point, after it by UTF-16.
  const c = corpusOf('ba\nｚ𝒜a');
  assert.deepEqual(c.vocab, ['\n', 'a', 'b', 'ｚ', '𝒜']);
  assert.deepEqual([...c.ids], [2, 1, 0, 3, 4, 1]);
});

test('examples of T steps: k·T … k·T + T, x the first T, y the last T, ids (T, m) one example per column', () => {
  // "hello\n" → vocab ['\n', 'e', 'h', 'l', 'o'], ids h2 e1 l3 l3 o4 \n0; T = 2: k = 0, 1 (k·T + T < 6), k = 2 would need character 6.
  const { X, Y, m } = textExamples(corpusOf('hello\n'), 2);
  assert.equal(m, 2);
  assert.deepEqual(rows(X), [[2, 3], [1, 3]]); // x of example 0 = "he", of example 1 = "ll"
  assert.deepEqual(rows(Y), [[1, 3], [3, 4]]); // y of example 0 = "el", of example 1 = "lo"
  // T + 1 characters exactly give one example; a neighbour shares its first character.
  assert.equal(textExamples(corpusOf('abc'), 2).m, 1);
  assert.equal(textExamples(corpusOf('abcde'), 2).m, 2);
  assert.equal(textExamples(corpusOf('abcd'), 1).m, 3);
});

test('per-step labels one-hot (T·V, m): rows t·V … t·V + V − 1 are step t + 1', () => {
  const { Y } = textExamples(corpusOf('hello\n'), 2);
  const one = oneHotPerStep(Y, 5);
  assert.deepEqual(rows(one), [
    [0, 0], [1, 0], [0, 0], [0, 1], [0, 0], // step 1: e, l
    [0, 0], [0, 0], [0, 0], [1, 0], [0, 1], // step 2: l, o
  ]);
});

test('errors: steps below 1 or not whole (NN207), fewer than T + 1 characters (NN518)', () => {
  const c = corpusOf('abc');
  for (const T of [0, -1, 1.5]) assert.throws(() => textExamples(c, T), (e: TextError) => e.code === 'NN207' && e.message === `steps must be a whole number of at least 1, not ${T}`);
  assert.throws(() => textExamples(c, 3), (e: TextError) => e.code === 'NN518' && e.message === 'the text has 3 characters, but steps: 3 needs at least 4 (T + 1: x and the next character)');
});

test('readText: missing (NN501), empty (NN518), a folder (NN501), over the size limit (NN501, before reading)', () => {
  const dir = folder();
  const reach = reachOf(dir);
  const at = (name: string) => path.join(dir, name);
  assert.throws(() => readText(at('none.txt'), reach), (e: TextError) => e.code === 'NN501' && e.message === `cannot read the text file ${at('none.txt')}: no such file`);
  fs.writeFileSync(at('empty.txt'), '');
  assert.throws(() => readText(at('empty.txt'), reach), (e: TextError) => e.code === 'NN518' && /is empty/.test(e.message));
  fs.mkdirSync(at('sub'));
  assert.throws(() => readText(at('sub'), reach), (e: TextError) => e.code === 'NN501' && /it is a folder/.test(e.message));
  const big = at('big.txt');
  fs.writeFileSync(big, '');
  fs.truncateSync(big, LIMITS.text + 1); // sparse: no 8 MB written
  assert.throws(() => readText(big, reach), (e: TextError) => e.code === 'NN501' && /more than the 8 MB limit for text files/.test(e.message));
  fs.writeFileSync(at('ok.txt'), '\ufeffab\r\n');
  const ok = readText(at('ok.txt'), reach);
  assert.deepEqual([ok.vocab, [...ok.ids], ok.outside], [['\n', '\r', 'a', 'b'], [2, 3, 1, 0], false]); // byte-order mark dropped, \r kept
});

test('readText follows the one workspace rule: outside and untrusted is not read (NN512), outside and trusted is read and marked', () => {
  const inside = folder();
  const other = folder();
  const file = path.join(other, 'names.txt');
  fs.writeFileSync(file, 'rex\n');
  assert.throws(() => readText(file, reachOf(inside, 'deny')), (e: TextError) => e.code === 'NN512');
  const read = readText(file, reachOf(inside, 'warn'));
  assert.equal(read.outside, true);
  assert.deepEqual(read.vocab, ['\n', 'e', 'r', 'x']);
});
