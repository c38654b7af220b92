// Issue 19 item 4: a keystroke checks again only the network it edited (core/adapters/lsp/networkChecks.ts),
// and what users see stays exactly what a whole check gives: after every edit below, the analysis
// built from kept networks equals a fresh analyze() of the same text.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, diskFiles, type Analysis } from '../../../core/language';
import { NetworkChecks } from '../../../core/adapters/lsp/networkChecks';
import { prng, ROOT } from '../language/helpers';

/** An analysis through `checks`, as the language server makes it, reading files from disk. */
function incremental(checks: NetworkChecks, text: string, file: string): Analysis {
  return analyze(text, { path: file, files: diskFiles }, (ast, syntax, _files, resolve) => checks.check(text, ast, syntax, () => diskFiles, resolve, new Set()));
}

function sameAsWhole(checks: NetworkChecks, text: string, file: string, what: string): Analysis {
  const kept = incremental(checks, text, file);
  const whole = analyze(text, { path: file, files: diskFiles });
  assert.deepEqual({ diagnostics: kept.diagnostics, networks: kept.networks }, { diagnostics: whole.diagnostics, networks: whole.networks }, what);
  return kept;
}

const examples = path.join(ROOT, 'examples');
const files = [...readdirSync(examples).filter((f) => f.endsWith('.nn')).map((f) => path.join(examples, f)), path.join(examples, 'broken', 'broken.nn')];

test('after random edits of every example (inserted, deleted and retyped characters and lines), the kept checks give what a whole check gives', () => {
  const random = prng(19);
  const pick = (n: number) => Math.floor(random() * n);
  const typed = ['x', '1', ' ', '\n', '}', '{', 'network a {', 'dense 3 relu', '#', '(', ')', ':'];
  for (const file of files) {
    let text = readFileSync(file, 'utf8');
    const checks = new NetworkChecks();
    sameAsWhole(checks, text, file, `${file} as it is`);
    for (let i = 0; i < 60; i++) {
      const at = pick(text.length + 1);
      const cut = random() < 0.4 ? pick(12) : 0;
      const insert = random() < 0.7 ? typed[pick(typed.length)] : '';
      text = text.slice(0, at) + insert + text.slice(at + cut);
      sameAsWhole(checks, text, file, `${file} after edit ${i} (at ${at}, cut ${cut}, ${JSON.stringify(insert)})`);
    }
  }
});

const three = (second: string, first = 'a', third = 'c') => [
  `network ${first} {`, '  input 2', '  dense 4 tanh', '  dense 1 sigmoid', '  train {', '    data flower(m: 400)', '  }', '}', '',
  'network b {', '  input 2', `  ${second}`, '  dense 1 sigmoid', '}', '',
  `network ${third} {`, '  input 3', '  dense 2 relu', '  dense 1 sigmoid', '}', '',
].join('\n');

test('a keystroke in one network checks that network again and keeps the others\' checks', () => {
  const checks = new NetworkChecks();
  const file = path.join(examples, 'three.nn');
  const before = sameAsWhole(checks, three('dense 4 tanh'), file, 'before');
  const after = sameAsWhole(checks, three('dense 5 tanh'), file, 'after');
  assert.equal(after.networks[0], before.networks[0], 'network a is kept');
  assert.notEqual(after.networks[1], before.networks[1], 'network b is checked again');
  assert.equal(after.networks[1].layers[0].units, 5);
  assert.equal(after.networks[2], before.networks[2], 'network c is kept');
  // a line added above shifts c's positions: it is checked again, a kept network never moves
  const shifted = sameAsWhole(checks, three('dense 5 tanh\n'), file, 'a line more');
  assert.equal(shifted.networks[0], after.networks[0]);
  assert.notEqual(shifted.networks[2], after.networks[2]);
});

test('a name used twice (NN214) is found whichever network is edited', () => {
  const checks = new NetworkChecks();
  const file = path.join(examples, 'three.nn');
  sameAsWhole(checks, three('dense 4 tanh'), file, 'unique names');
  const twice = sameAsWhole(checks, three('dense 4 tanh', 'a', 'a'), file, 'c renamed a');
  assert.deepEqual(twice.diagnostics.map((d) => d.code), ['NN214']);
  const unique = sameAsWhole(checks, three('dense 4 tanh', 'a', 'd'), file, 'renamed again');
  assert.deepEqual(unique.diagnostics, []);
});

test('with CRLF and CR line breaks, networks are found on the lines the lexer reads, and kept', () => {
  for (const eol of ['\r\n', '\r']) {
    const checks = new NetworkChecks();
    const file = path.join(examples, 'three.nn');
    const before = sameAsWhole(checks, three('dense 4 tanh').replace(/\n/g, eol), file, `${JSON.stringify(eol)}: before`);
    const after = sameAsWhole(checks, three('dense 5 tanh').replace(/\n/g, eol), file, `${JSON.stringify(eol)}: after`);
    assert.equal(after.networks[0], before.networks[0], 'network a is kept');
    assert.equal(after.networks[1].layers[0].units, 5);
  }
});

/** Two networks using one block whose body line is `line`. */
const usingBlock = (line: string) => [
  'block wide(n) {', `  ${line}`, '}', '',
  'network a {', '  input 2', '  wide(4)', '  dense 1 sigmoid', '}', '',
  'network b {', '  input 3', '  wide(2)', '  dense 1 sigmoid', '}', '',
].join('\n');

test('an edit inside a block definition checks every network using it again; the definition\'s own mistakes are reported once', () => {
  const checks = new NetworkChecks();
  const file = path.join(examples, 'blocks.nn');
  const before = sameAsWhole(checks, usingBlock('dense n relu'), file, 'a block of dense n relu');
  assert.ok(before.networks.every((n) => n.spec));
  // a syntax error in the block: neither network can be trained (the kept checks knew nothing of it)
  const broken = sameAsWhole(checks, usingBlock('dense relu'), file, 'dense without its count');
  assert.ok(broken.networks.every((n) => !n.spec));
  // `input` inside a block is the definition's mistake (NN247): once, not once per network
  const misplaced = sameAsWhole(checks, usingBlock('input 3'), file, 'input inside the block');
  assert.deepEqual(misplaced.diagnostics.filter((d) => d.code === 'NN247').map((d) => d.range.start.line), [2]);
  // a network edited alone keeps the definition's diagnostic once
  const edited = sameAsWhole(checks, usingBlock('input 3').replace('wide(2)', 'wide(3)'), file, 'network b edited');
  assert.deepEqual(edited.diagnostics.filter((d) => d.code === 'NN247').map((d) => d.range.start.line), [2]);
  const fixed = sameAsWhole(checks, usingBlock('dense n tanh'), file, 'fixed');
  assert.equal(fixed.networks[0].layers[0].activation.name, 'tanh');
});
