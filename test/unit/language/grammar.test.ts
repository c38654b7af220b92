// The TextMate grammar knows every name the catalogue does, so a new setting or optimizer is
// highlighted like the others (its patterns are plain regular expressions that JavaScript reads too).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DECAY_NAMES, LAYER_OPTION_NAMES, OPTIMIZER_NAMES, SETTING_NAMES } from '../../../core/language/catalog';
import { ROOT } from './helpers';

const grammar = JSON.parse(readFileSync(path.join(ROOT, 'extension', 'syntaxes', 'nn.tmLanguage.json'), 'utf8'));
const pattern = (rule: string) => new RegExp(grammar.repository[rule].match);

test('every setting, optimizer, decay schedule and layer option has its scope', () => {
  for (const name of SETTING_NAMES) assert.match(`    ${name} 1`, pattern('setting'), name);
  for (const name of [...OPTIMIZER_NAMES, ...DECAY_NAMES]) assert.match(name, pattern('optimizer'), name);
  for (const name of LAYER_OPTION_NAMES) assert.match(`dense 4 tanh  ${name}: 0.8`, pattern('layer-option'), name);
  assert.doesNotMatch('adamant', pattern('optimizer'), 'whole words only');
  for (const rule of ['optimizer', 'layer-option']) {
    assert.ok(grammar.repository.statement.patterns.some((p: { include: string }) => p.include === `#${rule}`), rule);
  }
});
