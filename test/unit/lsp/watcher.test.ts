// What the server asks a client to watch for a referenced path, and which references a change concerns.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { referencesAt, watchPattern } from '../../../core/adapters/lsp/watcher';

test('a file is watched by its name in its folder; a folder (of images) with everything in it', () => {
  assert.deepEqual(watchPattern('/data/train.csv', false, true), { baseUri: 'file:///data', pattern: 'train.csv' });
  assert.deepEqual(watchPattern('/data/digits', true, true), { baseUri: 'file:///data/digits', pattern: '**' });
});

test('without relative patterns the path is a glob with its special characters taken literally', () => {
  assert.equal(watchPattern('/data/run[1]*.csv', false, false), '/data/run[[]1[]][*].csv');
  assert.equal(watchPattern('/data/digits', true, false), '/data/digits/**');
});

test('a change concerns the path itself and the folders it lies in, not a sibling with a longer name', () => {
  const referenced = new Set(['/data/digits', '/data/train.csv', '/data/digits-old']);
  assert.deepEqual(referencesAt('/data/train.csv', referenced), ['/data/train.csv']);
  assert.deepEqual(referencesAt('/data/digits/3/img.png', referenced), ['/data/digits']);
  assert.deepEqual(referencesAt('/data/digits', referenced), ['/data/digits']);
  assert.deepEqual(referencesAt('/data/train.csv.bak', referenced), []);
});
