// `rnn`'s exports proven in the real tools (spec §10): the PyTorch script (nn.RNN, batch-first,
// bias_hh held at 0) trains to the engine's costs and final weights at 1e-9 in float64 on one
// thread; the ONNX model (the RNN equations unrolled) passes onnx.checker and gives the engine's
// predictions in onnxruntime (float64 1e-12, float32 1e-5). Networks are built by hand over CSV data
// in §14's row layout (x time-major, then the label).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import * as ort from 'onnxruntime-web';
import { loadData, train } from '../../../core/engine';
import { Trainer } from '../../../core/engine/trainer';
import type { NetworkSpec } from '../../../core/foundation/model';
import { exportPytorch } from '../../../core/services/export';
import { onnxModel } from '../../../core/services/export/onnx';
import { pythonWith } from './python';
import { rnnLayer, rnnNetwork, sequenceData } from './sequenceNets';

const CASES: Array<[string, NetworkSpec]> = [
  ['many-to-one', rnnNetwork({ T: 5, n: 2 }, [rnnLayer(3, { returns: 'last' })])],
  ['bidirectional, last, relu', rnnNetwork({ T: 4, n: 3 }, [rnnLayer(3, { returns: 'last', bidirectional: true, activation: { name: 'relu' } })])],
  ['tokens, bidirectional sequence into last', rnnNetwork({ T: 4, V: 5 }, [rnnLayer(3, { bidirectional: true }), rnnLayer(2, { returns: 'last' })], 'cross_entropy')],
];

/** The case with its examples written to a CSV in a fresh folder, as its `data`. */
function withCsv(spec: NetworkSpec, m = 12): { spec: NetworkSpec; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nn-rnn-'));
  const { X, Y } = sequenceData(spec, m);
  const rows = Array.from({ length: m }, (_, j) => [...Array.from({ length: X.rows }, (_, f) => X.data[f * m + j]), Y.data[j]].join(','));
  writeFileSync(join(dir, 'seq.csv'), `${rows.join('\n')}\n`);
  return { spec: { ...spec, train: { ...spec.train, iterations: 6, logEvery: 1, data: { kind: 'csv', path: join(dir, 'seq.csv') } } }, dir };
}

for (const [name, base] of CASES) {
  test(`PyTorch nn.RNN trains to the engine's costs and weights (1e-9, float64): ${name}`, () => {
    const { spec, dir } = withCsv(base);
    const expected = train(spec, loadData(spec));
    for (const file of exportPytorch(spec, join(dir, 'seq.py'), join(dir, 'seq.nn'))) writeFileSync(file.path, file.content);
    const script = readFileSync(join(dir, 'seq.py'), 'utf8');
    assert.match(script, /hidden_bias_off\(nn\.RNN\(/);
    const r = spawnSync(pythonWith('torch'), [join(dir, 'seq.py'), '--save-weights', join(dir, 'out.json')],
      { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, OMP_NUM_THREADS: '1' } });
    assert.equal(r.status, 0, r.stderr);
    const costs: [number, number][] = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))).costs;
    assert.deepEqual(costs.map(([i]) => i), expected.costs.map(([i]) => i));
    costs.forEach(([i, J], k) => assert.ok(Math.abs(J - expected.costs[k][1]) <= 1e-9 * Math.abs(expected.costs[k][1]), `iteration ${i}: ${J} vs ${expected.costs[k][1]}`));
    const weights: Record<string, number[][]> = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    assert.deepEqual(Object.keys(weights), Object.keys(expected.weights));
    for (const [key, want] of Object.entries(expected.weights)) {
      const got = weights[key].flat();
      const scale = Math.max(1, ...Array.from(want, Math.abs));
      got.forEach((x, q) => assert.ok(Math.abs(x - want[q]) <= 1e-9 * scale, `${key}[${q}]: ${x} vs ${want[q]}`));
    }
  });

  test(`the ONNX model passes onnx.checker and equals the engine in onnxruntime: ${name}`, async () => {
    const { spec, dir } = withCsv(base);
    const data = loadData(spec).train;
    const trainer = new Trainer(spec, data);
    trainer.step(spec.train.iterations);
    const A = trainer.predict(data.X).data.slice(0, data.m);
    const weights = trainer.weights();
    trainer.dispose();
    const rows = new Float64Array(data.m * data.X.rows);
    for (let j = 0; j < data.m; j++) for (let f = 0; f < data.X.rows; f++) rows[j * data.X.rows + f] = data.X.data[f * data.m + j];
    for (const float64 of [true, false]) {
      const model = onnxModel(spec, weights, { float64 });
      writeFileSync(join(dir, 'seq.onnx'), model);
      const check = spawnSync(pythonWith('onnx'), ['-c', 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', join(dir, 'seq.onnx')], { encoding: 'utf8' });
      assert.equal(check.status, 0, check.stderr);
      const session = await ort.InferenceSession.create(model);
      // the model's X is batch-first (m, T, n) for a sequence input, (m, T) ids for tokens: the same entries
      const dims = spec.sequence ? [data.m, spec.sequence.T, spec.sequence.n] : [data.m, data.X.rows];
      const X = float64 ? new ort.Tensor('float64', rows, dims) : new ort.Tensor('float32', Float32Array.from(rows), dims);
      const out = await session.run({ X });
      const got = out.A.data as Float64Array | Float32Array;
      const tolerance = float64 ? 1e-12 : 1e-5;
      for (let j = 0; j < data.m; j++) assert.ok(Math.abs(got[j] - A[j]) <= tolerance, `example ${j} (${float64 ? 'float64' : 'float32'}): ${got[j]} vs ${A[j]}`);
    }
  });
}
