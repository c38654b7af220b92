// formatText: canonical spacing and indentation, aligned annotations and comments, idempotent,
// never changes meaning, leaves a file with a syntax error alone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, formatText } from '../../../core/language';
import { lex } from '../../../core/language/lexer';
import { prng, ROOT } from './helpers';

const dir = path.join(ROOT, 'examples');
const examples = readdirSync(dir).filter((f) => f.endsWith('.nn')).map((f) => readFileSync(path.join(dir, f), 'utf8'));

test('messy spacing becomes canonical', () => {
  const messy = [
    'network  a{input 2   # n[0]',
    '',
    '',
    '',
    '   dense 3 leaky_relu( 0.2 )W:(3,2)',
    'dense 1 sigmoid b : ( 1 , 1 )',
    '# the data',
    '  train { data flower(m:',
    ' 300,',
    ' noise: 0.1)',
    'seed 2 }}',
  ].join('\n');
  assert.equal(formatText(messy), [
    'network a {',
    '  input 2            # n[0]', // the comment keeps its column: it already stood clear of the code
    '',
    '  dense 3 leaky_relu(0.2)  W: (3, 2)',
    '  dense 1 sigmoid          b: (1, 1)',
    '  # the data',
    '  train {',
    '    data flower(m: 300, noise: 0.1)',
    '    seed 2',
    '  }',
    '}',
    '',
  ].join('\n'));
});

test('trailing comments of neighbouring lines share a column', () => {
  const text = 'network a {\n  input 2 # a\n  dense 4 tanh # b\n  dense 1 sigmoid\n}\n';
  assert.equal(formatText(text), 'network a {\n  input 2       # a\n  dense 4 tanh  # b\n  dense 1 sigmoid\n}\n');
});

test('the examples are already formatted', () => {
  for (const text of examples) assert.equal(formatText(text), text);
});

test('a file with a syntax error is returned unchanged', () => {
  const text = 'network a {\n  input  2\n  dense 4 tanh W: (4 2)\n}\n';
  assert.equal(formatText(text), text);
});

test('CRLF files keep CRLF', () => {
  assert.equal(formatText('network a {\r\n input 2\r\n dense 1 sigmoid\r\n}'), 'network a {\r\n  input 2\r\n  dense 1 sigmoid\r\n}\r\n');
});

test('on 2,000 token-shuffled examples formatting is idempotent and keeps the meaning', () => {
  const rand = prng(7);
  let formatted = 0;
  for (let n = 0; n < 2000; n++) {
    const tokens = lex(examples[n % examples.length]).tokens.filter((t) => t.kind !== 'eof');
    // Re-space the tokens at random: the file's meaning stays, its layout does not.
    const text = tokens.map((t) => (t.kind === 'newline' ? '\n' : t.text + ' '.repeat(1 + Math.floor(rand() * 3)))).join('');
    const once = formatText(text);
    assert.equal(formatText(once), once, `not idempotent on case ${n}`);
    const before = analyze(text, { path: path.join(dir, 'x.nn') });
    const after = analyze(once, { path: path.join(dir, 'x.nn') });
    assert.deepEqual(after.networks.map((x) => x.spec), before.networks.map((x) => x.spec));
    assert.deepEqual(after.diagnostics.map((d) => d.code), before.diagnostics.map((d) => d.code));
    if (once !== text) formatted++;
  }
  assert.ok(formatted > 1000);
});

test('a comment inside a multi-line ( … ) leaves the file unchanged rather than moving it', () => {
  const text = 'network a {\n  input 2\n  dense 1 sigmoid\n  train {\n    data flower(m: 40,  # few\n      noise: 0.1)\n  }\n}\n';
  assert.equal(formatText(text), text);
});

test('150,000 neighbouring lines with trailing comments are aligned without overflowing the stack', () => {
  // Their comments form one alignment group; a Math.max(...widths) over it threw a RangeError.
  const lines = 150_000;
  const out = formatText(`network a {\n${'input 2 #\n'.repeat(lines)}}\n`);
  assert.equal(out, `network a {\n${'  input 2  #\n'.repeat(lines)}}\n`);
});

test('blank lines collapse to one, also between old Mac (CR) line breaks', () => {
  assert.equal(formatText('network a {\n  input 2\n\n\n\n  dense 1 sigmoid\n\n}\n'), 'network a {\n  input 2\n\n  dense 1 sigmoid\n}\n');
  assert.equal(formatText('network a {\r  input 2\r\r\r  dense 1 sigmoid\r}\r'), 'network a {\n  input 2\n\n  dense 1 sigmoid\n}\n');
});
