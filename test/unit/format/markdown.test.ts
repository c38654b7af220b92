import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeBrackets } from '../../../core/services/format/markdown';
import { ACTIVATION_DOCS, ANNOTATION_DOCS, INIT_DOCS, KEYWORD_DOCS, LOSS_DOCS } from '../../../core/language/catalog';

test('A[l] = g[l](Z[l]) keeps its brackets instead of becoming a link', () => {
  assert.equal(escapeBrackets('A[l] = g[l](Z[l])'), 'A\\[l\\] = g\\[l\\](Z\\[l\\])');
});

test('code spans are left as written, whatever the length of their fence', () => {
  assert.equal(escapeBrackets('`g[l](z)` and W[l]'), '`g[l](z)` and W\\[l\\]');
  assert.equal(escapeBrackets('``a ` [b]`` [c]'), '``a ` [b]`` \\[c\\]');
});

test('an unclosed backtick is literal text, so brackets after it are escaped', () => {
  assert.equal(escapeBrackets('a ` n[l]'), 'a ` n\\[l\\]');
});

test('what is already escaped is not escaped twice', () => {
  assert.equal(escapeBrackets('\\[x\\] [y]'), '\\[x\\] \\[y\\]');
});

test('no catalog text shown as Markdown keeps an unescaped link outside its code spans', () => {
  const prose = [...ACTIVATION_DOCS, ...ANNOTATION_DOCS, ...INIT_DOCS, ...KEYWORD_DOCS, ...LOSS_DOCS].map((d) => d.doc);
  // Outside code spans, `](` only survives escaped.
  const withoutCode = (s: string) => s.replace(/`[^`]*`/g, '');
  assert.ok(prose.some((p) => /[^\\]\]\(/.test(withoutCode(p))), 'the catalog has link-like notation (A[l] = g[l](Z[l]))');
  for (const p of prose) assert.doesNotMatch(withoutCode(escapeBrackets(p)), /[^\\]\]\(/, p);
});
