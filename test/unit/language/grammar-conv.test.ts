// The TextMate grammar knows the conv statements of spec §8: every keyword of the catalogue, the
// window options f, stride, pad, the words same and valid, and 4-tuple annotations.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { KEYWORD_DOCS, PAD_NAMES, WINDOW_OPTION_NAMES } from '../../../core/language/catalog';
import { ROOT } from './helpers';

const grammar = JSON.parse(readFileSync(path.join(ROOT, 'extension', 'syntaxes', 'nn.tmLanguage.json'), 'utf8'));
const rule = (name: string) => grammar.repository[name];
const included = (name: string) => grammar.repository.statement.patterns.some((p: { include: string }) => p.include === `#${name}`);

test('every statement keyword of the catalogue is highlighted as a keyword', () => {
  const keyword = new RegExp(rule('keyword').match);
  for (const { name } of KEYWORD_DOCS.filter((d) => d.name !== 'network')) assert.match(`  ${name} `, keyword, name);
  assert.doesNotMatch('conv2dx', keyword, 'whole words only');
});

test('f, stride and pad are options; same and valid are their constants', () => {
  const option = new RegExp(rule('layer-option').match);
  for (const name of WINDOW_OPTION_NAMES) assert.equal(option.exec(`conv2d 6 relu ${name}: 5`)?.[1], name, name);
  assert.equal(option.exec('conv2d 6 relu f: 5')?.index, 14, 'the f of `f:`, not a letter inside a word');
  const padding = new RegExp(rule('padding').match);
  for (const name of PAD_NAMES) assert.match(`pad: ${name}`, padding, name);
  assert.doesNotMatch('samefold', padding);
  assert.ok(included('padding') && included('layer-option'));
});

test('a 4-tuple annotation opens the shape scope', () => {
  const begin = new RegExp(rule('annotation').begin);
  assert.match('conv2d 6 relu f: 5  W: (5, 5, 1, 6)', begin);
  assert.match('max_pool f: 2  A: (m, 12, 12, 6)', begin);
});
