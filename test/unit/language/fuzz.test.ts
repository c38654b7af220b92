// ≥ 10,000 random mutations of the examples (deleted, duplicated and swapped tokens, random bytes,
// huge numbers): analyze and formatText never throw, every range (diagnostics, fixes, AST nodes)
// lies inside the text, and every diagnostic underlines text on its own line. Seeded, so a failure
// names the seed and case that reproduce it. Then large inputs of every slow shape: linear time.

import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, formatText, type Range } from '../../../core/language';
import { lex } from '../../../core/language/lexer';
import { memoryFiles, prng, ROOT } from './helpers';
import { LARGE_SHAPES } from './large';

const SEED = 20261128;
const CASES = 10_000;

const dir = path.join(ROOT, 'examples');
/** Course 2's settings and layer option (spec §9), mutated like the examples. */
const COURSE2 = [
  'network c2 {', '  input 2', '  dense 8 relu  keep_prob: 0.8  W: (8, 2)', '  dense 1 sigmoid', '  train {',
  '    data moons(m: 256, noise: 0.2)', '    optimizer adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)', '    l2 0.7',
  '    decay inverse(rate: 1, every: 100)', '    batch 64', '  }', '}', '',
].join('\n');
/** Course 4's statements (spec §8), with options, 4-tuple annotations and an image input. */
const COURSE4 = [
  'network lenet {', '  input (28, 28, 1)', '  conv2d 6 relu f: 5 stride: 1 pad: valid  W: (5, 5, 1, 6)', '  max_pool f: 2  A: (m, 12, 12, 6)',
  '  conv2d 16 tanh f: 3 pad: same', '  avg_pool f: 2 stride: 2', '  flatten  A: (576, m)', '  dense 10 softmax', '  train {',
  '    data xor(m: 40)', '  }', '}', '',
].join('\n');
const examples = [...readdirSync(dir).filter((f) => f.endsWith('.nn')).map((f) => readFileSync(path.join(dir, f), 'utf8')), COURSE2, COURSE4];
const files = memoryFiles({ 'exam.csv': readFileSync(path.join(dir, 'exam.csv'), 'utf8') });
const HUGE = ['1e999', '99999999999999999999999', '-1e308', '0', '-0', '1e-400', '4294967297', '0.0000001'];

function mutate(text: string, rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const tokens = lex(text).tokens.filter((t) => t.kind !== 'eof').map((t) => t.text);
  const edits = 1 + Math.floor(rand() * 4);
  let out = tokens;
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(rand() * out.length);
    const j = Math.floor(rand() * out.length);
    out = [...out];
    switch (Math.floor(rand() * 6)) {
      case 0: out.splice(i, 1); break; // delete a token
      case 1: out.splice(i, 0, out[i]); break; // duplicate a token
      case 2: [out[i], out[j]] = [out[j], out[i]]; break; // swap two tokens
      case 3: out.splice(i, 0, String.fromCharCode(Math.floor(rand() * 0x3000))); break; // random character
      case 4: out[i] = pick(HUGE); break; // huge or odd number
      default: out.splice(i, 0, pick(['{', '}', '(', ')', ',', ':', '\n', '"', '#', 'network', 'dense', 'train', 'm', 'keep_prob', 'optimizer', 'momentum', 'input', 'conv2d', 'max_pool', 'avg_pool', 'flatten', 'f', 'stride', 'pad', 'same', 'valid'])); break;
    }
  }
  return out.map((t) => (t === '\n' ? t : `${t} `)).join('');
}

function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function assertInside(r: Range, lengths: number[], what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 1 && p.line <= lengths.length, `${what}: line ${p.line} outside 1…${lengths.length}`);
    assert.ok(p.column >= 1 && p.column <= lengths[p.line - 1] + 1, `${what}: column ${p.column} outside line ${p.line}`);
  }
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.column <= r.end.column);
  assert.ok(ordered, `${what}: start after end`);
}

/** A diagnostic ends on the line it starts on, at most just past that line's last character. */
function assertOnItsLine(r: Range, lengths: number[], what: string): void {
  assert.equal(r.end.line, r.start.line, `${what}: ends on line ${r.end.line}, past its line ${r.start.line}`);
  assert.ok(r.end.column <= lengths[r.start.line - 1] + 1, `${what}: ends at column ${r.end.column}, past the end of line ${r.start.line}`);
}

/** Every object in the tree with a Range-shaped `range`-like field. */
function* ranges(node: unknown, where = 'ast'): Generator<[Range, string]> {
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (value && typeof value === 'object' && 'start' in value && 'end' in value) yield [value as Range, `${where}.${key}`];
    else if (value && typeof value === 'object') yield* ranges(value, `${where}.${key}`);
  }
}

test(`${CASES} mutated examples: analyze and formatText never throw, ranges stay inside the text`, () => {
  const rand = prng(SEED);
  for (let n = 0; n < CASES; n++) {
    const text = mutate(examples[n % examples.length], rand);
    const context = `seed ${SEED}, case ${n}:\n${text}`;
    const lengths = lineLengths(text);
    let analysis;
    try {
      analysis = analyze(text, { path: path.join(dir, 'fuzz.nn'), files });
    } catch (e) {
      assert.fail(`analyze threw ${String(e)} on ${context}`);
    }
    for (const d of analysis.diagnostics) {
      assertInside(d.range, lengths, `${d.code} in ${context}`);
      assertOnItsLine(d.range, lengths, `${d.code} in ${context}`);
      for (const fix of d.fixes ?? []) for (const edit of fix.edits) assertInside(edit.range, lengths, `fix of ${d.code} in ${context}`);
    }
    for (const [r, where] of ranges(analysis.ast)) assertInside(r, lengths, `${where} in ${context}`);
    for (const [r, where] of ranges(analysis.networks, 'networks')) assertInside(r, lengths, `${where} in ${context}`);
    assert.doesNotThrow(() => formatText(text), context);
  }
});

test('whole random byte strings never make analyze throw', () => {
  const rand = prng(SEED + 1);
  for (let n = 0; n < 2000; n++) {
    const text = Array.from({ length: Math.floor(rand() * 200) }, () => String.fromCharCode(Math.floor(rand() * 128))).join('');
    const lengths = lineLengths(text);
    const { diagnostics } = analyze(text, { files: null });
    for (const d of diagnostics) {
      assertInside(d.range, lengths, `${d.code} in ${JSON.stringify(text)}`);
      assertOnItsLine(d.range, lengths, `${d.code} in ${JSON.stringify(text)}`);
    }
  }
});

// Linear time, measured in a fresh process per shape: the heap the fuzz cases above leave behind
// does not count, and a quadratic version that runs for minutes is stopped and reported. Sizes of
// 256,000 → 1,024,000 characters: both well past the young generation of V8's heap, whose
// collection costs differ below that size, and where the quadratic versions took from 5 s to many
// minutes. Linear time gives about 4×, quadratic 16×; 12× leaves room for the collector's threads
// (counted in the process's CPU time) on a busy machine, where 8× once failed at 8.4×.
const SMALL = 256_000;
const SLOW_SHAPES = ['many networks', 'bare headers', 'blank lines', 'CR line breaks'];

/** In the child: the least CPU time in ms of five runs of analyze and of formatText at each size. */
const MEASURE = `
const { analyze, formatText } = require(${JSON.stringify(path.join(__dirname, '../../../core/language'))});
const { LARGE_SHAPES } = require(${JSON.stringify(path.join(__dirname, 'large'))});
const [shape, small] = [process.argv[1], Number(process.argv[2])];
const best = (fn, runs) => {
  let ms = Infinity;
  for (let r = 0; r < runs; r++) {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    ms = Math.min(ms, (used.user + used.system) / 1000);
  }
  return ms;
};
const texts = [LARGE_SHAPES[shape](small), LARGE_SHAPES[shape](4 * small)];
const steps = { analyze: (t) => analyze(t, { files: null }), formatText };
const out = {};
for (const [name, step] of Object.entries(steps)) {
  step(texts[1]); // warm-up on the large text, so both sizes run on a heap already grown to fit it
  out[name] = texts.map((t) => best(() => step(t), 5));
}
process.stdout.write(JSON.stringify(out));
`;

for (const shape of SLOW_SHAPES) {
  test(`linear time on ${shape}: 4× the text takes less than 12× as long to analyze and to format`, () => {
    assert.ok(shape in LARGE_SHAPES);
    const r = spawnSync(process.execPath, ['-e', MEASURE, shape, String(SMALL)], { encoding: 'utf8', timeout: 120_000 });
    assert.ok(!r.error && r.status === 0, r.error ? `${shape}: no answer within 120 s` : r.stderr);
    const times = JSON.parse(r.stdout) as Record<string, [number, number]>;
    for (const [name, [t1, t4]] of Object.entries(times)) {
      // Or, whatever the ratio, under half a second of CPU for a megabyte: the quadratic versions took
      // from 5 s to minutes there, while a step of a few tens of ms can jitter past 12× under load.
      assert.ok(t4 < 12 * t1 || t4 < 500, `${name}: ${t1.toFixed(1)} ms at ${SMALL} characters, ${t4.toFixed(1)} ms at ${4 * SMALL}`);
    }
  });
}
