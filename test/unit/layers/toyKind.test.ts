// Issue 19 item 5: a layer kind defined in this file only, registered at run time, goes through
// the language (parse, check, hover, completion's catalogue, format) and trains, with no other
// file touched. `scale N` is a per-unit learned scale and shift: A[l] = γ[l] ⊙ A[l−1] + β[l],
// γ[l] and β[l] (n[l−1], 1), kept as W[l] and b[l].

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadData, train } from '../../../core/engine';
import { registerKind, type LayerKind, type LayerShapes } from '../../../core/layers';
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
  parameters: (_spec, input) => ({ W: [n(input), 1], b: [n(input), 1] }),
  fanIn: () => 1,
  statement: () => 'scale',
  hasZ: false,
  engine: (_spec, input) => ({
    byRows: false,
    features: n(input),
    activation: { name: 'linear' },
    keepProb: 1,
    parameters: { W: [n(input), 1], b: [n(input), 1] },
    hasZ: false,
    scratch: () => [],
    forward({ W, b, Aprev, A }) {
      for (let i = 0; i < A.rows; i++) {
        for (let j = 0; j < A.cols; j++) A.data[i * A.cols + j] = W.data[i] * Aprev.data[i * Aprev.cols + j] + b.data[i];
      }
    },
    backward({ m, W, dW, db, Aprev, dA, dAprev }, _output, _masked, lambda) {
      for (let i = 0; i < dA.rows; i++) {
        let dgamma = 0;
        let dbeta = 0;
        for (let j = 0; j < dA.cols; j++) {
          const g = dA.data[i * dA.cols + j];
          dgamma += g * Aprev.data[i * Aprev.cols + j];
          dbeta += g;
          if (dAprev) dAprev.data[i * dAprev.cols + j] = W.data[i] * g;
        }
        dW.data[i] = dgamma / m + (lambda / m) * W.data[i];
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
  onnx: () => { throw new Error('scale: no ONNX export in this test'); },
  torch: () => { throw new Error('scale: no PyTorch export in this test'); },
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
  assert.deepEqual([result.weights.W[1].rows, result.weights.W[1].cols], [4, 1]);
});
