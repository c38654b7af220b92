// What the diagram's page may ask of the extension (core/services/diagram.ts): the page is a web
// page, so what it sends is checked before the extension acts on it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDiagramIntent } from '../../../core/services/diagram';

test('the diagram page\'s intents are checked: a line to show is a whole number from 1', () => {
  assert.deepEqual(checkDiagramIntent({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(checkDiagramIntent({ type: 'reveal', line: 12 }), { type: 'reveal', line: 12 });
  for (const line of [0, -1, 1.5, '3', null, Number.NaN, 2 ** 60]) {
    assert.equal(typeof checkDiagramIntent({ type: 'reveal', line }), 'string', `line ${String(line)}`);
  }
  assert.equal(checkDiagramIntent({ type: 'drawn' }), 'drawn: what was drawn must be an object');
  assert.equal(checkDiagramIntent(null), 'not an object');
  assert.equal(checkDiagramIntent({ type: 'train' }), 'unknown intent train');
});
