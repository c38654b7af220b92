// The attention examples of issue 22 (docs/attention-examples.md): examples/dates.nn checks clean,
// a transformer encoder from 30 date characters to 12 classes at each of 30 steps;
// examples/sequences/reverse.nn's two networks check clean and differ only in `causal`. Their long runs are measured by hand and
// by `npm run test:attention` (scripts/attention-accuracy.mjs), not here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { run as check } from '../../../core/adapters/cli/check';
import { run as shapes } from '../../../core/adapters/cli/shapes';
import { analyzeFile } from '../../../core/language';
import { captured } from '../engine/helpers';

const examples = join(__dirname, '..', '..', '..', '..', 'examples');
const dates = join(examples, 'dates.nn');
const reverse = join(examples, 'sequences', 'reverse.nn');

test('dates.nn and reverse.nn check clean: no errors, no warnings', async () => {
  const r = await captured(check, [dates, reverse, '--json']);
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

test('dates.nn: dates(m) tokens through two §15 encoder blocks to a softmax of 12 at each of the 30 steps, every shape known', async () => {
  const r = await captured(shapes, [dates, '--json']);
  assert.equal(r.code, 0, r.err);
  const { m, layers, params } = JSON.parse(r.out) as { m: number; params: number; layers: Array<{ kind: string; name?: string; A: unknown[] }> };
  assert.equal(m, 10000);
  assert.deepEqual(layers.map((l) => l.name ?? l.kind), ['embedding', 'positional_encoding', 'encoder', 'encoder', 'dense']);
  assert.deepEqual(layers.map((l) => l.A), [[32, 'm', 30], [32, 'm', 30], [32, 'm', 30], [32, 'm', 30], [12, 'm', 30]]);
  // E (32, 41), per block 4·32² + 4·32 for attention, 2·2·32 for the layer norms, the feed-forward 64·32 + 64 + 32·64 + 32; W (12, 32), b (12, 1)
  assert.equal(params, 32 * 41 + 2 * (4 * 32 * 32 + 4 * 32 + 2 * 64 + 64 * 32 + 64 + 32 * 64 + 32) + 12 * 32 + 12);
  const [network] = analyzeFile(dates).networks;
  assert.deepEqual(network.spec!.train.test, { kind: 'generator', name: 'dates', args: { m: 1000 } }, 'held out: drawn on the seed\'s test stream');
});
