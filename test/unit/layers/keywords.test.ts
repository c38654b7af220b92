// Issue 19's bar: every layer and activation keyword is a string literal in at most 3 source files
// of core/, extension/ and webview/ (its own module, the generated grammar), tests and docs aside,
// so a new kind is one module and not a dozen edits. The files are read with TypeScript's own
// parser: a keyword in a comment or inside a longer string does not count; in the grammar (JSON)
// any whole-word occurrence does. A literal given to a property named `type` is not the language's
// word but a library's: the charts' `type: 'linear'` is Chart.js's linear scale, not the linear
// activation (the language's records name their keyword `kind` or `name`, never `type`).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { LAYER_KINDS } from '../../../core/layers';
import { ACTIVATION_LIST } from '../../../core/layers/activations';
import { ROOT } from '../language/helpers';

const BAR = 3;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return /\.(ts|mjs|json)$/.test(e.name) ? [p] : [];
  });
}

/** Whether `node` is the value given to a property named `type` (`type: 'linear'`, `axis.type = log ? … : 'linear'`). */
function typeValue(node: ts.Node): boolean {
  let value = node;
  while (ts.isConditionalExpression(value.parent) || ts.isParenthesizedExpression(value.parent)) value = value.parent;
  const at = value.parent;
  const named = (name: ts.Node) => (ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === 'type';
  if (ts.isPropertyAssignment(at)) return at.initializer === value && named(at.name);
  return ts.isBinaryExpression(at) && at.operatorToken.kind === ts.SyntaxKind.EqualsToken && at.right === value
    && ts.isPropertyAccessExpression(at.left) && named(at.left.name);
}

/** The string literals of a TypeScript or JavaScript file (types such as `kind: 'dense'` included, a `type` property's value not). */
function literals(file: string, text: string): Set<string> {
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && !typeValue(node)) out.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return out;
}

/** For each keyword, the files (relative to the repository) where it is a string literal. */
function spread(keywords: readonly string[]): Map<string, string[]> {
  const found = new Map(keywords.map((k) => [k, [] as string[]]));
  for (const file of ['core', 'extension', 'webview'].flatMap((d) => sources(path.join(ROOT, d)))) {
    const text = readFileSync(file, 'utf8');
    const has = file.endsWith('.json')
      ? (k: string) => new RegExp(`\\b${k}\\b`).test(text)
      : ((set) => (k: string) => set.has(k))(literals(file, text));
    for (const k of keywords) if (has(k)) found.get(k)!.push(path.relative(ROOT, file));
  }
  return found;
}

test('every layer and activation keyword is a string literal in at most 3 source files', () => {
  const keywords = [...LAYER_KINDS.map((k) => k.kind), ...ACTIVATION_LIST.map((g) => g.name)];
  for (const [keyword, files] of spread(keywords)) {
    assert.ok(files.length <= BAR, `${keyword} is a string literal in ${files.length} files (at most ${BAR}): ${files.join(', ')}`);
  }
});

test('the count sees literals in type positions and templates, not comments, longer strings or a `type` property', () => {
  const text = "// dense\ntype T = { kind: 'dense' };\nconst a = `conv2d`;\nconst b = 'dense 4';\n" +
    "const scale = { type: 'linear', x: 'relu' };\nscale.type = log ? 'logarithmic' : ('tanh');\n";
  assert.deepEqual([...literals('x.ts', text)].sort(), ['conv2d', 'dense', 'dense 4', 'relu']);
});
