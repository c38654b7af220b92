// The committed TextMate grammar is the one the build generates from the registry of kinds and the
// catalogue (core/language/grammar.ts): a kind or activation added to the registry is highlighted
// once `npm run build` has run, and a hand edit of the JSON is caught here.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { grammarText } from '../../../core/language/grammar';
import { LAYER_KINDS } from '../../../core/layers';
import { ACTIVATION_LIST } from '../../../core/layers/activations';
import { ROOT } from './helpers';

const committed = readFileSync(path.join(ROOT, 'extension', 'syntaxes', 'nn.tmLanguage.json'), 'utf8');

test('the committed grammar is the generated one (run npm run build after changing the registry)', () => {
  assert.equal(committed, grammarText());
});

test('every layer kind is a keyword and every activation a function in the grammar', () => {
  const { repository } = JSON.parse(committed);
  for (const { kind } of LAYER_KINDS) assert.match(`  ${kind} 4`, new RegExp(repository.keyword.match), kind);
  for (const { name } of ACTIVATION_LIST) assert.match(`dense 4 ${name}`, new RegExp(repository.activation.match), name);
});
