// The time loop every recurrent kind shares (spec §14): `rnn`, `lstm` and `gru` each give a cell —
// its parameters and one step forward and backward — and this module runs it over t = 1…T_x,
// keeps every state for backpropagation through time, sums each parameter's gradient over the
// steps, and does `return: sequence | last` and `bidirectional` once for all of them.
//
// Layout (docs/part3.md, "Sequences in the code"): A[l−1] is (T_x·n_x, m) time-major by rows, or the
// token ids (T_x, m) of a tokens input; step t's block is the contiguous (n_x, m) — or (1, m) ids —
// at entries t·n_x·m …, which the kernels take as a matrix without copying. Every state a⟨t⟩ (and
// c⟨t⟩) and every matrix a cell keeps for its backward pass live in the layer's per-batch matrices,
// (T_x·rows, m) each, so the backward pass finds step t's block the same way.
//
// The cell interface: `states` (n_a, m) matrices pass from step to step, a⟨t⟩ first (rnn and the
// course's GRU carry one, a⟨t⟩ = c⟨t⟩; an LSTM two, a⟨t⟩ and c⟨t⟩); each step may keep blocks of its
// own (`kept`: z⟨t⟩, an LSTM's Γf, Γi, Γo, c̃⟨t⟩) and use per-batch work matrices shared by all steps
// (`work`: an LSTM's [a⟨t−1⟩; x⟨t⟩]). Its backward pass gets ∂J/∂state⟨t⟩ in full (from the output
// and from step t + 1), writes ∂J/∂state⟨t−1⟩, ∂J/∂x⟨t⟩ and this step's gradient of each parameter
// (with the 1/m); the loop adds those over the steps. `inputProduct` and `inputGradient` do the
// x⟨t⟩ side for a sequence and for tokens alike, so no cell builds a one-hot matrix.

import type { Kernels } from '../foundation/kernels';
import { rowBlock, type Matrix } from '../foundation/matrix';
import type { Activation } from '../foundation/model';
import { exampleDims, formatDims, nchw, type LayerDescription, type MatrixRow } from './describe';
import { REVERSE_SUFFIX, type Dims, type LayerEngine, type LayerPass, type ParameterSpec, type PerBatch, type TimeTrace } from './engine';
import type { LayerParts } from './kind';
import { returnOf, type ReturnName } from './returns';
import { sequence, vector, type LayerShapes, type Shape, type ShapeResult } from './shape';


/** The fields every recurrent kind's spec has (`rnn N_a`, `lstm N_a`, `gru N_a` and their options). */
export interface RecurrentSpec {
  /** n_a */
  units: number;
  /** absent: `sequence`, the default */
  returns?: ReturnName;
  /** `bidirectional`: a second parameter set, `_rev`, run from t = T_x down to 1 */
  bidirectional?: boolean;
}

/** The suffix of the reverse direction's parameters (`Wax_rev`; weights key `Wax3_rev`, spec §14). */
export const REVERSE = REVERSE_SUFFIX;

/** One step of one direction: what a cell's forward pass reads and writes. */
export interface CellStep {
  k: Kernels;
  m: number;
  /** this direction's parameters by the cell's names (without `_rev`) */
  theta: Readonly<Record<string, Matrix>>;
  /** x⟨t⟩ (n_x, m), or the token ids (1, m) of a tokens input (`tokens`) */
  x: Matrix;
  tokens: boolean;
  /** the states at t − 1 (zeros before the direction's first step), a⟨t−1⟩ first */
  prev: readonly Matrix[];
  /** the states at t: written forward, read backward */
  next: readonly Matrix[];
  /** this step's own blocks, as `kept` asked for them: written forward, read backward */
  kept: readonly Matrix[];
  /** the per-batch work matrices, as `work` asked for them, shared by all steps */
  work: readonly Matrix[];
}

/** One step of backpropagation through time. */
export interface CellBackStep extends CellStep {
  /** ∂J/∂state⟨t⟩ in full (from A[l] and from step t + 1); the cell may overwrite them */
  dNext: readonly Matrix[];
  /** to write: ∂J/∂state⟨t−1⟩ through this step */
  dPrev: readonly Matrix[];
  /** to write: ∂J/∂x⟨t⟩ (n_x, m); absent for a tokens input and for the first layer */
  dx?: Matrix;
  /** to write: this step's gradient of every parameter, times 1/m (the loop sums them over t) */
  dStep: Readonly<Record<string, Matrix>>;
}

/** A recurrent kind's cell for n_a units and n_x inputs (V for tokens). */
export interface Cell {
  /** how many (n_a, m) states pass from step to step, a⟨t⟩ first */
  states: number;
  /** rows of each (rows, m) block a step keeps for its backward pass */
  kept: readonly number[];
  /** rows of each (rows, m) work matrix, shared by all steps */
  work: readonly number[];
  /** the parameters in initialisation order, named as the weights keys without l (`Wax`, `Waa`, `ba`) */
  parameters: readonly ParameterSpec[];
  /** the element-wise activation for default initialisation (xavier for tanh, he for relu) */
  activation: Activation;
  forward(step: CellStep): void;
  backward(step: CellBackStep): void;
  /**
   * What the panel's maps through time show (TimeTrace): a name for each state, and for each kept
   * block worth a map of its own (the gates; undefined for the rest: a concat, z⟨t⟩, c̃⟨t⟩)
   */
  shown: { states: readonly TraceName[]; kept: readonly (TraceName | undefined)[] };
}

/** A map's symbol and words (TimeTrace). */
export type TraceName = Pick<TimeTrace, 'name' | 'title' | 'bounds'>;

/** a⟨t⟩, the state every cell passes first */
export const HIDDEN_STATE: TraceName = { name: 'a⟨t⟩', title: 'hidden state' };

/** n_x of a recurrent layer's input: features per step, or the vocabulary V (one-hot in effect). */
export function stepFeatures(input: Shape): number {
  return input.kind === 'sequence' ? input.n : input.kind === 'tokens' ? input.V : 0;
}

/** T_x of a recurrent layer's input. */
export function steps(input: Shape): number {
  return input.kind === 'sequence' || input.kind === 'tokens' ? input.T : 0;
}

/** How many directions run: 2 with `bidirectional`. */
export function directions(spec: RecurrentSpec): number {
  return spec.bidirectional ? 2 : 1;
}

/** A[l]'s shape: (dirs·n_a, m, T_x) for `return: sequence`, (dirs·n_a, m) for `last`; a sequence or tokens input only. */
export function recurrentOutput(spec: RecurrentSpec, input: Shape): ShapeResult {
  if (input.kind !== 'sequence' && input.kind !== 'tokens') return { issues: [{ kind: 'needs-sequence', input }] };
  const n = directions(spec) * spec.units;
  return { output: spec.returns === 'last' ? vector(n) : sequence(n, input.T), issues: [] };
}

/** `Wax` → `Wax_rev`: the reverse direction's parameter. */
const reversed = (p: ParameterSpec): ParameterSpec => ({ ...p, name: p.name + REVERSE });

/** The parameters of both directions from a cell's, the forward set first (docs/part3.md: the kind's order). */
export function recurrentParameters(spec: RecurrentSpec, cell: readonly ParameterSpec[]): ParameterSpec[] {
  return spec.bidirectional ? [...cell, ...cell.map(reversed)] : [...cell];
}

/**
 * Rows offset … offset + rows − 1 of step t's block of a time-major matrix with `stride` rows a step
 * (M.cols examples), as a (rows, m) matrix over the same memory: no copy.
 */
export function stepBlock(M: Matrix, t: number, stride: number, rows = stride, offset = 0): Matrix {
  return rowBlock(M, t * stride + offset, rows);
}

/** Z = W·x⟨t⟩, or for tokens the column of each example's token (W·o⟨t⟩ with o one-hot, never built). */
export function inputProduct(k: Kernels, Z: Matrix, W: Matrix, step: Pick<CellStep, 'x' | 'tokens'>): void {
  if (!step.tokens) return k.mul(Z, W, step.x);
  const { x } = step;
  const m = Z.cols;
  for (let j = 0; j < m; j++) {
    const token = x.data[j];
    // anything else would read outside W (or a NaN): the forward pass sees every id before backward
    if (!(Number.isInteger(token) && token >= 0 && token < W.cols)) throw new Error(`a token id must be a whole number from 0 to ${W.cols - 1}, not ${token}`);
    for (let i = 0; i < Z.rows; i++) Z.data[i * m + j] = W.data[i * W.cols + token];
  }
}

/**
 * Example j's entries of a time-major (T·n, m) matrix as (n, T): row i is unit i over the steps,
 * copied out of the kernels' memory.
 */
export function overTime(M: Matrix, T: number, n: number, m: number, j: number): Matrix {
  const data = new Float64Array(n * T);
  for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) data[i * T + t] = M.data[(t * n + i) * m + j];
  return { rows: n, cols: T, data };
}

/** dW = α·dZ·x⟨t⟩ᵀ, or for tokens α·dZ's column j in the column of example j's token (the rest 0). */
export function inputGradient(k: Kernels, dW: Matrix, dZ: Matrix, step: Pick<CellStep, 'x' | 'tokens'>, alpha: number): void {
  if (!step.tokens) return k.mulBT(dW, dZ, step.x, alpha);
  const { x } = step;
  const m = dZ.cols;
  dW.data.fill(0, 0, dW.rows * dW.cols);
  for (let j = 0; j < m; j++) {
    const token = x.data[j];
    for (let i = 0; i < dZ.rows; i++) dW.data[i * dW.cols + token] += alpha * dZ.data[i * m + j];
  }
}

/**
 * The layer's engine for `cell` (docs/part3.md): its per-batch matrices hold, for each direction,
 * every state (T_x·n_a, m) and every kept block (T_x·rows, m); then, shared, the zero state a⟨0⟩,
 * ∂J/∂state for two neighbouring steps, the cell's work matrices and, for a bidirectional layer
 * over a sequence, the reverse direction's ∂J/∂x⟨t⟩ before it is added to the forward one's.
 */
export function recurrentEngine(spec: RecurrentSpec, input: Shape, cell: Cell): LayerEngine {
  const n_a = spec.units;
  const T = steps(input);
  const n_x = stepFeatures(input);
  const tokens = input.kind === 'tokens';
  const xRows = tokens ? 1 : n_x; // a tokens step is one row of ids
  const dirs = directions(spec);
  const last = spec.returns === 'last';
  const S = cell.states;
  const own = S + cell.kept.length;
  const sized = (rows: number): PerBatch => ({ features: rows, byRows: false });
  const perBatch: PerBatch[] = [];
  for (let d = 0; d < dirs; d++) perBatch.push(...Array.from({ length: S }, () => sized(T * n_a)), ...cell.kept.map((rows) => sized(T * rows)));
  const shared = dirs * own;
  perBatch.push(...Array.from({ length: 1 + 2 * S }, () => sized(n_a)), ...cell.work.map(sized));
  const reverseDx = dirs > 1 && !tokens;
  if (reverseDx) perBatch.push(sized(n_x));
  const names = cell.parameters.map((p) => p.name);
  const suffix = (d: number): string => (d === 0 ? '' : REVERSE);
  /** direction d's parameters (or gradients) by the cell's names */
  const named = (all: Readonly<Record<string, Matrix>>, d: number): Record<string, Matrix> =>
    Object.fromEntries(names.map((name) => [name, all[name + suffix(d)]]));
  /** the step t of the direction's i-th step: forward t = i, reverse t = T − 1 − i */
  const at = (d: number, i: number): number => (d === 0 ? i : T - 1 - i);

  /** what every step of direction d shares */
  const direction = (pass: LayerPass, d: number) => {
    const { batch } = pass;
    const states = batch.slice(d * own, d * own + S);
    const kept = batch.slice(d * own + S, (d + 1) * own);
    const zero = batch[shared];
    const work = batch.slice(shared + 1 + 2 * S, shared + 1 + 2 * S + cell.work.length);
    const step = (i: number): CellStep => {
      const t = at(d, i);
      return {
        k: pass.k, m: pass.m, theta: named(pass.theta, d), x: stepBlock(pass.Aprev, t, xRows), tokens,
        prev: i === 0 ? states.map(() => zero) : states.map((M) => stepBlock(M, at(d, i - 1), n_a)),
        next: states.map((M) => stepBlock(M, t, n_a)),
        kept: kept.map((M, j) => stepBlock(M, t, cell.kept[j])),
        work,
      };
    };
    return { states, step };
  };

  return {
    byRows: false,
    features: (last ? 1 : T) * dirs * n_a,
    activation: cell.activation,
    keepProb: 1,
    parameters: recurrentParameters(spec, cell.parameters),
    hasZ: false,
    // each step's parameter gradients before the loop adds them up
    scratch: (withGradients) => (withGradients ? cell.parameters.map((p) => [...p.dims] as Dims) : []),
    perBatch,
    forward(pass) {
      const { A, m } = pass;
      for (let d = 0; d < dirs; d++) {
        const { states, step } = direction(pass, d);
        for (let i = 0; i < T; i++) cell.forward(step(i));
        // A[l]: [a→⟨t⟩; a←⟨t⟩] at every t, or each direction's final state (a→⟨T_x⟩, a←⟨1⟩)
        if (last) A.data.set(stepBlock(states[0], at(d, T - 1), n_a).data, d * n_a * m);
        else for (let t = 0; t < T; t++) A.data.set(stepBlock(states[0], t, n_a).data, (t * dirs + d) * n_a * m);
      }
    },
    // each direction's states, then its kept blocks, that the cell names; the reverse one marked ←
    traces(batch, m, j) {
      const named = [...cell.shown.states, ...cell.shown.kept];
      const rows = [...Array.from({ length: S }, () => n_a), ...cell.kept];
      const out: TimeTrace[] = [];
      for (let d = 0; d < dirs; d++)
        named.forEach((shown, i) => {
          if (!shown) return;
          const { name, title } = d === 0 ? shown : { name: `${shown.name} ←`, title: `${shown.title}, reverse direction` };
          out.push({ name, title, rows: 'units', values: overTime(batch[d * own + i], T, rows[i], m, j), ...(shown.bounds ? { bounds: shown.bounds } : {}) });
        });
      return out;
    },
    backward(pass) {
      const { k, dA, dAprev, batch, scratch } = pass;
      const dStep = Object.fromEntries(names.map((name, j) => [name, scratch[j]]));
      for (let d = 0; d < dirs; d++) {
        const { step } = direction(pass, d);
        const dTheta = named(pass.dTheta, d);
        let dNext = batch.slice(shared + 1, shared + 1 + S);
        let dPrev = batch.slice(shared + 1 + S, shared + 1 + 2 * S);
        for (const M of dNext) M.data.fill(0, 0, M.rows * M.cols);
        for (let i = T - 1; i >= 0; i--) {
          const t = at(d, i);
          // ∂J/∂a⟨t⟩ from A[l]: every step of a sequence output, the final step of `last`
          if (!last) k.axpy(dNext[0], 1, stepBlock(dA, t, dirs * n_a, n_a, d * n_a));
          else if (i === T - 1) k.axpy(dNext[0], 1, stepBlock(dA, 0, dirs * n_a, n_a, d * n_a));
          const dxOut = dAprev && !tokens ? stepBlock(dAprev, t, n_x) : undefined;
          const dx = dxOut && d > 0 ? batch[batch.length - 1] : dxOut;
          // the first step back writes the gradients themselves; later ones add theirs
          const first = i === T - 1;
          cell.backward({ ...step(i), dNext, dPrev, dx, dStep: first ? dTheta : dStep });
          if (!first) for (const name of names) k.axpy(dTheta[name], 1, dStep[name]);
          if (dx && dxOut && dx !== dxOut) k.axpy(dxOut, 1, dx);
          [dNext, dPrev] = [dPrev, dNext];
        }
      }
    },
  };
}

/** The recurrent fields of a kind's spec from its statement's parts: only what is written, so defaults stay implicit. */
export function recurrentSpec({ count, options }: LayerParts): RecurrentSpec {
  const spec: RecurrentSpec = { units: count! };
  if (returnOf(options) === 'last') spec.returns = 'last';
  if (options.bidirectional) spec.bidirectional = true;
  return spec;
}

/** What a kind's hover adds to the shared rows: its words, its equations, its fields of `nn shapes --json`. */
export interface CellText {
  summary: string;
  equations: string[];
  fields: Record<string, number | string>;
}

/**
 * Hover, inlay hints and `nn shapes` for a recurrent layer: each parameter of the cell with its
 * shape in the course's symbols (and `_rev` twins), x⟨t⟩, a⟨t⟩ and A[l] with batch-first (m, T_x, n)
 * beside, the equations, the parameter count written out.
 */
export function recurrentDescription(spec: RecurrentSpec, shapes: LayerShapes, cell: Cell, text: CellText): LayerDescription {
  const { l, input, output } = shapes;
  const n_a = spec.units;
  const n_x = stepFeatures(input);
  const T = steps(input);
  const dirs = directions(spec);
  const symbol = (size: number): string => (size === n_a ? 'n_a' : size === n_x ? 'n_x' : size === n_a + n_x ? 'n_a + n_x' : String(size));
  const parameterRows: MatrixRow[] = recurrentParameters(spec, cell.parameters).map((p) => ({
    names: [p.name, `d${p.name}`], rule: formatDims(p.shape.map(symbol)), dims: [...p.shape],
  }));
  const x: MatrixRow = input.kind === 'tokens'
    ? { names: ['x⟨t⟩'], rule: '(V, m), one-hot', dims: [input.V, 'm'], torch: ['m', T] }
    : { names: ['x⟨t⟩'], rule: '(n_x, m)', dims: [n_x, 'm'], torch: ['m', n_x] };
  // PyTorch's h⟨t⟩ and a `last` output are (m, n) batch-first, a sequence (m, T_x, n)
  const a: MatrixRow = { names: ['a⟨t⟩', 'da⟨t⟩'], rule: '(n_a, m)', dims: [n_a, 'm'], torch: ['m', n_a] };
  const A: MatrixRow = spec.returns === 'last'
    ? { names: ['A', 'dA'], rule: `(${dirs > 1 ? '2·' : ''}n_a, m)`, dims: exampleDims(output), torch: ['m', dirs * n_a] }
    : { names: ['A', 'dA'], rule: `(${dirs > 1 ? '2·' : ''}n_a, m, T_x)`, dims: exampleDims(output), torch: nchw(output) };
  const derivation = [
    // x⟨t⟩'s row shows one step; the whole x in both layouts, as course 5 switches between them
    input.kind === 'tokens' ? `x: ${T} token ids per example, one-hot x⟨t⟩ (V, m) = (${input.V}, m); batch-first ids (m, T_x) = ${formatDims(['m', T])}`
      : `x (n_x, m, T_x) = ${formatDims([n_x, 'm', T])}; batch-first x (m, T_x, n_x) = ${formatDims(nchw(input))}`,
    ...text.equations.map((e) => `${e}, t = 1…T_x = ${T}`),
    ...(input.kind === 'tokens' ? [`Wax·x⟨t⟩ is the column of Wax for token x⟨t⟩ (one-hot over V = ${input.V})`] : []),
    ...(dirs > 1 ? ['a←⟨t⟩: the same with the _rev parameters from t = T_x down to 1; A⟨t⟩ = [a→⟨t⟩; a←⟨t⟩]'] : []),
    spec.returns === 'last' ? `A[${l}] = ${dirs > 1 ? '[a→⟨T_x⟩; a←⟨1⟩]' : 'a⟨T_x⟩'} (return: last)` : `A[${l}] = a⟨1⟩ … a⟨T_x⟩ (return: sequence)`,
  ];
  // n_a·n_x + n_a·n_a + n_a = 16·27 + 16·16 + 16, each direction's sum doubled for bidirectional
  const sum = (term: (p: ParameterSpec) => string): string => {
    const terms = cell.parameters.map(term).join(' + ');
    return dirs > 1 ? `2·(${terms})` : terms;
  };
  const factors = (p: ParameterSpec) => p.shape.filter((d, i) => d !== 1 || i === 0);
  return {
    kind: shapes.spec.kind,
    summary: `${text.summary}${spec.returns === 'last' ? ' · last' : ''}${dirs > 1 ? ' · bidirectional' : ''}`,
    rows: [...parameterRows, x, a, A],
    derivation,
    count: `${sum((p) => factors(p).map(symbol).join('·'))} = ${sum((p) => factors(p).join('·'))}`,
    params: shapes.params,
    fields: { units: n_a, ...text.fields, return: spec.returns ?? 'sequence', ...(dirs > 1 ? { bidirectional: 1 } : {}) },
  };
}

/**
 * PyTorch (spec §10): the forward() lines that bring A[l−1] to the batch-first (m, T_x, n_x) a
 * recurrent module reads — a flat (m, T_x·n_x) row per example is reshaped; tokens become one-hot
 * in the module's float type (nn.RNN and nn.LSTM take no ids).
 */
export function torchSequenceInput(input: Shape, module: string): string[] {
  const T = steps(input);
  return input.kind === 'tokens'
    ? [`A = F.one_hot(A.reshape(A.shape[0], ${T}).long(), ${input.V}).to(${module}.weight_ih_l0.dtype)`]
    : [`A = A.reshape(A.shape[0], ${T}, ${stepFeatures(input)})`];
}

/**
 * A[l] from a PyTorch recurrent module's (output, h_n) — nn.LSTM's (output, (h_n, c_n)): `final`
 * unpacks the second — the sequence, or h_n's directions side by side for `last`.
 */
export function torchSequenceOutput(spec: RecurrentSpec, call: string, final = 'h_n'): string[] {
  if (spec.returns !== 'last') return [`A, _ = ${call}`];
  return [`_, ${final} = ${call}`, spec.bidirectional ? 'A = torch.cat([h_n[0], h_n[1]], dim=1)  # [a→⟨T_x⟩; a←⟨1⟩]' : 'A = h_n[0]  # a⟨T_x⟩'];
}
