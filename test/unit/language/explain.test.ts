// The hover text of course 2's settings (core/language/explain.ts): each shows its update rule in
// the course's symbols, and the optimizer state a layer keeps.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeBrackets } from '../../../core/services/format/markdown';
import { callParams, DECAY_NAMES, LAYER_OPTION_NAMES, OPTIMIZER_NAMES, SETTING_NAMES } from '../../../core/language/catalog';
import { decayLines, layerOptionLines, optimizerLines, optimizerState, settingLines } from '../../../core/language/explain';

const text = (lines: string[] | undefined) => (lines ?? []).join('\n');

test('each optimizer shows its update rule of spec §9 in the course\'s symbols', () => {
  assert.ok(text(optimizerLines('gd')).includes('W[l] = W[l] − α·dW[l]'));
  const momentum = text(optimizerLines('momentum'));
  assert.ok(momentum.includes('v_dW[l] = β·v_dW[l] + (1 − β)·dW[l]'), momentum);
  assert.ok(momentum.includes('W[l] = W[l] − α·v_dW[l]'), momentum);
  assert.ok(momentum.includes('| `beta` (β) | 0.9 |'), momentum);
  const rmsprop = text(optimizerLines('rmsprop'));
  assert.ok(rmsprop.includes('s_dW[l] = β·s_dW[l] + (1 − β)·dW[l]²'), rmsprop);
  assert.ok(rmsprop.includes('W[l] = W[l] − α·dW[l] / (√s_dW[l] + ε)'), rmsprop);
  const adam = text(optimizerLines('adam'));
  for (const piece of ['v_dW[l] = β₁·v_dW[l] + (1 − β₁)·dW[l]', 's_dW[l] = β₂·s_dW[l] + (1 − β₂)·dW[l]²', '1 − β₁^t', '√s_corrected + ε', '| `beta2` (β₂) | 0.999 |', '| `epsilon` (ε) | 1e-8 |']) {
    assert.ok(adam.includes(piece), `${piece} in ${adam}`);
  }
  assert.equal(optimizerLines('sgd'), undefined);
});

test('the setting hover follows the optimizer written after it; l2 and decay show theirs', () => {
  assert.ok(text(settingLines('optimizer', 'adam')).includes('1 − β₂^t'));
  assert.ok(text(settingLines('optimizer')).includes('W[l] = W[l] − α·dW[l]'), 'no value: gd, the default');
  const l2 = text(settingLines('l2'));
  assert.ok(l2.includes('J = J + (λ/(2m))·Σ_l ‖W[l]‖²_F'), l2);
  assert.ok(l2.includes('dW[l] = dW[l] + (λ/m)·W[l]'), l2);
  assert.ok(l2.includes('Default: 0.'), l2);
  assert.ok(text(settingLines('decay', 'exponential')).includes('α_i = α·R^⌊i/K⌋'));
  assert.ok(text(decayLines('inverse')).includes('α_i = α / (1 + R·⌊i/K⌋)'));
  assert.ok(text(decayLines('inverse')).includes('| `rate` (R) | required |'));
  assert.ok(text(settingLines('learning_rate')).includes('α in W := W − α·dW'), 'course-1 settings are unchanged');
});

test('keep_prob shows inverted dropout with D[l]', () => {
  const t = text(layerOptionLines('keep_prob'));
  assert.ok(t.includes('A[l] = A[l] ⊙ D[l] / keep_prob'), t);
  assert.ok(t.includes('dA[l] = dA[l] ⊙ D[l] / keep_prob'), t);
});

test('the optimizer state of a layer: none for gd, v for momentum, s for rmsprop, both for adam', () => {
  assert.deepEqual(optimizerState(undefined, 'W', 1), []);
  assert.deepEqual(optimizerState({ kind: 'gd' }, 'W', 1), []);
  assert.deepEqual(optimizerState({ kind: 'momentum', beta: 0.9 }, 'W', 2), ['v_dW[2]']);
  assert.deepEqual(optimizerState({ kind: 'rmsprop', beta: 0.9, epsilon: 1e-8 }, 'b', 1), ['s_db[1]']);
  assert.deepEqual(optimizerState({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, 'b', 3), ['v_db[3]', 's_db[3]']);
});

test('rules stay readable Markdown: brackets outside code spans are escaped, code spans kept', () => {
  for (const line of optimizerLines('adam')!) {
    const escaped = escapeBrackets(line);
    if (line.startsWith('`')) assert.equal(escaped, line);
    else assert.doesNotMatch(escaped, /(?<!\\)\[l\]/);
  }
});

test('completion\'s catalogue: the new settings, and the named arguments of each call by setting', () => {
  for (const name of ['optimizer', 'l2', 'decay']) assert.ok(SETTING_NAMES.includes(name), name);
  assert.deepEqual(OPTIMIZER_NAMES, ['gd', 'momentum', 'rmsprop', 'adam']);
  assert.deepEqual(DECAY_NAMES, ['inverse', 'exponential']);
  assert.deepEqual(LAYER_OPTION_NAMES, ['keep_prob', 'norm', 'return']);
  const names = (setting: string, callee: string) => callParams(setting, callee)?.map((p) => `${p.name}=${p.default}`);
  assert.deepEqual(names('optimizer', 'adam'), ['beta1=0.9', 'beta2=0.999', 'epsilon=1e-8']);
  assert.deepEqual(names('optimizer', 'momentum'), ['beta=0.9']);
  assert.deepEqual(names('optimizer', 'gd'), []);
  assert.deepEqual(names('decay', 'exponential'), ['rate=undefined', 'every=1']);
  assert.deepEqual(names('data', 'flower'), ['m=400', 'noise=0.2']);
  assert.equal(callParams('optimizer', 'flower'), undefined, 'a generator is no optimizer');
  assert.equal(callParams('init', 'random'), undefined);
});
