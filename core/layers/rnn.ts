// `rnn N_a [tanh | relu]` (spec §14): the basic RNN cell of course 5, week 1,
// a⟨t⟩ = g(Waa·a⟨t−1⟩ + Wax·x⟨t⟩ + ba), a⟨0⟩ = 0, run over the steps by the shared time loop
// (recurrent.ts) with `return: sequence | last` and `bidirectional`.

import type { Activation } from '../foundation/model';
import { ACTIVATION_KINDS } from './activations';
import { trainedParameters, type ParameterSpec } from './engine';
import type { LayerKind } from './kind';
import { int64, type LayerContext, type LayerGraph, type OnnxInitializer, type OnnxNode } from './onnxGraph';
import { directions, inputGradient, inputProduct, recurrentDescription, recurrentEngine, recurrentOutput, recurrentParameters, recurrentSpec, REVERSE, HIDDEN_STATE, stepFeatures, steps, torchSequenceInput, torchSequenceOutput, type Cell, type RecurrentSpec } from './recurrent';
import { onnxActivation } from './activations';
import type { TorchContext, TorchLayer } from './torchCode';

/** The activations `rnn` takes: tanh (the default, as the course's) and relu. */
export const RNN_ACTIVATIONS = [ACTIVATION_KINDS.tanh.name, ACTIVATION_KINDS.relu.name] as const;

/** Wax (n_a, n_x), Waa (n_a, n_a), ba (n_a, 1); each W initialised with fan-in its column count (spec §14). */
function rnnParameters(n_a: number, n_x: number): ParameterSpec[] {
  const weights = (name: string, cols: number): ParameterSpec =>
    ({ name, dims: [n_a, cols], shape: [n_a, cols], init: 'weights', fanIn: cols, trained: true, regularized: true });
  return [
    weights('Wax', n_x),
    weights('Waa', n_a),
    { name: 'ba', dims: [n_a, 1], shape: [n_a, 1], init: 'zeros', trained: true, regularized: false },
  ];
}

/**
 * The cell: one state a⟨t⟩; each step keeps z⟨t⟩ (relu's g′ reads z) and works in one (n_a, m)
 * matrix, Waa·a⟨t−1⟩ forward and dz⟨t⟩ backward.
 */
export function rnnCell(n_a: number, n_x: number, g: Activation): Cell {
  return {
    states: 1,
    kept: [n_a],
    work: [n_a],
    parameters: rnnParameters(n_a, n_x),
    activation: g,
    shown: { states: [HIDDEN_STATE], kept: [undefined] },
    forward({ k, theta, prev: [a_prev], next: [a], kept: [z], work: [product], ...x }) {
      inputProduct(k, z, theta.Wax, x);
      k.mul(product, theta.Waa, a_prev);
      k.axpy(z, 1, product);
      k.addColumn(z, theta.ba);
      k.activate(g, z, a);
    },
    backward({ k, m, theta, prev: [a_prev], next: [a], kept: [z], work: [dz], dNext: [da], dPrev: [da_prev], dx, dStep, ...x }) {
      k.backward(g, z, a, da, dz);
      inputGradient(k, dStep.Wax, dz, x, 1 / m);
      k.mulBT(dStep.Waa, dz, a_prev, 1 / m);
      k.sumColumns(dStep.ba, dz, 1 / m);
      k.mulAT(da_prev, theta.Waa, dz);
      if (dx) k.mulAT(dx, theta.Wax, dz);
    },
  };
}

/** `rnn N_a [tanh | relu]`: n_a units, g (tanh unless written), `return:` and `bidirectional`. */
export interface RnnSpec extends RecurrentSpec {
  kind: 'rnn';
  activation: Activation;
}

declare module '../foundation/model' {
  interface LayerSpecs {
    rnn: RnnSpec;
  }
}

export const rnn: LayerKind<RnnSpec> = {
  kind: 'rnn',
  syntax: 'rnn N_a [tanh | relu] [return: sequence | last] [bidirectional]',
  doc: 'A basic RNN over the steps of a sequence (course 5, week 1): a⟨t⟩ = g(Waa·a⟨t−1⟩ + Wax·x⟨t⟩ + ba), a⟨0⟩ = 0, g tanh (default) or relu; Wax (n_a, n_x), Waa (n_a, n_a), ba (n_a, 1). `return: last` gives a⟨T_x⟩ only (many-to-one); `bidirectional` adds a reverse RNN and joins [a→⟨t⟩; a←⟨t⟩].',
  insert: 'rnn ${1:64} ${2|tanh,relu|}',
  form: {
    count: { field: 'units', missing: 'the number of units n_a after `rnn`, e.g. `rnn 64`', what: (l) => `the number of units n_a of layer ${l}` },
    activation: { missing: (units) => `an activation after \`rnn ${units}\`: tanh or relu`, default: ACTIVATION_KINDS.tanh.name, only: {
      names: RNN_ACTIVATIONS,
      why: 'nn.RNN and ONNX\'s RNN operator, which the exports map it onto, have no other; for gates of sigmoids use `lstm` or `gru`',
    } },
    options: ['return'],
    flags: ['bidirectional'],
  },
  spec: (parts) => ({ kind: 'rnn', ...recurrentSpec(parts), activation: parts.activation }),
  output: recurrentOutput,
  // Wax, Waa, ba, then their _rev with `bidirectional`
  parameters: (spec, input) => (stepFeatures(input) === 0 ? [] : trainedParameters(recurrentParameters(spec, rnnParameters(spec.units, stepFeatures(input))))),
  fanIn: (_spec, input) => stepFeatures(input),
  hasZ: false,
  engine: (spec, input) => recurrentEngine(spec, input, rnnCell(spec.units, stepFeatures(input), spec.activation)),
  describe: (spec, shapes) => recurrentDescription(spec, shapes, rnnCell(spec.units, stepFeatures(shapes.input), spec.activation), {
    summary: `${spec.units} units · ${spec.activation.name}`,
    equations: [`a⟨t⟩ = ${spec.activation.name}(Waa·a⟨t−1⟩ + Wax·x⟨t⟩ + ba), a⟨0⟩ = 0`],
    fields: { activation: spec.activation.name },
  }),
  onnx: rnnOnnx,
  torch: rnnTorch,
};

/**
 * PyTorch (spec §10): nn.RNN(batch_first=True) on (m, T_x, n_x), weight_ih = Wax, weight_hh = Waa,
 * bias_ih = ba; nn.RNN's second bias bias_hh is held at 0 and not trained (hidden_bias_off), as
 * the course has one; the reverse direction's tensors end with `_reverse`.
 */
function rnnTorch(spec: RnnSpec, { layer, name }: TorchContext): TorchLayer {
  const n_x = stepFeatures(layer.input);
  const options = `nonlinearity="${spec.activation.name}", batch_first=True${spec.bidirectional ? ', bidirectional=True' : ''}`;
  const tensors: Record<string, string> = { Wax: 'weight_ih_l0', Waa: 'weight_hh_l0', ba: 'bias_ih_l0' };
  const parameters = Object.fromEntries(Object.entries(tensors).flatMap(([course, torch]) =>
    [[course, torch], ...(spec.bidirectional ? [[course + REVERSE, `${torch}_reverse`]] : [])]));
  return {
    module: `hidden_bias_off(nn.RNN(${n_x}, ${spec.units}, ${options}))`,
    forward: [...torchSequenceInput(layer.input, `self.${name}`), ...torchSequenceOutput(spec, `self.${name}(A)`)],
    parameters,
  };
}

/** W (rows, cols) row-major → Wᵀ (cols, rows) row-major: ONNX's MatMul takes x·Wᵀ with examples as rows. */
function transposed(W: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = W[i * cols + j];
  return out;
}

/**
 * ONNX (spec §10), the RNN operator's equations unrolled over the T_x steps — onnxruntime's RNN
 * kernel has no float64 — with sequences batch-first (batch, T_x, n): A[l−1] is reshaped to
 * (batch, T_x, n_x) (a flat (batch, T_x·n_x) input too), tokens are gathered from Waxᵀ's rows
 * (one-hot in effect); every step's x side x⟨t⟩·Waxᵀ + ba is one product over all steps, then
 * a⟨t⟩ = g(P⟨t⟩ + a⟨t−1⟩·Waaᵀ). A[l] is (batch, T_x, dirs·n_a), or (batch, dirs·n_a) for `last`.
 */
function rnnOnnx(spec: RnnSpec, { layer, input, float64, values }: LayerContext): LayerGraph {
  const l = layer.l;
  const n_a = spec.units;
  const n_x = stepFeatures(layer.input);
  const T = steps(layer.input);
  const dirs = directions(spec);
  const tokens = layer.input.kind === 'tokens';
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  const x = `x${l}`;
  if (tokens) nodes.push({ op: 'Cast', inputs: [input], output: x, attributes: [{ name: 'to', i: 7 }] }); // int64 ids
  else {
    initializers.push(int64(`xshape${l}`, [0, T, n_x]));
    nodes.push({ op: 'Reshape', inputs: [input, `xshape${l}`], output: x });
  }
  for (let t = 0; t < T; t++) initializers.push({ name: `step${l}_${t}`, dims: [], values: Float64Array.of(t), int64: true });
  const states: string[][] = [];
  for (let d = 0; d < dirs; d++) {
    const s = d === 0 ? '' : REVERSE;
    const [WaxT, WaaT, ba, P] = [`Wax${l}${s}T`, `Waa${l}${s}T`, `ba${l}${s}`, `P${l}${s}`];
    initializers.push(
      { name: WaxT, dims: [n_x, n_a], values: transposed(values[`Wax${s}`], n_a, n_x) },
      { name: WaaT, dims: [n_a, n_a], values: transposed(values[`Waa${s}`], n_a, n_a) },
      { name: ba, dims: [n_a], values: values[`ba${s}`] },
    );
    nodes.push(tokens ? { op: 'Gather', inputs: [WaxT, x], output: `${P}x`, attributes: [{ name: 'axis', i: 0 }] } : { op: 'MatMul', inputs: [x, WaxT], output: `${P}x` },
      { op: 'Add', inputs: [`${P}x`, ba], output: P });
    const a: string[] = [];
    for (let i = 0; i < T; i++) {
      const t = d === 0 ? i : T - 1 - i;
      const step = `${l}${s}_${t}`;
      nodes.push({ op: 'Gather', inputs: [P, `step${l}_${t}`], output: `p${step}`, attributes: [{ name: 'axis', i: 1 }] });
      let z = `p${step}`;
      if (i > 0) {
        nodes.push({ op: 'MatMul', inputs: [a[(t + (d === 0 ? -1 : 1))], WaaT], output: `r${step}` }, { op: 'Add', inputs: [`p${step}`, `r${step}`], output: `z${step}` });
        z = `z${step}`;
      }
      const g = onnxActivation(spec.activation, z, step, float64);
      nodes.push(...g.nodes);
      initializers.push(...g.initializers);
      a[t] = g.nodes[g.nodes.length - 1].output;
    }
    states.push(a);
  }
  if (spec.returns === 'last') {
    const finals = states.map((a, d) => a[d === 0 ? T - 1 : 0]);
    nodes.push({ op: 'Concat', inputs: finals, output: `A${l}`, attributes: [{ name: 'axis', i: 1 }] });
  } else {
    // [a→⟨t⟩; a←⟨t⟩] for t = 1…T_x side by side is (batch, T_x·dirs·n_a), time-major: reshaped batch-first
    const joined = Array.from({ length: T }, (_, t) => states.map((a) => a[t])).flat();
    initializers.push(int64(`Ashape${l}`, [0, T, dirs * n_a]));
    nodes.push({ op: 'Concat', inputs: joined, output: `H${l}`, attributes: [{ name: 'axis', i: 1 }] },
      { op: 'Reshape', inputs: [`H${l}`, `Ashape${l}`], output: `A${l}` });
  }
  return { nodes, initializers };
}
