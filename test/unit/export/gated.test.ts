// The exports of lstm and gru (spec §10, §14) in the real tools, layer by layer: the ONNX expansion
// (the steps unrolled on batch-first (batch, T, n_x)) run by onnxruntime after Debian's onnx checker
// accepts it, and the PyTorch export (nn.LSTM, the runtime's CourseGRU) run by torch float64 on the
// weights written through the record's parameter paths (the runtime's write()), each equal to the
// engine's A[l]: ONNX float64 and PyTorch at 1e-12, ONNX float32 at 1e-5 — sequence and last, one
// and two directions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { jsKernels } from '../../../core/engine/kernels';
import { matrix } from '../../../core/foundation/matrix';
import { TRAIN_DEFAULTS, type LayerSpec, type NetworkSpec } from '../../../core/foundation/model';
import { kindOf, networkShapes } from '../../../core/layers';
import { parameterKey } from '../../../core/layers/engine';
import { onnxModel } from '../../../core/services/export/onnx';
import { PYTHON_PRELUDE, PYTHON_RUNTIME } from '../../../core/services/export/pytorchRuntime';
import { runRecurrent } from '../layers/recurrentRun';
import { pythonWith } from '../layers/python';
import { uniform } from '../wasm/helpers';

/** the last case reads token ids (V = n_x) instead of features: one-hot in the engine's concat, OneHot in ONNX, F.one_hot in PyTorch */
const CASES: LayerSpec[] = [
  { kind: 'lstm', units: 3 },
  { kind: 'lstm', units: 3, returns: 'last' },
  { kind: 'lstm', units: 2, bidirectional: true },
  { kind: 'lstm', units: 2, returns: 'last', bidirectional: true },
  { kind: 'gru', units: 3 },
  { kind: 'gru', units: 2, returns: 'last', bidirectional: true },
  { kind: 'lstm', units: 2, bidirectional: true },
];
const TOKENS = CASES[CASES.length - 1];

const T = 4, n_x = 3, M = 5;

function setup(layer: LayerSpec, seed: number) {
  const ids = layer === TOKENS;
  const spec: NetworkSpec = { name: 'n', inputSize: ids ? T : T * n_x, ...(ids ? { tokens: { T, V: n_x } } : { sequence: { T, n: n_x } }), layers: [layer], loss: 'mse', train: TRAIN_DEFAULTS };
  const [shapes] = networkShapes(spec);
  const engine = kindOf(layer).engine(layer, shapes.input, shapes.output);
  const r = uniform(seed);
  const width = ids ? T : T * n_x;
  const X = new Float64Array(width * M).map(() => (ids ? Math.floor(((r() + 1) / 2) * n_x) : 2 * r()));
  const theta = Object.fromEntries(engine.parameters.map((p) => [p.name, new Float64Array(p.dims[0] * p.dims[1]).map(() => r())]));
  // the engine's A[l], (rows, m) time-major, as batch-first rows: example j's (T, dirs·n_a) or (dirs·n_a)
  const { A } = runRecurrent(engine, shapes.input, jsKernels, matrix, M, X, theta);
  const rows = engine.features;
  const want = Array.from({ length: M }, (_, j) => Array.from({ length: rows }, (_, i) => A[i * M + j]));
  // X batch-first: example j's T·n_x values (or T ids), time-major
  const Xb = Array.from({ length: M }, (_, j) => Array.from({ length: width }, (_, i) => X[i * M + j]));
  const weights = Object.fromEntries(Object.entries(theta).map(([name, v]) => [parameterKey(name, 1), v]));
  return { spec, shapes, want, Xb, theta, weights, parameters: engine.parameters };
}

/** every model file written, for the onnx checker at the end (one Python process for all) */
const written: string[] = [];

function describeCase(layer: LayerSpec): string {
  return JSON.stringify(layer).replace(/"/g, '');
}

function assertRows(got: number[][], want: number[][], tolerance: number, what: string): void {
  assert.equal(got.length, want.length, `${what}: examples`);
  want.forEach((row, j) => row.forEach((w, i) => assert.ok(Math.abs(got[j][i] - w) <= tolerance * Math.max(1, Math.abs(w)), `${what}: example ${j}, entry ${i}: ${got[j][i]}, the engine's ${w}`)));
}

for (const layer of CASES) {
  test(`ONNX of ${describeCase(layer)}: onnxruntime gives the engine's A[l] (float64 1e-12, float32 1e-5)`, async () => {
    const { spec, want, Xb, weights } = setup(layer, 3);
    const dir = mkdtempSync(join(tmpdir(), 'nn-gated-'));
    for (const [float64, tolerance] of [[true, 1e-12], [false, 1e-5]] as const) {
      const model = onnxModel(spec, weights, { float64 });
      const file = join(dir, `model${float64 ? 64 : 32}.onnx`);
      writeFileSync(file, model);
      written.push(file);
      const session = await ort.InferenceSession.create(model);
      const data = float64 ? Float64Array.from(Xb.flat()) : Float32Array.from(Xb.flat());
      // the model's X is batch-first (m, T, n) for a sequence input, (m, T) ids for tokens: the same entries
      const dims = spec.sequence ? [M, spec.sequence.T, spec.sequence.n] : [M, Xb[0].length];
      const { A } = await session.run({ X: new ort.Tensor(float64 ? 'float64' : 'float32', data, dims) });
      const per = A.data.length / M;
      assertRows(Array.from({ length: M }, (_, j) => Array.from(A.data.slice(j * per, (j + 1) * per) as ArrayLike<number>, Number)), want, tolerance, float64 ? 'float64' : 'float32');
    }
  });
}

test('Debian\'s onnx checker (full_check) accepts every model written above', () => {
  assert.equal(written.length, 2 * CASES.length);
  const checked = spawnSync(pythonWith('onnx'), ['-c', 'import onnx, sys\nfor f in sys.argv[1:]: onnx.checker.check_model(onnx.load(f), full_check=True)', ...written], { encoding: 'utf8' });
  assert.equal(checked.status, 0, checked.stderr);
});

test('PyTorch: nn.LSTM and the runtime\'s CourseGRU, built and loaded as the records say, give the engine\'s A[l] in float64 (1e-12)', () => {
  const cases = CASES.map((layer, k) => {
    const { shapes, want, Xb, theta, parameters } = setup(layer, 10 + k);
    const torch = kindOf(layer).torch(layer, { layer: shapes, name: 'layer', last: false });
    return { layer, want, module: torch.module, forward: torch.forward, paths: torch.parameters, X: Xb,
      theta: Object.fromEntries(Object.entries(theta).map(([name, v]) => [name, Array.from(v)])), shapes: Object.fromEntries(parameters.map((p) => [p.name, p.shape])) };
  });
  const script = `${PYTHON_PRELUDE}\n${PYTHON_RUNTIME}\n
torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
out = []
for case in json.load(sys.stdin):
    holder = nn.Module()
    holder.layer = eval(case["module"])
    for name, path in case["paths"].items():
        write(holder, "layer." + path, case["theta"][name], case["shapes"][name])
    A = torch.tensor(case["X"])
    self = holder
    for line in case["forward"]:
        exec(line)
    out.append(A.reshape(len(A), -1).tolist())
print(json.dumps(out))
`;
  const dir = mkdtempSync(join(tmpdir(), 'nn-gated-'));
  writeFileSync(join(dir, 'layer.py'), script);
  const r = spawnSync(pythonWith('torch'), [join(dir, 'layer.py')], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout) as number[][][];
  cases.forEach((c, k) => assertRows(got[k], c.want, 1e-12, describeCase(c.layer)));
});
