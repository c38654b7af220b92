// The parser: ranges on every node, error recovery line by line, the suggestion helper.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, editDistance, suggest } from '../../../core/language';
import { parse } from '../../../core/language/parser';

test('statements keep their keyword and block ranges', () => {
  const text = 'network a {\n  input 2\n  dense 4 tanh  W: (4, 2)\n  train {\n    seed 3\n  }\n}\n';
  const { ast, diagnostics } = parse(text);
  assert.deepEqual(diagnostics, []);
  const [net] = ast.networks;
  assert.deepEqual(net.nameRange, { start: { line: 1, column: 9 }, end: { line: 1, column: 10 } });
  assert.deepEqual(net.body.range, { start: { line: 1, column: 11 }, end: { line: 7, column: 2 } });
  const [input, dense, train] = net.statements;
  assert.equal(input.kind, 'input');
  assert.deepEqual(dense.keywordRange, { start: { line: 3, column: 3 }, end: { line: 3, column: 8 } });
  assert.ok(dense.kind === 'dense');
  assert.deepEqual(dense.annotations[0].shapeRange, { start: { line: 3, column: 20 }, end: { line: 3, column: 26 } });
  assert.ok(train.kind === 'train');
  assert.deepEqual(train.body.range, { start: { line: 4, column: 9 }, end: { line: 6, column: 4 } });
  assert.equal(train.settings[0].name, 'seed');
});

test('one bad line does not hide the errors of the lines after it', () => {
  const text = [
    'network a {',
    '  input 2 @',
    '  dense 4 tanh W: (4',
    '  dense 1 sigmoidd',
    '  train {',
    '    learning_rate',
    '    iterations 0',
    '  }',
    '}',
  ].join('\n');
  const lines = analyze(text, { files: null }).diagnostics.map((d) => `${d.range.start.line} ${d.code}`);
  assert.deepEqual(lines, ['2 NN101', '3 NN104', '4 NN202', '6 NN104', '7 NN402']);
});

test('an unclosed ( ends at its line, so the next line is still a statement', () => {
  const { ast } = parse('network a {\n  input 2\n  dense 4 leaky_relu(\n  dense 1 sigmoid\n}\n');
  assert.deepEqual(ast.networks[0].statements.map((s) => s.kind), ['input', 'dense', 'dense']);
});

test('a line break inside ( ) is allowed', () => {
  const { diagnostics, networks } = analyze('network a {\n  input 2\n  dense 1 sigmoid\n  train {\n    data flower(\n      m: 10,\n      noise: 0.3)\n  }\n}\n', { files: null });
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(networks[0].spec?.train.data, { kind: 'generator', name: 'flower', args: { m: 10, noise: 0.3 } });
});

test('a missing } of train is reported at its { and the network goes on', () => {
  const { diagnostics, networks } = analyze('network a {\n  input 2\n  train {\n    seed 1\n  dense 1 sigmoid\n}\n', { files: null });
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line} ${d.code}`), ['3 NN105']);
  assert.equal(networks[0].layers.length, 1);
});

test('Damerau-Levenshtein distance counts a swap of neighbours as one edit', () => {
  assert.equal(editDistance('tnah', 'tanh'), 1);
  assert.equal(editDistance('sigmoid', 'sigmoid'), 0);
  assert.equal(editDistance('relu', 'tanh'), 4);
  assert.equal(suggest('Sigmiod', ['sigmoid', 'tanh']), 'sigmoid');
  assert.equal(suggest('banana', ['sigmoid', 'tanh']), undefined);
});

test('an unknown name carries a fix to the suggestion', () => {
  const [d] = analyze('network a {\n  input 2\n  dense 1 sigmoid\n  loss cross_entropi\n}\n', { files: null }).diagnostics;
  assert.equal(d.message, 'unknown loss `cross_entropi`; did you mean `cross_entropy`?');
  assert.deepEqual(d.fixes?.[0].edits, [{ range: { start: { line: 4, column: 8 }, end: { line: 4, column: 21 } }, newText: 'cross_entropy' }]);
});

test('an unknown activation does not hide a wrong annotation on a later layer', () => {
  const { diagnostics, networks } = analyze('network a {\n  input 2\n  dense 4 tanhh\n  dense 1 sigmoid  W: (1, 3)\n}\n', { files: null });
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line} ${d.code}`), ['3 NN202', '4 NN301']);
  assert.equal(networks[0].layers.length, 0);
});

/** `line:column-line:column CODE` for each diagnostic, to compare whole ranges at a glance. */
function where(text: string): string[] {
  return analyze(text, { files: null }).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} ${d.code}`);
}

test('`network` typed alone is one error asking for the name, not five about an empty network', () => {
  for (const text of ['network', 'network\n', 'network  # the flower net\n']) {
    const { diagnostics } = analyze(text, { files: null });
    assert.equal(diagnostics.length, 1, JSON.stringify(text));
    assert.equal(diagnostics[0].code, 'NN104');
    assert.match(diagnostics[0].message, /^expected the network's name after `network`/);
  }
  // With a name but no `{`, or a `{` but no name: still the one error of the unfinished header (and
  // the unclosed `{`), never a message about a network named ``.
  assert.deepEqual(where('network a'), ['1:10-1:10 NN104']);
  assert.deepEqual(where('network {').map((d) => d.split(' ')[1]), ['NN104', 'NN105']);
  const nameless = analyze('network {\n  dense 1 sigmoid\n}\n', { files: null }).diagnostics;
  assert.deepEqual(nameless.map((d) => d.code), ['NN104', 'NN210']);
  assert.match(nameless[1].message, /^this network has no `input`/);
});

test('a `train` without its `{` is one error on that line, not also an unclosed block ending past the line', () => {
  const body = 'network a {\n  input 2\n  dense 1 sigmoid\n  train\n    seed 1\n';
  // The network's `}` (left of `train`) and a `}` at train's indentation each leave the one error.
  assert.deepEqual(where(`${body}}\n`), ['4:8-4:8 NN104']);
  assert.deepEqual(where(`${body}  }\n}\n`), ['4:8-4:8 NN104']);
  // A statement after the settings hands the line back to the network, as with a missing `}`.
  assert.deepEqual(where(`${body}  dense 1 sigmoid\n}\n`).filter((d) => !d.endsWith('NN602')), ['4:8-4:8 NN104']);
});

test('stray words before the `{` of a network are one error, and the body is still checked', () => {
  assert.deepEqual(where('network my net {\n  input 2\n  dense 1 sigmod\n}\n'), ['1:12-1:15 NN104', '3:11-3:17 NN202']);
});

test('an unclosed ( that is handed back to the next line leaves no range reaching into that line', () => {
  const { ast, diagnostics } = analyze('network a {\n  input 2\n  dense 4 tanh(\n  dense 1 sigmoid\n}\n', { files: null });
  const dense = ast.networks[0].statements[1];
  assert.ok(dense.kind === 'dense');
  assert.deepEqual(dense.range.end, { line: 3, column: 16 });
  assert.deepEqual(dense.activation?.range.end, { line: 3, column: 16 });
  // `tanh(` has an argument list (NN207, on its line); the statement below is read on its own.
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}-${d.range.end.line} ${d.code}`), ['3-3 NN207', '4-4 NN104']);
});

test('a statement whose line opens a `{ … }` it cannot use ends where reading stopped', () => {
  const { ast } = parse('network a {\n  dense 3 tanh\n  input train {\n    seed 1\n  }\n}\n');
  const input = ast.networks[0].statements[1];
  assert.equal(input.kind, 'input');
  assert.deepEqual(input.range, { start: { line: 3, column: 3 }, end: { line: 3, column: 8 } });
});

test('a mistake in a shape written over two lines is underlined to the end of its first line; its fix replaces all of it', () => {
  const [d] = analyze('network a {\n  input 2\n  dense 1 sigmoid  W: (1,\n    3)\n}\n', { files: null }).diagnostics;
  assert.equal(d.code, 'NN301');
  assert.deepEqual(d.range, { start: { line: 3, column: 20 }, end: { line: 3, column: 26 } });
  assert.deepEqual(d.fixes?.[0].edits[0].range, { start: { line: 3, column: 23 }, end: { line: 4, column: 7 } });
});
