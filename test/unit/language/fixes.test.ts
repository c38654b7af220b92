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
};

for (const [code, text] of Object.entries(cases)) {
  test(`the preferred fix of ${code} makes the file check clean`, () => {
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
