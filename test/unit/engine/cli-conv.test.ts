// `nn train` and `nn gradcheck` on a conv network written in a .nn file (spec §8): trained from a
// weights file with 4-D W1, (1, 1, 1, n_C) b1 and keys W1, b1, W4, b4, every recorded cost and the
// saved weights follow the loops of §8 (convNet.ts) to 1e-10; the gradient check is fine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as gradcheck } from '../../../core/adapters/cli/gradcheck';
import { run as train } from '../../../core/adapters/cli/train';
import { convSpec, dataset, reference } from './convNet';
import { captured } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'nn-conv-'));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(b));

/** A nested array of `shape` from row-major data. */
function nested(data: ArrayLike<number>, shape: number[], offset = 0): unknown {
  if (shape.length === 1) return Array.from({ length: shape[0] }, (_, i) => data[offset + i]);
  const stride = shape.slice(1).reduce((p, d) => p * d, 1);
  return Array.from({ length: shape[0] }, (_, i) => nested(data, shape.slice(1), offset + i * stride));
}

for (const pool of ['max_pool', 'avg_pool'] as const) {
  test(`nn train on conv2d → ${pool} → flatten → dense from a weights file follows the loops of §8`, async () => {
    const g = pool === 'max_pool' ? 'relu' : 'tanh';
    const spec = convSpec(pool, g, {}, 1);
    const { X, Y, m } = dataset(spec, 9, pool === 'max_pool' ? 1 : 2);
    const csv = Array.from({ length: m }, (_, j) => [...Array.from({ length: 36 }, (_, q) => X.data[q * m + j]), [0, 1, 2].find((r) => Y.data[r * m + j] === 1)].join(','));
    const u = (k: number) => Float64Array.from({ length: k }, (_, p) => Math.sin(7 * p + k) / 2);
    let [W1, b1, W4, b4] = [u(27), u(3), u(81), u(3)];
    const weights = { W1: nested(W1, [3, 3, 1, 3]), b1: nested(b1, [1, 1, 1, 3]), W4: nested(W4, [3, 27]), b4: nested(b4, [3, 1]) };
    writeFileSync(join(dir, `${pool}.csv`), `${csv.join('\n')}\n`);
    writeFileSync(join(dir, `${pool}.json`), JSON.stringify(weights));
    writeFileSync(join(dir, `${pool}.nn`), [
      'network tiny {', '  input (6, 6, 1)', `  conv2d 3 ${g} f: 3 pad: 1`, `  ${pool} f: 2`, '  flatten', '  dense 3 softmax',
      '  train {', `    data "${pool}.csv"`, `    weights "${pool}.json"`, '    learning_rate 0.2', '    iterations 12', '    log_every 3', '  }', '}', '',
    ].join('\n'));
    const saved = join(dir, `${pool}-out.json`);
    const r = await captured(train, [join(dir, `${pool}.nn`), '--json', '--save-weights', saved]);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    const costs: Array<[number, number]> = [];
    for (let i = 0; i < 12; i++) {
      const ref = reference(spec, X, Y, W1, b1, W4, b4);
      if (i % 3 === 0 || i === 11) costs.push([i, ref.J]);
      W1 = W1.map((w, p) => w - 0.2 * ref.dW1[p]);
      b1 = b1.map((x, p) => x - 0.2 * ref.db1[p]);
      W4 = W4.map((w, p) => w - 0.2 * ref.dW4[p]);
      b4 = b4.map((x, p) => x - 0.2 * ref.db4[p]);
    }
    assert.deepEqual(json.costs.map(([i]: [number]) => i), costs.map(([i]) => i));
    json.costs.forEach(([, J]: [number, number], k: number) => assert.ok(close(J, costs[k][1]), `J ${J} vs ${costs[k][1]}`));
    const final = JSON.parse(readFileSync(saved, 'utf8'));
    assert.deepEqual(Object.keys(final), ['W1', 'b1', 'W4', 'b4']);
    const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);
    assert.equal(final.W1[0][0][0].length, 3, 'W1 is nested (3, 3, 1, 3)');
    for (const [key, want] of [['W1', W1], ['b1', b1], ['W4', W4], ['b4', b4]] as const) {
      flat(final[key]).forEach((x, p) => assert.ok(close(x, want[p]), `${key}[${p}]: ${x} vs ${want[p]}`));
    }
    const check = await captured(gradcheck, [join(dir, `${pool}.nn`), '--json']);
    assert.equal(check.code, 0, check.err);
    const result = JSON.parse(check.out);
    assert.equal(result.verdict, 'fine');
    assert.deepEqual(result.perParameter.map((p: { shape: number[] }) => p.shape), [[3, 3, 1, 3], [1, 1, 1, 3], [3, 27], [3, 1]]);
  });
}

test('nn train refuses a weights file whose conv W has the wrong shape, naming the key and the 4-tuple', async () => {
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ W1: nested(new Float64Array(18), [3, 3, 2, 1]), b1: [[[[0]]]], W4: nested(new Float64Array(9), [1, 9]), b4: [[0]] }));
  writeFileSync(join(dir, 'bad.nn'), 'network bad {\n  input (4, 4, 1)\n  conv2d 1 relu f: 3\n  max_pool f: 2 stride: 1\n  flatten\n  dense 1 sigmoid\n  train {\n    data "bad.csv"\n    weights "bad.json"\n  }\n}\n');
  writeFileSync(join(dir, 'bad.csv'), `${Array.from({ length: 16 }, () => 0.5).join(',')},1\n`);
  const r = await captured(train, [join(dir, 'bad.nn')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /W1 is \(3, 3, 2, 1\) but must be \(3, 3, 1, 1\)/);
});
