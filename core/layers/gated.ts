// What the `lstm` and `gru` records (spec §14) share beyond their cells: the statement's form and
// spec, the shape rule and the named parameters of gates on the (n_a, n_a + n_x) weights, the hover's
// rows, and the ONNX expansion's plumbing (the steps unrolled: onnxruntime runs no LSTM or GRU
// operator in double precision, and the expansion is the course's equations node for node).

import { exampleDims, formatDims, nchw, type LayerDescription, type MatrixRow } from './describe';
import { trainedParameters, type LayerEngine } from './engine';
import type { LayerForm, LayerParts } from './kind';
import { int64, type LayerContext, type LayerGraph, type OnnxInitializer, type OnnxNode } from './onnxGraph';
import { directions, recurrentEngine, recurrentOutput, recurrentParameters, stepFeatures, steps, REVERSE, type Cell, type RecurrentSpec } from './recurrent';
import { returnOf } from './returns';
import type { LayerShapes, NamedParameter, Shape, ShapeResult } from './shape';

/**
 * What an `lstm N_a` / `gru N_a` record has in common, given its keyword and cell: the statement
 * (count n_a, `return:`, `bidirectional`) and its spec (fields only when written), the shape rule
 * via recurrent.ts, the named parameters (the cell's gates), the fan-in n_a + n_x, the engine.
 */
export function gatedRecord<K extends string>(kind: K, cell: (n_a: number, n_x: number) => Cell) {
  return {
    kind,
    form: {
      count: { field: 'units', missing: `the number of units n_a after \`${kind}\`, e.g. \`${kind} 64\``, what: (l: number) => `the number of units n_a of layer ${l}` },
      options: ['return'],
      flags: ['bidirectional'],
    } satisfies LayerForm,
    spec: ({ count, options }: LayerParts): RecurrentSpec & { kind: K } => {
      const spec: RecurrentSpec & { kind: K } = { kind, units: count! };
      if (returnOf(options) === 'last') spec.returns = 'last';
      if (options.bidirectional === 1) spec.bidirectional = true;
      return spec;
    },
    insert: `${kind} \${1:64}`,
    syntax: `${kind} N_a [return: sequence | last] [bidirectional]`,
    output: (spec: RecurrentSpec, input: Shape): ShapeResult => recurrentOutput(spec, input),
    // each gate's W and b (Wf, …, bf, …), then their _rev with `bidirectional`; a cell is its
    // parameter list and two step functions: building one allocates nothing
    parameters: (spec: RecurrentSpec, input: Shape): NamedParameter[] => {
      const n_x = stepFeatures(input);
      return n_x === 0 ? [] : trainedParameters(recurrentParameters(spec, cell(spec.units, n_x).parameters));
    },
    fanIn: (spec: RecurrentSpec, input: Shape) => spec.units + stepFeatures(input),
    engine: (spec: RecurrentSpec, input: Shape): LayerEngine => recurrentEngine(spec, input, cell(spec.units, stepFeatures(input))),
    hasZ: false,
  };
}

/**
 * The hover's matrices of a gated layer: each gate's W and b with its rule, the states a⟨t⟩ (and
 * c⟨t⟩) per step, A[l]; batch-first beside each (PyTorch, Keras: (m, T_x, n_a)), as course 5 switches.
 */
export function gatedDescription(spec: RecurrentSpec & { kind: string }, shapes: LayerShapes, gates: string[], states: string[], equations: string[]): LayerDescription {
  const n_a = spec.units;
  const n_x = stepFeatures(shapes.input);
  const dirs = directions(spec);
  const weights: MatrixRow[] = gates.flatMap((g) => [
    { names: [`W${g}`, `dW${g}`], rule: '(n_a, n_a + n_x)', dims: [n_a, n_a + n_x] },
    { names: [`b${g}`, `db${g}`], rule: '(n_a, 1)', dims: [n_a, 1] },
  ]);
  const perStep: MatrixRow = { names: states, rule: '(n_a, m)', dims: [n_a, 'm'], torch: ['m', n_a] };
  const output: MatrixRow = { names: ['A', 'dA'], rule: spec.returns === 'last' ? `(${dirs > 1 ? '2·' : ''}n_a, m)` : `(${dirs > 1 ? '2·' : ''}n_a, m, T_x)`,
    dims: exampleDims(shapes.output), torch: nchw(shapes.output) };
  if (shapes.output.kind === 'vector') output.torch = ['m', shapes.output.n];
  const perGate = `n_a·(n_a + n_x) + n_a`;
  return {
    kind: spec.kind,
    summary: `${n_a} units · ${gates.length} gates · return ${spec.returns ?? 'sequence'}${dirs > 1 ? ' · bidirectional' : ''}`,
    rows: [...weights, perStep, output],
    derivation: [
      `x⟨t⟩ (n_x, m) = (${n_x}, m), t = 1 … T_x = ${steps(shapes.input)}; batch-first x (m, T_x, n_x) = ${formatDims(nchw(shapes.input))}`,
      ...equations,
      ...(dirs > 1 ? [`bidirectional: a second set ${gates.map((g) => `W${g}${REVERSE}`).join(', ')}, … from t = T_x down to 1; A⟨t⟩ = [a→⟨t⟩; a←⟨t⟩]`] : []),
    ],
    count: `${dirs > 1 ? '2·' : ''}${gates.length}·(${perGate}) = ${dirs > 1 ? '2·' : ''}${gates.length}·(${n_a}·${n_a + n_x} + ${n_a})`,
    params: shapes.params,
    fields: { units: n_a, return: spec.returns ?? 'sequence', ...(dirs > 1 ? { bidirectional: 1 } : {}) },
  };
}

/**
 * Builds a gated layer's ONNX expansion on batch-first (batch, T, n_x): `step` adds one direction's
 * step t (x⟨t⟩ (batch, n_x), the previous states) and returns its states, a⟨t⟩ first. A[l] is
 * (batch, T, dirs·n_a), or (batch, dirs·n_a) for `return: last`.
 */
export function gatedGraph(spec: RecurrentSpec, { layer, input, values, float64 }: LayerContext,
  names: { weights: readonly string[]; biases: readonly string[] }, states: number,
  step: (b: OnnxBuilder, x: string, prev: string[], s: string) => string[]): LayerGraph {
  const l = layer.l;
  const n_a = spec.units;
  const n_x = stepFeatures(layer.input);
  const T = steps(layer.input);
  const b = new OnnxBuilder(`${l}`);
  // x (batch, T, n_x): a flat (batch, T·n_x) reshaped; token ids (batch, T) one-hot over the V = n_x
  // rows, as in the engine's concat: id = k for k = 0 … V − 1 (onnxruntime has no double OneHot)
  const X = layer.input.kind === 'tokens'
    ? b.node('Cast', [b.node('Equal', [b.node('Reshape', [input, b.constant('ids', int64('', [0, T, 1]))]),
      b.constant('vocab', { name: '', dims: [n_x], values: Float64Array.from({ length: n_x }, (_, k) => k) })])], [{ name: 'to', i: float64 ? 11 : 1 }])
    : b.node('Reshape', [input, b.constant('xshape', int64('', [0, T, n_x]))]);
  /** x⟨t⟩ (batch, n_x): Gather of a scalar index drops the axis */
  const xAt = (t: number) => b.node('Gather', [X, b.constant(`t${t}`, { name: '', dims: [], values: Float64Array.of(t), int64: true })], [{ name: 'axis', i: 1 }]);
  // a⟨0⟩ = c⟨0⟩ = 0 with the batch's size: x⟨1⟩·0 (n_x, n_a)
  const zero = b.node('MatMul', [xAt(0), b.constant('zeros', { name: '', dims: [n_x, n_a], values: new Float64Array(n_x * n_a) })]);
  const outputs: string[][] = [];
  for (let d = 0; d < directions(spec); d++) {
    const s = d === 0 ? '' : REVERSE;
    for (const name of names.weights) b.weight(`${name}${s}`, [n_a, n_a + n_x], values[`${name}${s}`]);
    for (const name of names.biases) b.weight(`${name}${s}`, [n_a], values[`${name}${s}`]);
    let prev = Array.from({ length: states }, () => zero);
    const a: string[] = new Array(T);
    for (let i = 0; i < T; i++) {
      const t = d === 0 ? i : T - 1 - i;
      prev = step(b, xAt(t), prev, s);
      a[t] = prev[0];
    }
    outputs.push(spec.returns === 'last' ? [a[d === 0 ? T - 1 : 0]] : a);
  }
  if (spec.returns === 'last') b.node('Concat', outputs.map(([last]) => last), [{ name: 'axis', i: 1 }], `A${l}`);
  else {
    const perStep = outputs.map((a) => b.node('Concat', a.map((at) => b.node('Reshape', [at, b.constant('step', int64('', [0, 1, n_a]))])), [{ name: 'axis', i: 1 }]));
    b.node('Concat', perStep, [{ name: 'axis', i: 2 }], `A${l}`);
  }
  return b.graph();
}

/** Nodes and initializers of one layer with names unique within it (suffix l). */
export class OnnxBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers: OnnxInitializer[] = [];
  private readonly constants = new Set<string>();
  private count = 0;

  constructor(private readonly l: string) {}

  /** a node's output, named `out` or a fresh name */
  node(op: string, inputs: string[], attributes?: OnnxNode['attributes'], out?: string): string {
    const output = out ?? `${op.toLowerCase()}${this.count++}_${this.l}`;
    this.nodes.push({ op, inputs, output, ...(attributes ? { attributes } : {}) });
    return output;
  }

  /** an initializer made once, by name */
  constant(name: string, value: OnnxInitializer): string {
    const full = `${name}_${this.l}`;
    if (!this.constants.has(full)) this.initializers.push({ ...value, name: full });
    this.constants.add(full);
    return full;
  }

  /** a parameter as the weights file keys it (`Wf2_rev`: name, l, then the direction's suffix) */
  weight(key: string, dims: number[], values: Float64Array): void {
    const [name, rev] = key.endsWith(REVERSE) ? [key.slice(0, -REVERSE.length), REVERSE] : [key, ''];
    this.initializers.push({ name: `${name}${this.l}${rev}`, dims, values });
  }

  /** σ or tanh of concat·Wᵀ + b for the weights key `W`, `b` of this layer */
  gate(op: 'Sigmoid' | 'Tanh', concat: string, W: string, bias: string): string {
    const key = (k: string) => (k.endsWith(REVERSE) ? `${k.slice(0, -REVERSE.length)}${this.l}${REVERSE}` : `${k}${this.l}`);
    return this.node(op, [this.node('Gemm', [concat, key(W), key(bias)], [{ name: 'transB', i: 1 }])]);
  }

  graph(): LayerGraph {
    return { nodes: this.nodes, initializers: this.initializers };
  }
}
