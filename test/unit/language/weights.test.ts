// core/data/weights.ts: the spec §6 JSON, read against the required shapes and written back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatWeights, layerEntries, parseWeights } from '../../../core/data/weights';

const layers = layerEntries([{ W: [2, 3], b: [2, 1] }, { W: [1, 2], b: [1, 1] }]);
const good = { W1: [[0.1, -0.2, 3e-5], [4, 5, 6]], b1: [[0], [1]], W2: [[7, 8]], b2: [[-0.5]] };

test('a valid file gives row-major values', () => {
  const { values, problems } = parseWeights(JSON.stringify(good), layers);
  assert.deepEqual(problems, []);
  assert.deepEqual(Array.from(values!.W1), [0.1, -0.2, 3e-5, 4, 5, 6]);
  assert.deepEqual(Array.from(values!.b1), [0, 1]);
  assert.deepEqual(Array.from(values!.W2), [7, 8]);
  assert.deepEqual(Array.from(values!.b2), [-0.5]);
});

test('formatWeights round-trips bit for bit', () => {
  const W = [Float64Array.from([Math.PI, -1 / 3, 1e-300, 2, 0.1 + 0.2, -0]), Float64Array.from([Number.MIN_VALUE, 1e300])];
  const b = [Float64Array.from([0.5, -0.25]), Float64Array.from([1 / 7])];
  const text = formatWeights({ W1: W[0], b1: b[0], W2: W[1], b2: b[1] }, layers);
  assert.deepEqual(Object.keys(JSON.parse(text)), ['W1', 'b1', 'W2', 'b2']);
  const back = parseWeights(text, layers).values!;
  assert.deepEqual([back.W1, back.W2].map((m) => Array.from(m)), W.map((m) => Array.from(m)));
  assert.deepEqual([back.b1, back.b2].map((m) => Array.from(m)), b.map((m) => Array.from(m)));
});

test('formatWeights refuses NaN', () => {
  const W = [new Float64Array(6).fill(NaN), new Float64Array(2)];
  assert.throws(() => formatWeights({ W1: W[0], b1: new Float64Array(2), W2: W[1], b2: new Float64Array(1) }, layers), /W1 holds NaN/);
});

test('missing, extra and wrongly shaped matrices are named with the shape found and required', () => {
  const { values, problems } = parseWeights(JSON.stringify({ ...good, b2: undefined, W2: [[1, 2, 3]], W9: [[1]] }), layers);
  assert.equal(values, undefined);
  const byKind = Object.fromEntries(problems.map((p) => [p.kind, p]));
  assert.deepEqual(byKind.shape, { kind: 'shape', key: 'W2', found: [1, 3], required: [1, 2], message: 'W2 is (1, 3) but must be (1, 2)' });
  assert.equal(byKind.missing.key, 'b2');
  assert.deepEqual(byKind.missing.required, [1, 1]);
  assert.equal(byKind.extra.key, 'W9');
});

test('ragged rows and non-numbers are structure problems', () => {
  const ragged = parseWeights(JSON.stringify({ ...good, W1: [[1, 2, 3], [4, 5]] }), layers).problems;
  assert.match(ragged[0].message, /W1: row 2 has 2 numbers but row 1 has 3/);
  const text = parseWeights(JSON.stringify({ ...good, b1: [['a'], [1]] }), layers).problems;
  assert.match(text[0].message, /b1: row 1, column 1 is not a finite number/);
  assert.equal(parseWeights('[1, 2]', layers).problems[0].kind, 'structure');
});

test('invalid JSON is reported with its line and column', () => {
  const { problems } = parseWeights('{\n  "W1": [[1, 2,\n  ]]\n}', layers);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].kind, 'json');
  assert.equal(problems[0].line, 3);
  assert.equal(problems[0].column, 3);
  const early = parseWeights('{"W1": [[1', layers).problems[0];
  assert.deepEqual([early.line, early.column], [1, 11]);
});

test('a key written twice is a problem with both places, not silently the last one', () => {
  const text = `{\n  "W1": ${JSON.stringify(good.W1)},\n  "b1": [[0], [1]],\n  "W1": [[9, 9, 9], [9, 9, 9]],\n  "W2": [[7, 8]], "b2": [[-0.5]]\n}`;
  const { values, problems } = parseWeights(text, layers);
  assert.equal(values, undefined);
  assert.deepEqual(problems, [{ kind: 'duplicate', key: 'W1', line: 4, column: 3, message: 'W1 is given twice (line 2, column 3 and line 4, column 3): keep one' }]);
  // Keys inside a matrix's rows are no keys of the file: only the top level counts.
  assert.equal(parseWeights('{"W1": [{"a": 1, "a": 2}]}', layers).problems.some((p) => p.kind === 'duplicate'), false);
});

test('100,000 nested [ give the place the text ends, not NaN or a crash', () => {
  const text = `{"W1": ${'['.repeat(100_000)}`;
  const [p] = parseWeights(text, layers).problems;
  assert.deepEqual([p.kind, p.line, p.column], ['json', 1, text.length + 1]);
  assert.equal(p.message, `not valid JSON at line 1, column ${text.length + 1}: the text ends too early`);
  const closed = `{"W1": ${'['.repeat(100_000)}1${']'.repeat(100_000)}, x}`;
  const [q] = parseWeights(closed, layers).problems;
  assert.deepEqual([q.line, q.column], [1, closed.length - 1]);
  assert.match(q.message, /: an unexpected character$/);
});
