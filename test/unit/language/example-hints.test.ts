// The editor puts a layer's shapes as an inlay hint at the end of its line (core/adapters/lsp/inlayHints.ts).
// planar.nn, the example every new user opens first, and digits.nn had comments there saying the
// same thing, so the hint read glued to its own words (issue 24.11): every example's layer lines end
// with code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../../core/language/parser';
import { isLayer } from '../../../core/language/layerShapes';
import { ROOT } from './helpers';

/** Every `.nn` file under examples/. */
function examples(dir = path.join(ROOT, 'examples')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? examples(path.join(dir, e.name)) : e.name.endsWith('.nn') ? [path.join(dir, e.name)] : []);
}

test('no example has a layer line that ends in a comment, where its inlay hint goes', () => {
  const files = examples();
  assert.ok(files.some((f) => f.endsWith('planar.nn')) && files.some((f) => f.endsWith('digits.nn')));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const layers = parse(text).ast.networks.flatMap((n) => n.statements.filter(isLayer));
    assert.ok(layers.length >= 1, file);
    const commented = layers.map((s) => lines[s.range.end.line - 1]).filter((line) => line.includes('#'));
    assert.deepEqual(commented, [], path.relative(ROOT, file));
  }
});
