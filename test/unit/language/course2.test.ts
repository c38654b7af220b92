// Course 2's settings (spec §9): optimizer, l2, decay and keep_prob: what they resolve to, and every
// range rule with its boundaries, each mistake one diagnostic on its own range.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, formatText, type Diagnostic } from '../../../core/language';
import type { NetworkSpec } from '../../../core/foundation/model';

/** A two-layer network with `train` lines `settings` (line 6 is the first of them) and layer lines as given. */
function net(settings: string[], hidden = 'dense 4 tanh', output = 'dense 1 sigmoid'): string {
  return ['network n {', '  input 2', `  ${hidden}`, `  ${output}`, '  train {', ...settings.map((l) => `    ${l}`), '  }', '}', ''].join('\n');
}

function run(text: string): { diagnostics: Diagnostic[]; spec?: NetworkSpec } {
  const a = analyze(text, { files: null });
  return { diagnostics: a.diagnostics, spec: a.networks[0]?.spec };
}

/** The codes reported, as `line:column code`. */
function codes(text: string): string[] {
  return run(text).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`);
}

test('optimizer names resolve with the defaults of spec §9', () => {
  assert.deepEqual(run(net(['optimizer gd'])).spec?.train.optimizer, { kind: 'gd' });
  assert.deepEqual(run(net(['optimizer momentum'])).spec?.train.optimizer, { kind: 'momentum', beta: 0.9 });
  assert.deepEqual(run(net(['optimizer rmsprop'])).spec?.train.optimizer, { kind: 'rmsprop', beta: 0.999, epsilon: 1e-8 });
  assert.deepEqual(run(net(['optimizer adam'])).spec?.train.optimizer, { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  assert.equal(run(net([])).spec?.train.optimizer, undefined, 'absent means gd');
});

test('optimizer arguments are named and override the defaults, over several lines too', () => {
  assert.deepEqual(run(net(['optimizer momentum(beta: 0.95)'])).spec?.train.optimizer, { kind: 'momentum', beta: 0.95 });
  assert.deepEqual(run(net(['optimizer adam(beta2: 0.99,', '  epsilon: 1e-7)'])).spec?.train.optimizer,
    { kind: 'adam', beta1: 0.9, beta2: 0.99, epsilon: 1e-7 });
  assert.deepEqual(run(net(['optimizer rmsprop()'])).spec?.train.optimizer, { kind: 'rmsprop', beta: 0.999, epsilon: 1e-8 });
});

test('β lies in [0, 1): 0 is fine, 1 and −0.1 are NN411 on the value', () => {
  assert.deepEqual(codes(net(['optimizer momentum(beta: 0)'])), []);
  assert.deepEqual(codes(net(['optimizer momentum(beta: 0.999999)'])), []);
  assert.deepEqual(codes(net(['optimizer momentum(beta: 1)'])), ['6:30 NN411']);
  assert.deepEqual(codes(net(['optimizer adam(beta1: -0.1)'])), ['6:27 NN411']);
  assert.deepEqual(codes(net(['optimizer adam(beta2: 1.5)'])), ['6:27 NN411']);
  const d = run(net(['optimizer rmsprop(beta: 1)'])).diagnostics[0];
  assert.match(d.message, /β \(`beta`\) of rmsprop must lie in \[0, 1\)/);
  assert.equal(d.range.end.column - d.range.start.column, 1, 'the squiggle is on the value');
});

test('ε must be > 0: NN412', () => {
  assert.deepEqual(codes(net(['optimizer adam(epsilon: 1e-12)'])), []);
  assert.deepEqual(codes(net(['optimizer adam(epsilon: 0)'])), ['6:29 NN412']);
  assert.deepEqual(codes(net(['optimizer rmsprop(epsilon: -1e-8)'])), ['6:32 NN412']);
});

test('two bad values are two diagnostics, each on its own value', () => {
  assert.deepEqual(codes(net(['optimizer adam(beta1: 1, epsilon: 0)'])), ['6:27 NN411', '6:39 NN412']);
});

test('an unknown optimizer is NN209 with a quick fix to the closest name', () => {
  const { diagnostics, spec } = run(net(['optimizer addam']));
  assert.equal(spec, undefined);
  assert.deepEqual(diagnostics.map((d) => d.code), ['NN209']);
  assert.match(diagnostics[0].message, /did you mean `adam`/);
  assert.deepEqual(diagnostics[0].fixes?.[0].edits[0].newText, 'adam');
  assert.equal(diagnostics[0].range.start.column, 15);
  assert.match(run(net(['optimizer sgd2000'])).diagnostics[0].message, /one of gd, momentum, rmsprop, adam/);
});

test('unknown, repeated and positional arguments are NN207 on the argument', () => {
  assert.deepEqual(codes(net(['optimizer adam(beta: 0.9)'])), ['6:20 NN207']);
  assert.match(run(net(['optimizer adam(beta: 0.9)'])).diagnostics[0].message, /did you mean `beta1`/);
  assert.deepEqual(codes(net(['optimizer momentum(beta: 0.9, beta: 0.8)'])), ['6:35 NN207']);
  assert.deepEqual(codes(net(['optimizer momentum(0.9)'])), ['6:24 NN207']);
  assert.match(run(net(['optimizer momentum(0.9)'])).diagnostics[0].message, /named: write e.g. `beta: 0.9`/);
  assert.deepEqual(codes(net(['optimizer gd(beta: 0.9)'])), ['6:17 NN207']);
  assert.deepEqual(codes(net(['optimizer "adam"'])), ['6:15 NN408']);
});

test('l2: λ ≥ 0, 0 is fine, a negative λ is NN413', () => {
  assert.equal(run(net(['l2 0.7'])).spec?.train.l2, 0.7);
  assert.equal(run(net(['l2 0'])).spec?.train.l2, 0);
  assert.equal(run(net([])).spec?.train.l2, undefined);
  assert.deepEqual(codes(net(['l2 -0.1'])), ['6:8 NN413']);
  assert.deepEqual(codes(net(['l2 strong'])), ['6:8 NN408']);
  assert.deepEqual(codes(net(['l2 0.1', 'l2 0.2'])), ['7:5 NN405']);
});

test('decay resolves to its kind, rate and every (every defaults to 1)', () => {
  assert.deepEqual(run(net(['decay inverse(rate: 1, every: 100)'])).spec?.train.decay, { kind: 'inverse', rate: 1, every: 100 });
  assert.deepEqual(run(net(['decay exponential(rate: 0.95)'])).spec?.train.decay, { kind: 'exponential', rate: 0.95, every: 1 });
  assert.equal(run(net([])).spec?.train.decay, undefined);
});

test('decay rate: inverse R ≥ 0, exponential 0 < R ≤ 1 (NN414); every a positive integer (NN415)', () => {
  assert.deepEqual(codes(net(['decay inverse(rate: 0, every: 1)'])), []);
  assert.deepEqual(codes(net(['decay inverse(rate: -1, every: 1)'])), ['6:25 NN414']);
  assert.deepEqual(codes(net(['decay exponential(rate: 1, every: 1)'])), []);
  assert.deepEqual(codes(net(['decay exponential(rate: 0, every: 1)'])), ['6:29 NN414']);
  assert.deepEqual(codes(net(['decay exponential(rate: 1.01)'])), ['6:29 NN414']);
  assert.deepEqual(codes(net(['decay inverse(rate: 1, every: 0)'])), ['6:35 NN415']);
  assert.deepEqual(codes(net(['decay inverse(rate: 1, every: 2.5)'])), ['6:35 NN415']);
  assert.deepEqual(codes(net(['decay inverse(rate: 1, every: 1)'])), []);
});

test('decay needs its rate; an unknown schedule is NN222 with a quick fix', () => {
  const missing = run(net(['decay inverse'])).diagnostics;
  assert.deepEqual(missing.map((d) => d.code), ['NN207']);
  assert.match(missing[0].message, /needs `rate`/);
  const unknown = run(net(['decay exponentail(rate: 0.9)'])).diagnostics;
  assert.deepEqual(unknown.map((d) => d.code), ['NN222']);
  assert.equal(unknown[0].fixes?.[0].edits[0].newText, 'exponential');
  assert.deepEqual(codes(net(['decay 0.9'])), ['6:11 NN408']);
});

test('keep_prob on a hidden layer resolves into the layer spec; 1 is fine, 0 and 1.2 are NN416', () => {
  const { spec, diagnostics } = run(net([], 'dense 4 tanh  keep_prob: 0.8'));
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(spec?.layers, [{ kind: 'dense', units: 4, activation: { name: 'tanh' }, keepProb: 0.8 }, { kind: 'dense', units: 1, activation: { name: 'sigmoid' } }]);
  assert.deepEqual(run(net([], 'dense 4 tanh  keep_prob: 1')).spec?.layers[0], { kind: 'dense', units: 4, activation: { name: 'tanh' }, keepProb: 1 });
  assert.deepEqual(codes(net([], 'dense 4 tanh  keep_prob: 0')), ['3:28 NN416']);
  assert.deepEqual(codes(net([], 'dense 4 tanh  keep_prob: 1.2')), ['3:28 NN416']);
  assert.deepEqual(codes(net([], 'dense 4 tanh  keep_prob: high')), ['3:28 NN416']);
});

test('keep_prob sits beside the shape annotations, in any order, and both are checked', () => {
  const text = net([], 'dense 4 tanh  W: (4, 2)  keep_prob: 0.5  b: (4, 1)');
  assert.deepEqual(run(text).diagnostics, []);
  assert.deepEqual(run(text).spec?.layers[0], { kind: 'dense', units: 4, activation: { name: 'tanh' }, keepProb: 0.5 });
  assert.deepEqual(codes(net([], 'dense 4 tanh  keep_prob: 0.5  W: (4, 3)')), ['3:33 NN301']);
});

test('dropout on the output layer is NN417, with a fix that removes the option', () => {
  const text = net([], 'dense 4 tanh', 'dense 1 sigmoid  keep_prob: 0.5');
  const { diagnostics } = run(text);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`), ['4:20 NN417']);
  const edit = diagnostics[0].fixes![0].edits[0];
  const lines = text.split('\n');
  const line = lines[3];
  const fixed = line.slice(0, edit.range.start.column - 1) + edit.newText + line.slice(edit.range.end.column - 1);
  assert.equal(fixed, '  dense 1 sigmoid');
});

test('unknown and repeated layer options: NN208 with "did you mean", NN303', () => {
  const typo = run(net([], 'dense 4 tanh  keep_prb: 0.5')).diagnostics;
  assert.deepEqual(typo.map((d) => d.code), ['NN208']);
  assert.match(typo[0].message, /did you mean `keep_prob`/);
  assert.deepEqual(codes(net([], 'dense 4 tanh  keep_prob: 0.5  keep_prob: 0.6')), ['3:33 NN303']);
  assert.deepEqual(codes(net([], 'dense 4 tanh  W: 4')), ['3:17 NN208']);
});

test('a course-1 file means what it meant: no new field appears in its spec', () => {
  const { spec } = run(net(['data flower(m: 400)', 'learning_rate 1.2']));
  assert.deepEqual(Object.keys(spec!.train).sort(), ['batch', 'data', 'iterations', 'learningRate', 'logEvery', 'seed']);
  assert.deepEqual(Object.keys(spec!.layers[0]).sort(), ['activation', 'kind', 'units']);
});

test('the formatter writes the new settings canonically and is idempotent', () => {
  const messy = [
    'network n {', 'input 2', 'dense 4 tanh   keep_prob :0.8', 'dense 1 sigmoid  W: (1, 4)', 'train {',
    'optimizer  adam( beta1 : 0.9 ,epsilon:1e-8 )', 'l2    0.7', 'decay exponential(rate:0.95, every: 10)', '}', '}', '',
  ].join('\n');
  const formatted = formatText(messy);
  assert.equal(formatted, [
    'network n {', '  input 2', '  dense 4 tanh     keep_prob: 0.8', '  dense 1 sigmoid  W: (1, 4)', '  train {',
    '    optimizer adam(beta1: 0.9, epsilon: 1e-8)', '    l2 0.7', '    decay exponential(rate: 0.95, every: 10)', '  }', '}', '',
  ].join('\n'));
  assert.equal(formatText(formatted), formatted);
  assert.deepEqual(run(formatted).spec, run(messy).spec);
});
