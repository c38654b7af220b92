// The attention examples of issue 22 (docs/attention-examples.md): examples/sequences/reverse.nn's
// two networks check clean and differ only in `causal`. Their long runs are measured by hand and
// by `npm run test:attention` (scripts/attention-accuracy.mjs), not here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { run as check } from '../../../core/adapters/cli/check';
import { analyzeFile } from '../../../core/language';
import { captured } from '../engine/helpers';

const examples = join(__dirname, '..', '..', '..', '..', 'examples');
const reverse = join(examples, 'sequences', 'reverse.nn');

test('reverse.nn checks clean: no errors, no warnings', async () => {
  const r = await captured(check, [reverse, '--json']);
  assert.equal(r.code, 0, r.out + r.err);
  assert.deepEqual(JSON.parse(r.out), []);
});

test('reverse.nn: the networks attention and causal are the same but for `causal` on self-attention', () => {
  const [attention, causal] = analyzeFile(reverse).networks.map((n) => n.spec!);
  assert.deepEqual([attention.name, causal.name], ['attention', 'causal']);
  const attentionLayer = attention.layers.findIndex((l) => l.kind === 'self_attention');
  assert.deepEqual(causal.layers[attentionLayer], { ...attention.layers[attentionLayer], causal: true });
  assert.deepEqual({ ...causal, name: 'attention', layers: attention.layers }, attention);
  assert.deepEqual(causal.layers.filter((_, i) => i !== attentionLayer), attention.layers.filter((_, i) => i !== attentionLayer));
});
