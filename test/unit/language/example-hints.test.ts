// The editor puts a layer's shapes as an inlay hint at the end of its line (core/adapters/lsp/inlayHints.ts).
// planar.nn, the example every new user opens first, had comments there saying the same thing, so
// the hint read glued to its own words (issue 24.11): its layer lines end with code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../../core/language/parser';
import { isLayer } from '../../../core/language/layerShapes';
import { ROOT } from './helpers';

test('examples/planar.nn: no layer line ends in a comment, where its inlay hint goes', () => {
  const text = readFileSync(path.join(ROOT, 'examples', 'planar.nn'), 'utf8');
  const lines = text.split('\n');
  const layers = parse(text).ast.networks.flatMap((n) => n.statements.filter(isLayer));
  assert.ok(layers.length >= 2);
  const commented = layers.map((s) => lines[s.range.end.line - 1]).filter((line) => line.includes('#'));
  assert.deepEqual(commented, []);
});
