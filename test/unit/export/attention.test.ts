// The exports of spec §15's kinds run in the real tools and equal the engine (spec §10, §16):
// positional_encoding, self_attention (causal and not) and layer_norm on a sequence. ONNX: a network
// of them exported by onnxModel and run in onnxruntime (float64), batch-first (batch, T, d) in and
// out, at 1e-9. PyTorch: each layer's module and forward() lines as the exporter writes them, inside
// the exported script's runtime (its Constant, positional_encoding and slice paths such as
// in_proj_weight[0:8]), with the engine's weights written through those paths, at 1e-9.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import type { LayerSpec, NetworkSpec } from '../../../core/foundation/model';
import { Network } from '../../../core/engine/network';
import { jsKernels } from '../../../core/engine/kernels';
import { engineLayers, kindOf, layerShapesOf, sequence } from '../../../core/layers';
import { onnxModel } from '../../../core/services/export/onnx';
import { torchLayer } from '../../../core/services/export/pytorchLayers';
import { PYTHON_PRELUDE, PYTHON_RUNTIME } from '../../../core/services/export/pytorchRuntime';
import { attentionCase } from '../layers/attentionCase';
import { runNamed } from '../layers/runNamed';
import { pythonWith } from '../layers/python';

const [d, T, m] = [8, 5, 3];
const plain = (rows: number, cols: number) => ({ rows, cols, data: new Float64Array(rows * cols) });

/** The engine's (T·d, m) as batch-first (m, T, d) row-major, and back. */
const batchFirst = (A: Float64Array): Float64Array => {
  const out = new Float64Array(A.length);
  for (let i = 0; i < m; i++) for (let t = 0; t < T; t++) for (let r = 0; r < d; r++) out[(i * T + t) * d + r] = A[(t * d + r) * m + i];
  return out;
};

function assertClose(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let p = 0; p < want.length; p++) assert.ok(Math.abs(got[p] - want[p]) <= 1e-9 * Math.max(1, Math.abs(want[p])), `${what}[${p}]: ${got[p]} vs ${want[p]}`);
}

const LAYERS: LayerSpec[] = [
  { kind: 'positional_encoding' },
  { kind: 'self_attention', heads: 2, causal: true },
  { kind: 'layer_norm' },
  { kind: 'self_attention', heads: 4 },
];

/** Each layer's parameters by name, seeded (γ around 1). */
function weightsOf(spec: NetworkSpec): Record<string, Float64Array> {
  const c = attentionCase(11, d, T, m);
  const out: Record<string, Float64Array> = {};
  for (const { l, engine } of engineLayers(spec)) {
    for (const p of engine.parameters) {
      const source = p.name === 'gamma' ? c.theta.bQ.map((x) => 1 + x) : p.name === 'beta' ? c.theta.bK : c.theta[p.name].map((x) => x * (1 + 0.1 * l));
      out[`${p.name}${l}`] = source.slice(0, p.dims[0] * p.dims[1]);
    }
  }
  return out;
}

test('the ONNX export of positional_encoding → causal self_attention → layer_norm → self_attention equals the engine in onnxruntime (float64, 1e-9)', async () => {
  const spec: NetworkSpec = { name: 'encoder', inputSize: T * d, sequence: { T, n: d }, layers: LAYERS, loss: 'mse', train: { learningRate: 0.1, iterations: 1 } as NetworkSpec['train'] };
  const weights = weightsOf(spec);
  const X = attentionCase(12, d, T, m).Aprev;
  const params = [{}, ...engineLayers(spec).map(({ l, engine }) => Object.fromEntries(engine.parameters.map((p) => [p.name, { rows: p.dims[0], cols: p.dims[1], data: weights[`${p.name}${l}`].slice() }])))];
  const network = new Network(spec, params, jsKernels);
  const A = network.predict({ rows: T * d, cols: m, data: X });
  const model = onnxModel(spec, weights, { float64: true });
  // Debian's onnx checker with shape inference accepts it (its opset 17 LayerNormalization included)
  const file = join(mkdtempSync(join(tmpdir(), 'nn-attention-')), 'encoder.onnx');
  writeFileSync(file, model);
  const checked = spawnSync(pythonWith('onnx'), ['-c', 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', file], { encoding: 'utf8' });
  assert.equal(checked.status, 0, checked.stderr);
  const session = await ort.InferenceSession.create(model);
  const out = await session.run({ X: new ort.Tensor('float64', batchFirst(X), [m, T, d]) });
  assert.deepEqual(out.A.dims, [m, T, d]);
  assertClose(out.A.data as Float64Array, batchFirst(A.data), 'A');
});

/** The Python that builds layer `spec`'s module as the exporter writes it, sets its weights through the parameter paths, and prints A[l]. */
function torchScript(spec: LayerSpec): string {
  const input = sequence(d, T);
  const output = kindOf(spec).output(spec, input).output!;
  const layer = torchLayer(layerShapesOf(2, spec, input, output), 'layer2', false);
  const engine = kindOf(spec).engine(spec, input, output);
  const paths = engine.parameters.map((p) => [p.name, `layer2.${layer.parameters?.[p.name] ?? { W: 'weight', b: 'bias' }[p.name] ?? p.name}`, p.shape]);
  return String.raw`
import json, sys
from runtime import *
torch.set_num_threads(1)
class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        ${layer.module ? `self.layer2 = ${layer.module}` : 'pass'}
    def forward(self, A):
        ${layer.forward.join('\n        ')}
        return A
model = Layer().double()
c = json.load(sys.stdin)
for name, path, shape in ${JSON.stringify(paths)}:
    to_torch(tensor(model, path), c["theta"][name], shape)
x = torch.tensor(c["X"], dtype=torch.float64).reshape(${m}, ${T}, ${d})
print(json.dumps(model(x).detach().reshape(-1).tolist()))
`;
}

for (const spec of [LAYERS[0], LAYERS[1], LAYERS[3], LAYERS[2]]) {
  test(`the PyTorch export of ${kindOf(spec).kind}${'heads' in spec ? ` heads: ${spec.heads}${spec.causal ? ' causal' : ''}` : ' on a sequence'} equals the engine (float64, 1e-9)`, () => {
    const c = attentionCase(21, d, T, m);
    const theta: Record<string, Float64Array> = { ...c.theta, gamma: c.theta.bQ.map((x) => 1 + x), beta: c.theta.bK };
    const run = runNamed(spec, sequence(d, T), jsKernels, plain, m, { Aprev: c.Aprev, theta, dA: c.dA });
    const dir = mkdtempSync(join(tmpdir(), 'nn-attention-'));
    writeFileSync(join(dir, 'runtime.py'), `${PYTHON_PRELUDE}\n${PYTHON_RUNTIME}`);
    writeFileSync(join(dir, 'layer.py'), torchScript(spec));
    const input = JSON.stringify({ X: [...batchFirst(c.Aprev)], theta: Object.fromEntries(Object.entries(theta).map(([k, v]) => [k, [...v]])) });
    const r = spawnSync(pythonWith('torch'), [join(dir, 'layer.py')], { cwd: dir, input, encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr);
    assertClose(JSON.parse(r.stdout), batchFirst(run.A), 'A[l]');
  });
}
