// Spec §14's word-valued options and flags on layer lines: `return: sequence | last` read as
// `norm: batch` is (one catalogue entry: checker, completion, hover, grammar), lone words such as
// `bidirectional` handed to the kind as options of value 1, an activation a kind may leave out, and
// the shape issues of a recurrent layer given vectors (NN311) or an embedding not after tokens (NN312),
// on the real kinds that take them (rnn, embedding).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, type Diagnostic } from '../../../core/language';
import { parse } from '../../../core/language/parser';
import type { LayerNode } from '../../../core/language/ast';
import { flagLines, optionValueLines } from '../../../core/language/explain';
import { layerSuggestions } from '../../../core/language/layerCompletion';
import { lex } from '../../../core/language/lexer';
import { ROOT } from './helpers';

function net(lines: string[]): string {
  return ['network n {', ...lines.map((l) => `  ${l}`), '}', ''].join('\n');
}

const at = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.column}-${d.range.end.column} ${d.code}`;
const diagnostics = (lines: string[]) => analyze(net(lines)).diagnostics;

test('a lone word is a flag in the tree, anywhere among the options; an activation with a default may be left out', () => {
  const { ast, diagnostics: syntax } = parse(net(['input 3', 'rnn 8 bidirectional return: last', 'rnn 4 return: last bidirectional', 'dense 1 sigmoid']));
  assert.deepEqual(syntax, []);
  const [first, second] = ast.networks[0].statements.slice(1) as LayerNode[];
  assert.equal(first.activation, undefined);
  assert.deepEqual(first.flags.map((f) => [f.name, f.range.start.column, f.range.end.column]), [['bidirectional', 9, 22]]);
  assert.deepEqual(first.options.map((o) => o.name), ['return']);
  assert.deepEqual(second.flags.map((f) => [f.name, f.range.start.column]), [['bidirectional', 22]]);
  // a written activation is still read as one
  const relu = parse(net(['input 3', 'rnn 8 relu bidirectional', 'dense 1 sigmoid'])).ast.networks[0].statements[1] as LayerNode;
  assert.equal(relu.activation?.name, 'relu');
  assert.deepEqual(relu.flags.map((f) => f.name), ['bidirectional']);
});

test('a recurrent layer given vectors is NN311 on its keyword, naming what the input gives and how to declare a sequence', () => {
  const d = diagnostics(['input 3', 'rnn 8 return: last', 'dense 1 sigmoid']);
  assert.deepEqual(d.map(at), ['3:3-6 NN311']);
  assert.equal(d[0].message, '`rnn` runs over the steps of a sequence, but the input gives vectors of 3: declare the input as a sequence, e.g. `input sequence(steps: 10, features: 3)`');
  const after = diagnostics(['input 3', 'dense 4 relu', 'rnn 8', 'dense 1 sigmoid']);
  assert.deepEqual(after.map(at), ['4:3-6 NN311']);
  assert.match(after[0].message, /but layer 1 \(`dense`\) gives vectors of 4: the steps end at a layer that gives one vector per example/);
});

test('an embedding not right after a tokens input is NN312 on its keyword', () => {
  const d = diagnostics(['input 3', 'embedding 4', 'dense 1 sigmoid']);
  assert.deepEqual(d.map(at), ['3:3-12 NN312']);
  assert.equal(d[0].message, '`embedding` looks up token ids (a column of E[l] for each), so it comes right after `input tokens(steps: T, vocab: V)`, but the input gives vectors of 3');
});

test('an unknown word after `return:` is NN419 on the word with the close one as a fix; a number or arguments too', () => {
  const d = diagnostics(['input 3', 'rnn 8 return: lats', 'dense 1 sigmoid']);
  assert.deepEqual(d.map(at), ['3:17-21 NN419']);
  assert.equal(d[0].message, 'unknown return value `lats`; did you mean `last`?');
  assert.equal(d[0].fixes?.[0].edits[0].newText, 'last');
  const number = diagnostics(['input 3', 'rnn 8 return: 1', 'dense 1 sigmoid']);
  assert.deepEqual(number.map(at), ['3:17-18 NN419']);
  assert.equal(number[0].message, 'return takes `return: sequence` or `return: last`, not 1');
  assert.deepEqual(diagnostics(['input 3', 'rnn 8 return: last(2)', 'dense 1 sigmoid']).map(at), ['3:21-24 NN419']);
  // `norm:` is read by the same code, its own noun and reason kept
  const norm = diagnostics(['input 3', 'dense 4 relu  norm: batch(0.1)', 'dense 1 sigmoid']);
  assert.equal(norm[0].message, '`norm: batch` takes no arguments: ε = 1e-5 and momentum 0.1 are fixed (spec §13)');
});

test('flags: an unknown word is NN227 with the kind\'s flags as suggestions, another kind\'s flag NN223, a repeated one NN303', () => {
  const typo = diagnostics(['input 3', 'rnn 8 bidirectonal', 'dense 1 sigmoid']);
  assert.deepEqual(typo.map(at).filter((s) => !s.endsWith('NN311')), ['3:9-21 NN227']);
  const nn227 = typo.find((d) => d.code === 'NN227')!;
  assert.equal(nn227.message, 'unknown flag `bidirectonal`; did you mean `bidirectional`?');
  assert.equal(nn227.fixes?.[0].edits[0].newText, 'bidirectional');
  const plain = diagnostics(['input 3', 'dense 4 relu  foo', 'dense 1 sigmoid']);
  assert.deepEqual(plain.map(at), ['3:17-20 NN227']);
  assert.equal(plain[0].message, 'unknown word `foo`: `dense` takes no lone words; its options are written `NAME: VALUE`');
  const other = diagnostics(['input 3', 'dense 4 relu bidirectional', 'dense 1 sigmoid']);
  assert.deepEqual(other.map(at), ['3:16-29 NN223']);
  assert.match(other[0].message, /`bidirectional` is a flag of .*`rnn`, not of `dense`/);
  assert.deepEqual(other[0].fixes?.[0].edits, [{ range: { start: { line: 3, column: 15 }, end: { line: 3, column: 29 } }, newText: '' }]);
  const twice = diagnostics(['input 3', 'rnn 8 bidirectional bidirectional', 'dense 1 sigmoid']);
  assert.deepEqual(twice.map(at).filter((s) => !s.endsWith('NN311')), ['3:23-36 NN303']);
});

test('completion offers `return:` and the kind\'s flags, the words of a word option after its `:`, and no flag twice', () => {
  const suggest = (line: string) => layerSuggestions(lex(line).tokens.filter((t) => t.kind !== 'newline' && t.kind !== 'eof'));
  const labels = (line: string) => {
    const s = suggest(line);
    return Array.isArray(s) ? s.map((x) => x.label) : s;
  };
  assert.deepEqual(labels('rnn 8 tanh '), ['return:', 'bidirectional']);
  assert.deepEqual(labels('rnn 8 tanh bidirectional '), ['return:']);
  assert.deepEqual(labels('rnn 8 tanh return:'), ['sequence', 'last']);
  assert.deepEqual(labels('dense 4 relu norm:'), ['batch']);
  assert.deepEqual(labels('conv2d 4 relu pad:'), ['same', 'valid']);
  const option = (suggest('rnn 8 tanh ') as { label: string; snippet: string }[]).find((s) => s.label === 'return:');
  assert.equal(option?.snippet, 'return: ${1|sequence,last|}');
});

test('hover explains `return: last`, `norm: batch` and `bidirectional` with their rules', () => {
  assert.deepEqual(optionValueLines('return', 'last')?.slice(0, 3), ['**return: last**', '', '`A[l] = a⟨T_x⟩: (n_a, m)`']);
  assert.equal(optionValueLines('norm', 'batch')?.[0], '**norm: batch**');
  assert.equal(optionValueLines('return', 'first'), undefined);
  assert.deepEqual(flagLines('bidirectional')?.slice(0, 3), ['**bidirectional**', '', '`A[l]⟨t⟩ = [a→⟨t⟩; a←⟨t⟩]: 2·n_a rows`']);
});

test('the grammar colours a word option\'s value after its own option only, and the flags', () => {
  const grammar = JSON.parse(readFileSync(path.join(ROOT, 'extension', 'syntaxes', 'nn.tmLanguage.json'), 'utf8'));
  const word = new RegExp(grammar.repository['word-option'].match);
  assert.equal('lstm 64 return: last'.match(word)?.[3], 'last');
  assert.equal('dense 4 relu  norm: batch'.match(word)?.[3], 'batch');
  assert.doesNotMatch('    batch 64', word);
  assert.match('lstm 64 bidirectional', new RegExp(grammar.repository.flag.match));
});
