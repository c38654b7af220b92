// Issue 19 item 5: a layer kind defined in this file only, registered at run time, goes through
// the language (parse, check, hover, completion, format), trains, passes the gradient check and
// exports to ONNX and PyTorch (both run and compared with the engine), with no other file touched. `scale N` is a per-unit learned scale and shift: A[l] = γ[l] ⊙ A[l−1] + β[l],
// γ[l] and β[l] (n[l−1], 1), kept as W[l] and b[l].

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import * as ort from 'onnxruntime-web';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadData, train } from '../../../core/engine';
import { gradientCheck } from '../../../core/engine/gradcheck';
import { Trainer } from '../../../core/engine/trainer';
import { registerKind, weightAndBias, type LayerKind, type LayerShapes } from '../../../core/layers';
import { join as chain } from '../../../core/layers/onnxGraph';
import { onnxModel } from '../../../core/services/export/onnx';
import { exportPytorch } from '../../../core/services/export';
import { Analyses } from '../../../core/adapters/lsp/analyses';
import { NnCompletionProvider } from '../../../core/adapters/lsp/completion';
import { defaultReach } from '../../../core/data/paths';
import { pythonWith } from './python';
import { outputRows } from '../../../core/layers/describe';
import { analyze, formatText, KEYWORD_DOCS, STATEMENT_KEYWORDS } from '../../../core/language';
import { layerHoverLines } from '../../../core/language/hoverLayer';
import { layerShapes } from '../../../core/language/layerShapes';

interface ScaleSpec {
  kind: 'scale';
}

const n = (input: { kind: string; n?: number }): number => input.n ?? 0;

const scale: LayerKind<ScaleSpec> = {
  kind: 'scale',
  syntax: 'scale',
  doc: 'A per-unit learned scale and shift: A[l] = γ[l] ⊙ A[l−1] + β[l].',
  insert: 'scale',
  form: { options: [] },
  spec: () => ({ kind: 'scale' }),
  output: (_spec, input) => (input.kind === 'vector' ? { output: input, issues: [] } : { issues: [{ kind: 'needs-vector', input }] }),
  parameters: (_spec, input) => [{ name: 'W', shape: [n(input), 1] }, { name: 'b', shape: [n(input), 1] }],
  fanIn: () => 1,
  hasZ: false,
  engine: (_spec, input) => ({
    byRows: false,
    features: n(input),
    activation: { name: 'linear' },
    keepProb: 1,
    parameters: weightAndBias([n(input), 1], [n(input), 1], { W: [n(input), 1], b: [n(input), 1] }),
    hasZ: false,
    scratch: () => [],
    forward({ W, b, Aprev, A }) {
      for (let i = 0; i < A.rows; i++) {
        for (let j = 0; j < A.cols; j++) A.data[i * A.cols + j] = W.data[i] * Aprev.data[i * Aprev.cols + j] + b.data[i];
      }
    },
    backward({ m, W, dW, db, Aprev, dA, dAprev }) {
      for (let i = 0; i < dA.rows; i++) {
        let dgamma = 0;
        let dbeta = 0;
        for (let j = 0; j < dA.cols; j++) {
          const g = dA.data[i * dA.cols + j];
          dgamma += g * Aprev.data[i * Aprev.cols + j];
          dbeta += g;
          if (dAprev) dAprev.data[i * dAprev.cols + j] = W.data[i] * g;
        }
        dW.data[i] = dgamma / m; // the network adds L2's (λ/m)·W[l]: W is regularized
        db.data[i] = dbeta / m;
      }
    },
  }),
  describe: (spec, shapes) => ({
    kind: spec.kind,
    summary: `γ ⊙ A[${shapes.l - 1}] + β`,
    rows: [{ names: ['W', 'dW'], rule: `(n[${shapes.l - 1}], 1)`, dims: [n(shapes.input), 1] }, outputRows(shapes, false)],
    derivation: [],
    params: shapes.params,
    fields: {},
  }),
  // Mul and Add broadcast γ[l], β[l] (n[l−1]) over the batch rows of A[l−1] (batch, n[l−1])
  onnx: (_spec, { layer, input, W, b }) => chain({
    nodes: [{ op: 'Mul', inputs: [input, `W${layer.l}`], output: `G${layer.l}` }],
    initializers: [{ name: `W${layer.l}`, dims: [n(layer.input)], values: W! }, { name: `b${layer.l}`, dims: [n(layer.input)], values: b! }],
  }, { nodes: [{ op: 'Add', inputs: [`G${layer.l}`, `b${layer.l}`], output: `A${layer.l}` }], initializers: [] }),
  // nn.Linear(1, n) only holds the parameters in the editor's layout: weight (n, 1) is γ, bias (n) is β
  torch: (_spec, { layer, name }) => ({
    module: `nn.Linear(1, ${n(layer.input)})`,
    forward: [`A = A * self.${name}.weight.T + self.${name}.bias`],
  }),
};

registerKind(scale);

const SOURCE = `network toy {
  input 2
  dense 4 tanh
  scale
  dense 1 sigmoid
  train {
    data flower(m: 200)
    learning_rate 0.5
    iterations 300
  }
}
`;

test('a kind registered at run time parses, checks and gets its shapes: l counts it like a built-in layer', () => {
  const { diagnostics, networks } = analyze(SOURCE);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  const spec = networks[0].spec!;
  assert.deepEqual(spec.layers.map((l) => l.kind), ['dense', 'scale', 'dense']);
  const layer = networks[0].layers[1];
  assert.equal(layer.index, 2);
  assert.deepEqual(layer.W, [4, 1]);
  assert.equal(networks[0].params, 2 * 4 + 4 + 4 + 4 + 4 + 1);
});

test('the registered kind is misplaced like a built-in one: an option it does not take is NN223', () => {
  const { diagnostics } = analyze(SOURCE.replace('  scale\n', '  scale f: 2\n'));
  assert.ok(diagnostics.some((d) => d.code === 'NN223' && d.message.includes('not of `scale` (which takes no option)')), JSON.stringify(diagnostics));
});

test('hover, completion\'s catalogue and the formatter know the registered kind', () => {
  const { networks } = analyze(SOURCE);
  const hover = layerHoverLines(layerShapes(networks[0].layers[1]) as LayerShapes, { network: 'toy' }).join('\n');
  assert.match(hover, /γ ⊙ A\[1\] \+ β/);
  assert.match(hover, /\(n\[1\], 1\)/);
  assert.ok(STATEMENT_KEYWORDS.includes('scale'));
  assert.equal(STATEMENT_KEYWORDS.indexOf('scale'), STATEMENT_KEYWORDS.indexOf('loss') - 1);
  assert.equal(KEYWORD_DOCS.find((d) => d.name === 'scale')?.syntax, 'scale');
  assert.equal(formatText(SOURCE.replace('  scale\n', '      scale   \n')), SOURCE);
});

test('a network with the registered kind trains: the cost falls', () => {
  const spec = analyze(SOURCE).networks[0].spec!;
  const result = train(spec, loadData(spec));
  assert.ok(result.finalCost < result.costs[0][1] * 0.8, `cost ${result.costs[0][1]} → ${result.finalCost}`);
  assert.equal(result.weights.W2.length, 4);
});

test('the gradient check passes on a network with the registered kind, its backward written above', () => {
  const spec = analyze(SOURCE.replace('iterations 300', 'iterations 300\n    l2 0.3')).networks[0].spec!;
  const result = gradientCheck(spec, loadData(spec).train);
  assert.equal(result.verdict, 'fine', `difference ${result.difference}`);
  const gamma = result.perParameter.find((p) => p.name === 'W' && p.l === 2)!;
  const beta = result.perParameter.find((p) => p.name === 'b' && p.l === 2)!;
  assert.ok(gamma.difference < 1e-7 && beta.difference < 1e-7, `γ ${gamma.difference}, β ${beta.difference}`);
});

test('completion through the real provider offers the registered keyword with its insert', () => {
  const text = 'network toy {\n  input 2\n  \n}\n';
  const doc = TextDocument.create('untitled:toy.nn', 'nn', 1, text);
  const provider = new NnCompletionProvider(new Analyses((f) => defaultReach(f)));
  const items = provider.provideCompletionItems(doc, { line: 2, character: 2 });
  const item = items.find((i) => i.label === 'scale');
  assert.equal(item?.insertText, 'scale', JSON.stringify(items.map((i) => i.label)));
});

/** The spec, trained weights and engine A (n[L], m) on the first examples of its data. */
function trained() {
  const spec = analyze(SOURCE).networks[0].spec!;
  const data = loadData(spec).train;
  const trainer = new Trainer(spec, data);
  trainer.step(spec.train.iterations);
  const A = trainer.predict(data.X);
  return { spec, X: data.X, A: { ...A, data: A.data.slice() }, weights: trainer.weights() };
}

test('the ONNX export of a network with the registered kind equals the engine in onnxruntime (float64, 1e-12)', async () => {
  const { spec, X, A, weights } = trained();
  const session = await ort.InferenceSession.create(onnxModel(spec, weights, { float64: true }));
  const rows = new Float64Array(X.rows * X.cols);
  for (let j = 0; j < X.cols; j++) for (let f = 0; f < X.rows; f++) rows[j * X.rows + f] = X.data[f * X.cols + j];
  const out = await session.run({ X: new ort.Tensor('float64', rows, [X.cols, X.rows]) });
  assert.deepEqual(out.A.dims, [X.cols, 1]);
  const got = out.A.data as Float64Array;
  for (let j = 0; j < X.cols; j++) assert.ok(Math.abs(got[j] - A.data[j]) <= 1e-12, `example ${j}: ${got[j]} vs ${A.data[j]}`);
});

test('the PyTorch export of a network with the registered kind trains to the engine\'s costs (1e-9 relative)', () => {
  const spec = analyze(SOURCE).networks[0].spec!;
  const expected = train(spec, loadData(spec)).costs;
  const dir = mkdtempSync(join(tmpdir(), 'nn-toy-'));
  for (const file of exportPytorch(spec, join(dir, 'toy.py'), join(dir, 'toy.nn'))) writeFileSync(file.path, file.content);
  const r = spawnSync(pythonWith('torch'), [join(dir, 'toy.py')], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  const costs: [number, number][] = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))).costs;
  assert.ok(costs.length >= 2, r.stdout);
  assert.deepEqual(costs.map(([i]) => i), expected.map(([i]) => i));
  costs.forEach(([i, J], k) => assert.ok(Math.abs(J - expected[k][1]) <= 1e-9 * Math.abs(expected[k][1]), `iteration ${i}: ${J} vs ${expected[k][1]}`));
});
