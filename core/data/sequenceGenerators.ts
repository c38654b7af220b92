// The seeded sequence generators of spec §14; their parameters, defaults and shapes are in
// sequenceCatalog.ts (the checker's view), their layouts in sequences.ts. Every example is drawn
// whole before the next, in column order, so m examples are a prefix of m + 1 on the same seed.

import { matrix } from '../foundation/matrix';
import { Rng } from '../foundation/prng';
import { withDefaults } from './catalog';
import { DATE_IN_VOCAB, DATE_OUT_VOCAB, DATE_STEPS, findSequenceGenerator } from './sequenceCatalog';
import type { SequenceData } from './sequences';

type Run = (args: Record<string, number>, rng: Rng) => SequenceData;

const PAD = '<pad>';
const DIGITS = [...'0123456789'];
/** dates' input tokens: padding, then the characters of every format in code-point order (41). */
export const DATE_INPUT_VOCAB: readonly string[] = [PAD, ...' ,./', ...DIGITS, ...'abcdefghijklmnopqrstuvwxyz'];
/** dates' output tokens: padding, then the characters of an ISO date (12). */
export const DATE_OUTPUT_VOCAB: readonly string[] = [PAD, '-', ...DIGITS];

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

interface Day { y: number; mo: number; d: number; weekday: number }
const two = (n: number) => String(n % 100).padStart(2, '0');
const mmm = (day: Day) => MONTHS[day.mo - 1].slice(0, 3);
const mmmm = (day: Day) => MONTHS[day.mo - 1];

/**
 * The human-readable formats, lowercase as the course's data is (nmt_utils lowercases them); the
 * names are Unicode date patterns. Two-digit years stand for 1950–2049, the range dates are drawn from.
 */
export const DATE_FORMATS: ReadonlyArray<[string, (day: Day) => string]> = [
  ['d MMM yyyy', (t) => `${t.d} ${mmm(t)} ${t.y}`],
  ['dd MMM yyyy', (t) => `${two(t.d)} ${mmm(t)} ${t.y}`],
  ['d MMMM yyyy', (t) => `${t.d} ${mmmm(t)} ${t.y}`],
  ['d MMM, yyyy', (t) => `${t.d} ${mmm(t)}, ${t.y}`],
  ['dd, MMM yyyy', (t) => `${two(t.d)}, ${mmm(t)} ${t.y}`],
  ['MMM d, yyyy', (t) => `${mmm(t)} ${t.d}, ${t.y}`],
  ['MMMM d, yyyy', (t) => `${mmmm(t)} ${t.d}, ${t.y}`],
  ['MMMM d yyyy', (t) => `${mmmm(t)} ${t.d} ${t.y}`],
  ['EEEE, MMMM d, yyyy', (t) => `${WEEKDAYS[t.weekday]}, ${mmmm(t)} ${t.d}, ${t.y}`],
  ['EEEE, MMMM d yyyy', (t) => `${WEEKDAYS[t.weekday]}, ${mmmm(t)} ${t.d} ${t.y}`],
  ['M/d/yy', (t) => `${t.mo}/${t.d}/${two(t.y)}`],
  ['MM/dd/yy', (t) => `${two(t.mo)}/${two(t.d)}/${two(t.y)}`],
  ['dd.MM.yy', (t) => `${two(t.d)}.${two(t.mo)}.${two(t.y)}`],
  ['d MM yy', (t) => `${t.d} ${two(t.mo)} ${two(t.y)}`],
];

const MS_PER_DAY = 86_400_000;
const FIRST_DAY = Date.UTC(1950, 0, 1) / MS_PER_DAY;
const DAY_COUNT = Date.UTC(2050, 0, 1) / MS_PER_DAY - FIRST_DAY;

/** The day `k` days after 1 January 1950 (UTC, so no time zone moves it). */
function dayOf(k: number): Day {
  const date = new Date((FIRST_DAY + k) * MS_PER_DAY);
  return { y: date.getUTCFullYear(), mo: date.getUTCMonth() + 1, d: date.getUTCDate(), weekday: date.getUTCDay() };
}

export function isoDate(day: Day): string {
  return `${day.y}-${two(day.mo)}-${two(day.d)}`;
}

/** `text`'s characters as ids of `vocab`, padded (id 0) to DATE_STEPS, into column j of (DATE_STEPS, m). */
function writeTokens(data: Float64Array, m: number, j: number, text: string, vocab: readonly string[]): void {
  [...text].forEach((c, t) => (data[t * m + j] = vocab.indexOf(c)));
}

const generators: Record<string, Run> = {
  // Per example: u_1 … u_T, then the first mark's step in [0, ⌊T/2⌋), then the second's in [⌊T/2⌋, T).
  adding: ({ m, steps: T }, rng) => {
    const X = matrix(2 * T, m);
    const Y = matrix(1, m);
    const half = Math.floor(T / 2);
    for (let j = 0; j < m; j++) {
      for (let t = 0; t < T; t++) X.data[2 * t * m + j] = rng.uniform();
      const marks = [rng.below(half), half + rng.below(T - half)];
      for (const t of marks) {
        X.data[(2 * t + 1) * m + j] = 1;
        Y.data[j] += X.data[2 * t * m + j];
      }
    }
    return { input: { kind: 'sequence', steps: T, features: 2 }, output: { kind: 'last', size: 1 }, X, Y, m };
  },
  // Per example: x⟨1⟩ … x⟨T⟩ uniform in 0…V−1; y⟨t⟩ = x⟨T + 1 − t⟩.
  reverse: ({ m, steps: T, vocab: V }, rng) => {
    const X = matrix(T, m);
    const Y = matrix(T, m);
    for (let j = 0; j < m; j++) {
      for (let t = 0; t < T; t++) X.data[t * m + j] = rng.below(V);
      for (let t = 0; t < T; t++) Y.data[t * m + j] = X.data[(T - 1 - t) * m + j];
    }
    return { input: { kind: 'tokens', steps: T, vocab: V }, output: { kind: 'classes', steps: T, classes: V }, X, Y, m };
  },
  // Per example: a day uniform in 1950-01-01 … 2049-12-31, then a format uniform among DATE_FORMATS.
  dates: ({ m }, rng) => {
    const X = matrix(DATE_STEPS, m);
    const Y = matrix(DATE_STEPS, m);
    for (let j = 0; j < m; j++) {
      const day = dayOf(rng.below(DAY_COUNT));
      const [, format] = DATE_FORMATS[rng.below(DATE_FORMATS.length)];
      writeTokens(X.data, m, j, format(day), DATE_INPUT_VOCAB);
      writeTokens(Y.data, m, j, isoDate(day), DATE_OUTPUT_VOCAB);
    }
    return {
      input: { kind: 'tokens', steps: DATE_STEPS, vocab: DATE_IN_VOCAB },
      output: { kind: 'classes', steps: DATE_STEPS, classes: DATE_OUT_VOCAB },
      X, Y, m, inputVocab: DATE_INPUT_VOCAB, outputVocab: DATE_OUTPUT_VOCAB,
    };
  },
};

/** Runs sequence generator `name` with `args` (defaults from sequenceCatalog.ts) on `seed`'s `stream`. */
export function generateSequence(name: string, args: Record<string, number>, seed: number, stream = 'data'): SequenceData {
  const info = findSequenceGenerator(name);
  const run = generators[name];
  if (!info || !run) throw new Error(`unknown sequence generator '${name}'`);
  return run(withDefaults(info, args), new Rng(seed, stream));
}
