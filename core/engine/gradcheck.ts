// Gradient checking (spec §9, course 2 week 1): backprop's dθ against the two-sided difference
// (J(θ + ε) − J(θ − ε)) / 2ε, entry by entry, on the network's initial weights and the first
// examples of its training data, dropout off. The verdict follows the course:
// difference < 1e-7 fine, < 1e-5 look closer, otherwise a bug.

import type { Activation, NetworkSpec } from '../foundation/model';
import { engineLayers } from '../layers';
import type { WeightsValues } from '../data/weights';
import { activationKind } from '../layers/activations';
import type { Dataset } from '../data/dataset';
import { matrix as plainMatrix, type Matrix as PlainMatrix } from '../foundation/matrix';
import type { Kernels } from '../foundation/kernels';
import { initialize } from './init';
import type { Matrix } from './matrix';
import { Network, type Buffers } from './network';
import { Rng } from '../foundation/prng';
import { fromInitial } from './trainer';
import { entriesWithin } from './gradcheckWork';
import { PerturbedKernels } from './perturbed';
import { defaultKernels } from './wasm';

export const GRADCHECK_DEFAULTS = {
  epsilon: 1e-7,
  /** the first examples of the training set used */
  examples: 64,
  /**
   * above this many parameters, a seeded sample of at most this many entries is checked; fewer when
   * they would cost more than GRADCHECK_WORK multiply-adds (gradcheckWork.ts)
   */
  entries: 20_000,
  /** the worst entries reported, overall and of each W[l], b[l] */
  worst: 5,
  worstPerParameter: 3,
} as const;

/** The course's thresholds on the difference. */
export const FINE = 1e-7;
export const LOOK_CLOSER = 1e-5;

export type Verdict = 'fine' | 'closer' | 'bug';

export interface GradCheckOptions {
  epsilon?: number;
  /** initial parameters by weights-file key, row-major (a `weights` file); otherwise `init` decides (spec §4) */
  initial?: WeightsValues;
  /** the arithmetic the network runs on (default: the engine's) */
  kernels?: Kernels;
  maxExamples?: number;
  /** entries compared at most (default: as many as GRADCHECK_WORK allows, up to 20,000) */
  maxEntries?: number;
  /** called after each entry with the number done and the number to do */
  onProgress?: (done: number, total: number) => void;
  worst?: number;
}

/** One trained parameter θ (W[l], b[l], γ[l], …): how many of its entries were checked and their difference. */
export interface ParameterCheck {
  /** its name without l: `W`, `b`, `gamma`, … */
  name: string;
  l: number;
  /** the engine's matrix: (n[l], n[l−1]); for conv2d (f·f·n_C[l−1], n_C[l]) */
  rows: number;
  cols: number;
  /** its shape as the course writes it: (rows, cols), or conv2d's (f, f, n_C[l−1], n_C[l]) */
  shape: number[];
  checked: number;
  /** entries left out because θ ± ε moves a ReLU's input across 0 (see `kinkPattern`) */
  atKinks: number;
  difference: number;
  /**
   * both gradients are zero within the two-sided difference's rounding at every checked entry: the
   * cost does not depend on θ (self-attention's bK, whose qᵀ·bK softmax ignores), so `difference`
   * compares rounding with rounding (up to 1) and says nothing; the verdict is then fine
   */
  vanishes: boolean;
  verdict: Verdict;
  /** its entries with the largest |numerical − backprop|, largest first */
  worst: EntryCheck[];
}

/** One entry θ(row, col) of a parameter (0-based row and col) with both gradients. */
export interface EntryCheck {
  name: string;
  l: number;
  row: number;
  col: number;
  /** 0-based position in `shape` ((row, col) for a matrix, (u, v, k, c) for a conv W) */
  at: number[];
  backprop: number;
  numerical: number;
}

export interface GradCheckResult {
  network: string;
  epsilon: number;
  /** examples J was computed on */
  examples: number;
  /** of the first examples, those left out because a ReLU's input was exactly 0 there */
  examplesAtKinks: number;
  /** entries of all W[l], b[l] */
  parameters: number;
  /** entries compared: those sampled, less those at a kink */
  checked: number;
  /** true when fewer than `parameters` entries were sampled (a seeded sample) */
  sampled: boolean;
  /** sampled entries left out because θ ± ε crosses a ReLU kink */
  atKinks: number;
  /** J at the initial weights */
  cost: number;
  difference: number;
  verdict: Verdict;
  perParameter: ParameterCheck[];
  /** the entries with the largest |numerical − backprop|, largest first */
  worst: EntryCheck[];
}

/** The course's verdict on a difference (NaN, from a non-finite J, is a bug). */
export function verdictOf(difference: number): Verdict {
  if (difference < FINE) return 'fine';
  if (difference < LOOK_CLOSER) return 'closer';
  return 'bug';
}

/** ‖approx − grad‖₂ / (‖approx‖₂ + ‖grad‖₂); 0 when both are zero (they agree). */
export function relativeDifference(approx: ArrayLike<number>, grad: ArrayLike<number>): number {
  let diff = 0, a = 0, g = 0;
  for (let p = 0; p < approx.length; p++) {
    diff += (approx[p] - grad[p]) ** 2;
    a += approx[p] ** 2;
    g += grad[p] ** 2;
  }
  const denominator = Math.sqrt(a) + Math.sqrt(g);
  return denominator === 0 && diff === 0 ? 0 : Math.sqrt(diff) / denominator;
}

/**
 * The rounding (J(θ+ε) − J(θ−ε))/2ε carries when J does not move at all: each J is rounded to
 * |J|·u (u = 2⁻⁵²), summed over many terms, so a few dozen such units over 2ε. Below it a
 * numerical gradient is indistinguishable from 0.
 */
export function roundingFloor(cost: number, epsilon: number): number {
  // a J that is not finite has no rounding to speak of: nothing vanishes within NaN
  return Number.isFinite(cost) ? (16 * Math.abs(cost) * Number.EPSILON) / epsilon : NaN;
}

/** Both gradients within `floor` of 0 at every entry (and at least one entry checked); NaN never is. */
export function vanishesWithin(approx: ArrayLike<number>, grad: ArrayLike<number>, floor: number): boolean {
  if (approx.length === 0) return false;
  for (let p = 0; p < approx.length; p++) if (!(Math.abs(approx[p]) <= floor && Math.abs(grad[p]) <= floor)) return false;
  return true;
}

/**
 * Which entries of each parameter to check, ascending: all of them when the sizes add up to at most
 * `budget`, else `budget` entries in all, drawn without replacement from the seed's 'gradcheck'
 * stream. A parameter smaller than its fair share is checked whole and the rest of the budget is
 * shared out in proportion to size, so every W[l] and b[l] gets a difference of its own.
 */
export function sampleEntries(sizes: readonly number[], budget: number, seed: number): Int32Array[] {
  const total = sizes.reduce((s, n) => s + n, 0);
  if (total <= budget) return sizes.map((n) => Int32Array.from({ length: n }, (_, p) => p));
  const counts = shareOut(sizes, budget);
  const rng = new Rng(seed, 'gradcheck');
  return sizes.map((n, index) => {
    const k = counts[index];
    if (k === n) return Int32Array.from({ length: n }, (_, p) => p);
    // A partial Fisher–Yates shuffle: the first k of a random permutation of 0…n−1.
    const order = Int32Array.from({ length: n }, (_, p) => p);
    for (let i = 0; i < k; i++) {
      const j = i + rng.below(n - i);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order.slice(0, k).sort();
  });
}

/** Water-filling: counts[i] ≤ sizes[i], Σ counts = budget, small parameters whole. */
function shareOut(sizes: readonly number[], budget: number): number[] {
  const counts = sizes.map(() => 0);
  let open = sizes.map((_, i) => i);
  let left = budget;
  for (;;) {
    const share = left / open.length;
    const whole = open.filter((i) => sizes[i] <= share);
    if (whole.length === 0) break;
    for (const i of whole) {
      counts[i] = sizes[i];
      left -= sizes[i];
    }
    open = open.filter((i) => sizes[i] > share);
    if (open.length === 0) return counts;
  }
  // What remains goes in proportion to size; rounding down, then the leftovers one by one.
  const rest = open.reduce((s, i) => s + sizes[i], 0);
  let given = 0;
  for (const i of open) given += counts[i] = Math.floor((left * sizes[i]) / rest);
  for (let k = 0; given < left; k = (k + 1) % open.length) {
    if (counts[open[k]] < sizes[open[k]]) {
      counts[open[k]]++;
      given++;
    }
  }
  return counts;
}


/** Activations with a kink at z = 0 (the relu family), where the two-sided difference is not the derivative. */
const kinked = (g: Activation): boolean => activationKind(g).reluFamily;

/**
 * Which side of 0 every input Z[l] of a kinked activation is on after the last forward pass
 * (1: z > 0). When θ ± ε changes any of them, J is not differentiable between θ − ε and θ + ε, and
 * the difference quotient measures the kink rather than backprop (CS231n's "kinks"): such an entry
 * is left out and counted, never blamed on backprop.
 */
function kinkPattern(net: Network, { Z }: Buffers, into?: Uint8Array): Uint8Array | undefined {
  // every slot: layers, and a residual's sum under a relu (spec §12)
  let size = 0;
  for (let s = 1; s < net.g.length; s++) if (kinked(net.g[s])) size += Z[s].rows * Z[s].cols;
  if (size === 0) return undefined;
  const out = into ?? new Uint8Array(size);
  let q = 0;
  for (let s = 1; s < net.g.length; s++) {
    if (!kinked(net.g[s])) continue;
    const z = Z[s].data;
    for (let p = 0, n = Z[s].rows * Z[s].cols; p < n; p++) out[q++] = z[p] > 0 ? 1 : 0;
  }
  return out;
}

function samePattern(a: Uint8Array, b: Uint8Array): boolean {
  for (let p = 0; p < a.length; p++) if (a[p] !== b[p]) return false;
  return true;
}

/**
 * J and, when asked, dθ in net.dW, net.db for this spec on (X, Y): what the checked cost is. It is
 * the cost training records, so whatever the network adds to J and dθ for its spec (L2's
 * (λ/(2m))·Σ‖W[l]‖² and (λ/m)·W[l]) is checked with it; dropout stays off, since its random masks
 * would make J(θ + ε) and J(θ − ε) different functions. (The quotients for J(θ ± ε) take the same J
 * in its two parts, the loss and L2's term: see `l2Difference` in gradientCheck.)
 */
export function costAndGradient(net: Network, buffers: Buffers, X: Matrix, Y: Matrix, withGradient: boolean): number {
  net.forward(X, buffers, true, false); // training mode (batch statistics, spec §13), dropout off (spec §9); L2 is in cost and backward
  const J = net.cost(buffers, Y);
  if (withGradient) net.backward(buffers, Y);
  return J;
}

/**
 * Checks backprop on `spec` with the first examples of `data` (the training set). The network's
 * initial weights are those training would start from (options.initial, else `init` and the seed).
 * An example that puts a ReLU's input exactly at its kink at θ (z = 0: a zero input with b = 0, say)
 * is left out, since no difference quotient can check the derivative there.
 */
export function gradientCheck(spec: NetworkSpec, data: Dataset, options: GradCheckOptions = {}): GradCheckResult {
  const epsilon = options.epsilon ?? GRADCHECK_DEFAULTS.epsilon;
  const k = new PerturbedKernels(options.kernels ?? defaultKernels());
  const net = new Network(spec, options.initial ? fromInitial(spec, options.initial) : initialize(spec), k.kernels);
  k.watch(net.W);
  try {
    // X and Y are copied into the kernels' memory once (net.resident), not at every J.
    let X = net.resident(firstColumns(data.X, Math.min(data.m, options.maxExamples ?? GRADCHECK_DEFAULTS.examples)));
    let Y = net.resident(firstColumns(data.Y, X.cols));
    let buffers = net.allocate(X.cols);
    const J = (withGradient: boolean): number => costAndGradient(net, buffers, X, Y, withGradient);
    // L2's term of J(θ ± ε) differs only in the moved entry w: (λ/(2m))·((w + ε)² − (w − ε)²). Taken
    // apart from the loss's difference it is exact, where summing every W[l]² again for J(θ + ε) and
    // J(θ − ε) left rounding noise of ~5e-9 in each quotient (1.6e-7 overall on a 100-100 network).
    const lossOnly = (): number => {
      net.forward(X, buffers, true, false);
      return net.lossCost(buffers, Y);
    };
    const l2Difference = (regularized: boolean, w: number, m: number): number =>
      regularized && net.lambda !== 0 ? ((net.lambda / (2 * m)) * ((w + epsilon) ** 2 - (w - epsilon) ** 2)) / (2 * epsilon) : 0;
    let cost = J(true);
    const atKink = columnsAtKinks(net, buffers);
    const examplesAtKinks = atKink.size < X.cols ? atKink.size : 0; // all of them: nothing better to check on
    if (examplesAtKinks > 0) {
      X = net.resident(withoutColumns(X, atKink));
      Y = net.resident(withoutColumns(Y, atKink));
      buffers = net.allocate(X.cols);
      cost = J(true);
    }
    const base = kinkPattern(net, buffers);
    const scratch = base && new Uint8Array(base.length);
    const crossesKink = (): boolean => !!base && !samePattern(base, kinkPattern(net, buffers, scratch)!);

    // every trained parameter (pools and flatten have none; running statistics are not trained)
    const thetas = engineLayers(spec).flatMap(({ l, engine }) => engine.parameters.filter((p) => p.trained).map(({ name, shape, regularized }) =>
      ({ name, l, theta: net.theta[l][name], grad: net.dTheta[l][name], shape: [...shape], regularized })));
    const sizes = thetas.map(({ theta }) => theta.rows * theta.cols);
    const parameters = sizes.reduce((s, n) => s + n, 0);
    const picked = sampleEntries(sizes, options.maxEntries ?? entriesWithin(spec, X.cols, GRADCHECK_DEFAULTS.entries), spec.train.seed);
    const total = picked.reduce((s, entries) => s + entries.length, 0);
    let done = 0;
    /** J with θ(index) moved by delta, and whether that crossed a kink */
    const moved = (name: string, l: number, theta: Matrix, index: number, delta: number): { J: number; kink: boolean } => {
      const keep = theta.data[index];
      theta.data[index] = keep + delta;
      k.moved = { name, l, index, delta };
      try {
        return { J: lossOnly(), kink: crossesKink() };
      } finally {
        theta.data[index] = keep;
        k.moved = undefined;
      }
    };

    const allApprox: number[] = [];
    const allGrad: number[] = [];
    const allEntries: EntryCheck[] = [];
    let atKinksInAll = 0;
    const perParameter = thetas.map(({ name, l, theta, grad, shape, regularized }, index): ParameterCheck => {
      const approx: number[] = [];
      const exact: number[] = [];
      const entries: EntryCheck[] = [];
      let atKinks = 0;
      for (const p of picked[index]) {
        const plus = moved(name, l, theta, p, epsilon);
        const minus = moved(name, l, theta, p, -epsilon);
        options.onProgress?.(++done, total);
        if (plus.kink || minus.kink) {
          atKinks++;
          continue;
        }
        const numerical = (plus.J - minus.J) / (2 * epsilon) + l2Difference(regularized, theta.data[p], X.cols);
        approx.push(numerical);
        exact.push(grad.data[p]);
        entries.push({ name, l, row: Math.floor(p / theta.cols), col: p % theta.cols, at: position(shape, p), backprop: grad.data[p], numerical });
      }
      for (const x of approx) allApprox.push(x);
      for (const x of exact) allGrad.push(x);
      for (const e of entries) allEntries.push(e);
      atKinksInAll += atKinks;
      const difference = relativeDifference(approx, exact);
      const vanishes = vanishesWithin(approx, exact, roundingFloor(cost, epsilon));
      return {
        name, l, rows: theta.rows, cols: theta.cols, shape, checked: approx.length, atKinks, difference, vanishes,
        verdict: vanishes ? 'fine' : verdictOf(difference),
        worst: worstOf(entries, GRADCHECK_DEFAULTS.worstPerParameter),
      };
    });
    const worst = worstOf(allEntries, options.worst ?? GRADCHECK_DEFAULTS.worst);
    const difference = Number.isFinite(cost) ? relativeDifference(allApprox, allGrad) : NaN;
    return {
      network: spec.name, epsilon, examples: X.cols, examplesAtKinks, parameters,
      checked: allApprox.length, sampled: total < parameters,
      atKinks: atKinksInAll, cost, difference, verdict: verdictOf(difference), perParameter, worst,
    };
  } finally {
    net.dispose();
  }
}

/** The 0-based position of row-major entry `index` in an array of `shape`. */
function position(shape: readonly number[], index: number): number[] {
  const at = shape.map(() => 0);
  for (let d = shape.length - 1; d >= 0; d--) {
    at[d] = index % shape[d];
    index = Math.floor(index / shape[d]);
  }
  return at;
}

/** The n entries with the largest |numerical − backprop| (a NaN first), largest first. */
function worstOf(entries: EntryCheck[], n: number): EntryCheck[] {
  const gap = (e: EntryCheck): number => {
    const d = Math.abs(e.numerical - e.backprop);
    return Number.isNaN(d) ? Infinity : d;
  };
  return [...entries].sort((a, b) => gap(b) - gap(a)).slice(0, n);
}

/** The columns (examples) where some input Z[l] of a kinked activation is exactly 0. */
function columnsAtKinks(net: Network, { Z }: Buffers): Set<number> {
  const out = new Set<number>();
  for (let s = 1; s < net.g.length; s++) {
    if (!kinked(net.g[s])) continue;
    const { rows, cols, data } = Z[s];
    // an image-shaped Z holds one example per row, a vector one per column
    for (let p = 0; p < rows * cols; p++) if (data[p] === 0) out.add(net.byRows[s] ? Math.floor(p / cols) : p % cols);
  }
  return out;
}

/** The first m columns of M in plain memory (the network copies them into its own). */
function firstColumns(M: PlainMatrix, m: number): PlainMatrix {
  return M.cols === m ? M : keepColumns(M, Array.from({ length: m }, (_, j) => j));
}

function withoutColumns(M: PlainMatrix, drop: Set<number>): PlainMatrix {
  return keepColumns(M, Array.from({ length: M.cols }, (_, j) => j).filter((j) => !drop.has(j)));
}

function keepColumns(M: PlainMatrix, columns: number[]): PlainMatrix {
  const out = plainMatrix(M.rows, columns.length);
  for (let i = 0; i < M.rows; i++) columns.forEach((j, c) => { out.data[i * columns.length + c] = M.data[i * M.cols + j]; });
  return out;
}
