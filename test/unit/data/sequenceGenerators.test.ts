import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withDefaults } from '../../../core/data/catalog';
import { SEQUENCE_GENERATORS } from '../../../core/data/sequenceCatalog';
import { DATE_FORMATS, DATE_INPUT_VOCAB, DATE_OUTPUT_VOCAB, generateSequence } from '../../../core/data/sequenceGenerators';
import { Rng } from '../../../core/foundation/prng';

const column = (M: { rows: number; cols: number; data: Float64Array }, j: number) => Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]);

for (const info of SEQUENCE_GENERATORS) {
  test(`${info.name}: input, output and shapes as the catalogue says; same seed same data, another seed or stream other data`, () => {
    const args = { m: 23 };
    const full = withDefaults(info, args);
    const g = generateSequence(info.name, args, 5);
    assert.deepEqual([g.input, g.output, g.m], [info.input(full), info.output(full), 23]);
    const xRows = g.input.kind === 'sequence' ? g.input.steps * g.input.features : g.input.steps;
    const yRows = g.output.kind === 'last' ? g.output.size : g.output.kind === 'classes' ? g.output.steps : g.output.steps * g.output.size;
    assert.deepEqual([g.X.rows, g.X.cols, g.Y.rows, g.Y.cols], [xRows, 23, yRows, 23]);
    if (g.input.kind === 'tokens') { const V = g.input.vocab; assert.ok(g.X.data.every((v) => Number.isInteger(v) && v >= 0 && v < V)); }
    if (g.output.kind === 'classes') { const K = g.output.classes; assert.ok(g.Y.data.every((v) => Number.isInteger(v) && v >= 0 && v < K)); }
    assert.deepEqual(generateSequence(info.name, args, 5), g);
    assert.notDeepEqual(generateSequence(info.name, args, 6).X.data, g.X.data);
    assert.notDeepEqual(generateSequence(info.name, args, 5, 'test').X.data, g.X.data);
    // m examples are a prefix of m + 1: each is drawn whole before the next.
    const more = generateSequence(info.name, { m: 24 }, 5);
    assert.deepEqual(column(more.X, 22), column(g.X, 22));
  });
}

test('adding: x⟨t⟩ = (u_t, mark_t) time-major, exactly one mark in each half, y = the sum of the marked u, drawn in the documented order', () => {
  const T = 5, m = 3;
  const g = generateSequence('adding', { m, steps: T }, 9);
  const rng = new Rng(9, 'data');
  for (let j = 0; j < m; j++) {
    const x = column(g.X, j);
    const u = Array.from({ length: T }, () => rng.uniform());
    const marks = [rng.below(2), 2 + rng.below(3)];
    assert.deepEqual(x.filter((_, r) => r % 2 === 0), u);
    assert.deepEqual(x.filter((_, r) => r % 2 === 1), Array.from({ length: T }, (_, t) => (marks.includes(t) ? 1 : 0)));
    assert.equal(g.Y.data[j], u[marks[0]] + u[marks[1]]);
  }
});

test('reverse: y⟨t⟩ = x⟨T + 1 − t⟩, tokens drawn in order', () => {
  const g = generateSequence('reverse', { m: 2, steps: 4, vocab: 3 }, 1);
  const rng = new Rng(1, 'data');
  for (let j = 0; j < 2; j++) {
    const x = Array.from({ length: 4 }, () => rng.below(3));
    assert.deepEqual(column(g.X, j), x);
    assert.deepEqual(column(g.Y, j), [...x].reverse());
  }
});

test('dates: vocabularies fixed (41 in, 12 out), every format fits 30 characters, y is the ISO date of x padded with 0', () => {
  assert.equal(DATE_INPUT_VOCAB.length, 41);
  assert.deepEqual(DATE_OUTPUT_VOCAB, ['<pad>', '-', ...'0123456789']);
  const longest = { y: 2000, mo: 9, d: 27, weekday: 3 }; // wednesday, september 27, 2000
  const day = { y: 1979, mo: 5, d: 3, weekday: 4 };
  const shown = DATE_FORMATS.map(([, f]) => f(day));
  assert.deepEqual(shown, ['3 may 1979', '03 may 1979', '3 may 1979', '3 may, 1979', '03, may 1979', 'may 3, 1979', 'may 3, 1979', 'may 3 1979',
    'thursday, may 3, 1979', 'thursday, may 3 1979', '5/3/79', '05/03/79', '03.05.79', '3 05 79']);
  for (const [name, f] of DATE_FORMATS) {
    const text = f(longest);
    assert.ok(text.length <= 30, name);
    assert.ok([...text].every((c) => DATE_INPUT_VOCAB.includes(c)), name);
  }
  const m = 200;
  const g = generateSequence('dates', { m }, 3);
  const decode = (M: typeof g.X, j: number, vocab: readonly string[]) => column(M, j).map((id) => (id === 0 ? '' : vocab[id])).join('');
  const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  for (let j = 0; j < m; j++) {
    const human = decode(g.X, j, g.inputVocab!);
    const iso = decode(g.Y, j, g.outputVocab!);
    assert.match(iso, /^(19[5-9]\d|20[0-4]\d)-\d\d-\d\d$/);
    assert.deepEqual(column(g.Y, j).slice(10), new Array(20).fill(0));
    const [y, mo, d] = iso.split('-').map(Number);
    const date = new Date(Date.UTC(y, mo - 1, d));
    assert.equal(date.getUTCDate(), d, `${iso} is a real day`);
    // x names the same day: its day and month (by name or number) and year (2 or 4 digits) appear in it.
    assert.ok(human.includes(String(y % 100).padStart(2, '0')), `${human} → ${iso}`);
    assert.ok(human.includes(months[mo - 1].slice(0, 3)) || new RegExp(`\\b0?${mo}\\b`).test(human), `${human} → ${iso}`);
    assert.ok(new RegExp(`\\b0?${d}\\b`).test(human), `${human} → ${iso}`);
  }
  // Weekdays are right: 21 March 2000 was a Tuesday.
  assert.equal(DATE_FORMATS[9][1]({ y: 2000, mo: 3, d: 21, weekday: new Date(Date.UTC(2000, 2, 21)).getUTCDay() }), 'tuesday, march 21 2000');
  // Every format occurs in a larger sample.
  const big = generateSequence('dates', { m: 2000 }, 4);
  const lengths = new Set(Array.from({ length: 2000 }, (_, j) => column(big.X, j).filter((v) => v !== 0).length));
  assert.ok(lengths.size > 10);
});
