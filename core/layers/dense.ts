// `dense N ACT` (spec §3): Z[l] = W[l]·A[l−1] + b[l] on column vectors.

import type { DenseSpec } from '../foundation/model';
import { onnxActivation, torchActivation } from './activations';
import { outputRows } from './describe';
import { weightAndBias, type LayerEngine } from './engine';
import { activationText, type LayerKind } from './kind';
import { join } from './onnxGraph';
import { features, vector } from './shape';

export const dense: LayerKind<DenseSpec> = {
  kind: 'dense',
  output: (spec, input) => (input.kind === 'vector' ? { output: vector(spec.units), issues: [] } : { issues: [{ kind: 'needs-vector', input }] }),
  parameters: (spec, input) => (input.kind === 'vector' ? { W: [spec.units, input.n], b: [spec.units, 1] } : undefined),
  fanIn: (_spec, input) => (input.kind === 'vector' ? input.n : 0),
  statement: (spec) => `dense ${spec.units} ${activationText(spec.activation)}${spec.keepProb === undefined ? '' : `  keep_prob: ${spec.keepProb}`}`,
  engine: (spec, input) => denseEngine(spec, features(input)),
  hasZ: true,
  form: {
    count: { field: 'units', missing: 'the number of units after `dense`, e.g. `dense 4 tanh`', what: (l) => `the number of units n[${l}]` },
    activation: { missing: (units) => `an activation after \`dense ${units}\`, e.g. relu, tanh or sigmoid` },
    options: ['keep_prob'],
  },
  // keepProb only when `keep_prob` is written, so a course-1 layer's spec is what it always was
  spec: ({ count, activation, options }) => {
    const spec: DenseSpec = { kind: 'dense', units: count!, activation };
    if (options.keep_prob !== undefined) spec.keepProb = options.keep_prob;
    return spec;
  },
  insert: 'dense ${1:4} ${2|relu,tanh,leaky_relu,sigmoid,linear,softmax|}',
  syntax: 'dense N ACT [NAME: (ROWS, COLS) …] [keep_prob: P]',
  doc: 'The next layer l: n[l] = N units with activation ACT. W[l] is (n[l], n[l−1]), b[l] is (n[l], 1).',
  describe: (spec, shapes) => {
    const { l } = shapes;
    const n = features(shapes.input);
    return {
      kind: spec.kind, summary: `${spec.units} units · ${activationText(spec.activation)}`,
      rows: [
        { names: ['W', 'dW'], rule: `(n[${l}], n[${l - 1}])`, dims: [spec.units, n] },
        { names: ['b', 'db'], rule: `(n[${l}], 1)`, dims: [spec.units, 1] },
        outputRows(shapes, true),
      ],
      derivation: [],
      count: `n[${l}]·n[${l - 1}] + n[${l}] = ${spec.units}·${n} + ${spec.units}`,
      params: shapes.params,
      fields: { units: spec.units, activation: spec.activation.name },
    };
  },
  // Gemm: A[l−1] (batch, n[l−1]) · W[l]ᵀ + b[l]; W keeps the course's (n[l], n[l−1])
  onnx: (spec, { layer, input, float64, W, b }) => join({
    nodes: [{ op: 'Gemm', inputs: [input, `W${layer.l}`, `b${layer.l}`], output: `Z${layer.l}`, attributes: [{ name: 'transB', i: 1 }] }],
    initializers: [{ name: `W${layer.l}`, dims: [spec.units, features(layer.input)], values: W! }, { name: `b${layer.l}`, dims: [spec.units], values: b! }],
  }, onnxActivation(spec.activation, `Z${layer.l}`, layer.l, float64)),
  torch: (spec, { layer, name, last }) => ({
    module: `nn.Linear(${features(layer.input)}, ${spec.units})`,
    // the output layer returns Z[L]: the loss applies g[L] from Z, stably (spec §5)
    forward: last ? [`return self.${name}(A)`] : [`A = ${torchActivation(spec.activation, `self.${name}(A)`)}`],
  }),
};

/** Spec §5 and §9: the products of course 1, inverted dropout on A[l]. */
function denseEngine(spec: DenseSpec, fanIn: number): LayerEngine {
  const g = spec.activation;
  const keepProb = spec.keepProb ?? 1;
  return {
    byRows: false,
    features: spec.units,
    activation: g,
    keepProb,
    parameters: weightAndBias([spec.units, fanIn], [spec.units, 1], { W: [spec.units, fanIn], b: [spec.units, 1] }),
    hasZ: true,
    scratch: () => [],
    forward({ k, W, b, Aprev, Z, A, D, G }, drop) {
      k.mul(Z, W, Aprev);
      k.addColumn(Z, b);
      if (drop) {
        k.activate(g, Z, G);
        drop(D, keepProb);
        k.mask(A, G, D, keepProb);
      } else {
        k.activate(g, Z, A);
      }
    },
    backward({ k, m, W, dW, db, Aprev, Z, A, dZ, dA, dAprev, D, G }, output, masked) {
      if (!output) {
        if (masked) k.mask(dA, dA, D, keepProb);
        k.backward(g, Z, masked ? G : A, dA, dZ);
      }
      k.mulBT(dW, dZ, Aprev, 1 / m);
      k.sumColumns(db, dZ, 1 / m);
      if (dAprev) k.mulAT(dAprev, W, dZ);
    },
  };
}
