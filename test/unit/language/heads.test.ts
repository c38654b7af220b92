// Spec §15's divisibility rule in the language: the divisors of d, the nearest ones to a bad h, and
// NN330 on the `heads:` value with a quick fix to each. (The same through whole `.nn` files once
// sequence inputs parse: test/unit/language/attention.test.ts.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divisors, nearestDivisors, reportHeads } from '../../../core/language/heads';
import type { Fix, Range } from '../../../core/language/api';
import type { LayerNode } from '../../../core/language/ast';

const range = (from: number, to: number): Range => ({ start: { line: 3, column: from }, end: { line: 3, column: to } });

test('the divisors of d, and the nearest below and above a bad h', () => {
  assert.deepEqual(divisors(12), [1, 2, 3, 4, 6, 12]);
  assert.deepEqual(divisors(7), [1, 7]);
  assert.deepEqual(nearestDivisors(12, 5), [4, 6]);
  assert.deepEqual(nearestDivisors(8, 3), [2, 4]);
  assert.deepEqual(nearestDivisors(6, 9), [6]);
});

test('NN330 names every divisor of d on the heads value; the nearer fix is preferred, a tie keeps more heads', () => {
  const reports: Array<{ code: string; range: Range; message: string; fixes?: Fix[] }> = [];
  const ctx = { report: (code: string, r: Range, message: string, fixes?: Fix[]) => reports.push({ code, range: r, message, fixes }), files: null, resolve: (p: string) => p };
  const node = { kind: 'self_attention', keywordRange: range(3, 17), options: [{ name: 'heads', nameRange: range(18, 23), range: range(18, 26), value: { kind: 'number', value: 3, text: '3', integer: true, range: range(25, 26) } }] } as unknown as LayerNode;
  reportHeads(ctx, node, 8, 3);
  assert.equal(reports.length, 1);
  const [r] = reports;
  assert.equal(r.code, 'NN330');
  assert.deepEqual(r.range, range(25, 26));
  assert.match(r.message, /3 heads do not divide the d = 8 features/);
  assert.match(r.message, /h must be a divisor of 8: 1, 2, 4 or 8/);
  assert.deepEqual(r.fixes!.map((f) => [f.title, f.edits[0].newText, f.preferred]), [
    ['Use `heads: 4` (d_k = 2)', '4', true],
    ['Use `heads: 2` (d_k = 4)', '2', false],
  ]);
});
