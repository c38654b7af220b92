// Quick fixes: applying the preferred fix removes the diagnostic it came with.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Position, TextEdit } from '../../../core/language';
import { analyzeWith } from './helpers';

function offset(text: string, p: Position): number {
  const lines = text.split('\n');
  return lines.slice(0, p.line - 1).reduce((sum, l) => sum + l.length + 1, 0) + p.column - 1;
}

function apply(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offset(text, b.range.start) - offset(text, a.range.start));
  return sorted.reduce((t, e) => t.slice(0, offset(t, e.range.start)) + e.newText + t.slice(offset(t, e.range.end)), text);
}

const body = (lines: string[]) => ['network n {', ...lines.map((l) => `  ${l}`), '}', ''].join('\n');
const cases: Record<string, string> = {
  NN301: body(['input 2', 'dense 4 tanh', 'dense 1 sigmoid  W: (1, 3)']),
  NN302: body(['input 2', 'dense 1 sigmoid  Z: (1, 300)', 'train {', '  data flower(m: 400)', '}']),
  NN202: body(['input 2', 'dense 1 sigmiod']),
  NN205: body(['input 2', 'dense 1 sigmoid', 'train {', '  data moonz(m: 40)', '}']),
  NN210: body(['dense 4 tanh', 'dense 1 sigmoid', 'train {', '  data flower(m: 40)', '}']),
  NN209: body(['input 2', 'dense 1 sigmoid', 'train {', '  optimizer momentun(beta: 0.95)', '}']),
  NN207: body(['input 2', 'dense 1 sigmoid', 'train {', '  optimizer adam(epsilom: 1e-7)', '}']),
  NN217: body(['input 2', 'dense 1 softmax']),
  NN218: body(['input 2', 'dense 3 softmax', 'loss cross_entropy']),
  NN222: body(['input 2', 'dense 1 sigmoid', 'train {', '  decay inverze(rate: 1)', '}']),
  NN417: body(['input 2', 'dense 4 tanh  W: (4, 2)', 'dense 1 sigmoid  keep_prob: 0.5  W: (1, 4)']),
  NN505: body(['input 3', 'dense 1 sigmoid', 'train {', '  data flower(m: 40)', '}']),
  NN601: body(['input 2', 'dense 4 tanh', 'dense 1 sigmoid', 'train {', '  data flower(m: 40)', '  init zeros', '}']),
  NN602: body(['input 2', 'dense 4 sigmoid', 'dense 1 sigmoid']),
  NN603: body(['input 2', 'dense 4 tanh', 'dense 1 sigmoid', 'train {', '  data flower(m: 40)', '  init random(5)', '}']),
  // spec §8
  NN223: body(['input (28, 28, 1)', 'conv2d 6 relu f: 5 keep_prob: 0.8', 'flatten', 'dense 1 sigmoid']),
  NN225: body(['input (28, 28)', 'flatten', 'dense 1 sigmoid']),
  NN226: body(['input (28, 28, 1)', 'conv2d 6 relu', 'flatten', 'dense 1 sigmoid']),
  NN306: body(['input (28, 28, 1)', 'conv2d 6 relu f: 4 pad: same', 'flatten', 'dense 1 sigmoid']),
  NN307: body(['input (28, 28, 1)', 'conv2d 6 relu f: 5', 'max_pool f: 2', 'dense 10 softmax']),
  NN310: body(['input (28, 28, 1)', 'flatten  A: (784, m)  Z: (784, m)', 'dense 1 sigmoid']),
  'NN301 (4-tuple)': body(['input (28, 28, 1)', 'conv2d 6 relu f: 5  W: (5, 5, 3, 6)', 'flatten', 'dense 1 sigmoid']),
  'NN302 (4-tuple)': body(['input (2, 1, 1)', 'conv2d 1 relu f: 1  Z: (300, 2, 1, 1)', 'flatten', 'dense 1 sigmoid', 'train {', '  data flower(m: 400)', '}']),
  'NN306 (stride)': body(['input (29, 29, 1)', 'conv2d 6 relu f: 5 stride: 2 pad: same', 'flatten', 'dense 1 sigmoid']),
  // spec §14–15 (issues 21–22)
  NN228: body(['input sequence(steps: 5, features: 3)', 'rnn 8 sigmoid return: last', 'dense 1 sigmoid']),
  NN331: body(['input sequence(steps: 5, features: 8)', 'self_attention heads: 2 causal', 'global_avg_pool', 'dense 1 sigmoid']),
  'NN331 (flag first)': body(['input sequence(steps: 5, features: 8)', 'self_attention causal heads: 2', 'lstm 4 return: last', 'dense 1 sigmoid']),
  'NN307 (sequence)': body(['input sequence(steps: 5, features: 3)', 'dense 4 relu norm: batch', 'dense 1 sigmoid']),
  'NN307 (tokens)': body(['input tokens(steps: 5, vocab: 10)', 'dense 4 relu', 'dense 10 softmax']),
  'NN309 (sequence)': body(['input sequence(steps: 5, features: 3)', 'flatten', 'dense 1 sigmoid']),
  NN330: body(['input sequence(steps: 5, features: 8)', 'self_attention heads: 3', 'dense 1 sigmoid']),
};

for (const [name, text] of Object.entries(cases)) {
  const code = name.split(' ')[0];
  test(`the preferred fix of ${name} makes the file check clean`, () => {
    const d = analyzeWith(text).diagnostics.find((x) => x.code === code);
    assert.ok(d, `no ${code}`);
    const fix = d.fixes?.find((f) => f.preferred);
    assert.ok(fix, `${code} has no preferred fix`);
    const fixed = apply(text, fix.edits);
    assert.deepEqual(analyzeWith(fixed).diagnostics.map((x) => `${x.code} ${x.message}`), [], fixed);
  });
}

test('init zeros offers both he and xavier', () => {
  const d = analyzeWith(cases.NN601).diagnostics.find((x) => x.code === 'NN601')!;
  assert.deepEqual(d.fixes?.map((f) => f.edits[0].newText), ['he', 'xavier']);
});

test('missing input is inserted with the generator\'s feature count, on its own line', () => {
  const d = analyzeWith(cases.NN210).diagnostics.find((x) => x.code === 'NN210')!;
  assert.equal(apply(cases.NN210, d.fixes![0].edits).split('\n')[1], '  input 2');
});

test('the flatten fix goes on a line of its own above the dense line, indented like it', () => {
  const d = analyzeWith(cases.NN307).diagnostics.find((x) => x.code === 'NN307')!;
  assert.deepEqual(apply(cases.NN307, d.fixes![0].edits).split('\n').slice(3, 6), ['  max_pool f: 2', '  flatten', '  dense 10 softmax']);
});
