// Small builders shared by the engine tests.

import type { Activation, DenseNetworkSpec, LossName, TrainSpec } from '../../../core/foundation/model';
import { TRAIN_DEFAULTS } from '../../../core/foundation/model';
import { matrix, type Matrix } from '../../../core/engine/matrix';
import { Rng } from '../../../core/foundation/prng';
import type { WeightsValues } from '../../../core/data/weights';
import type { NetworkParameters } from '../../../core/engine/init';

/** A network n[0] → … → n[L] with activations g[1…L] (as names or objects). */
export function makeSpec(sizes: number[], acts: Array<Activation | Activation['name']>, loss: LossName, train: Partial<TrainSpec> = {}): DenseNetworkSpec {
  return {
    name: 'test',
    inputSize: sizes[0],
    layers: sizes.slice(1).map((units, i) => {
      const g = acts[i];
      return { kind: 'dense', units, activation: typeof g === 'string' ? { name: g } : g };
    }),
    loss,
    train: { ...TRAIN_DEFAULTS, ...train },
  };
}

/** Entries uniform in [lo, hi). */
export function randomMatrix(rng: Rng, rows: number, cols: number, lo = -1, hi = 1): Matrix {
  const m = matrix(rows, cols);
  for (let p = 0; p < m.data.length; p++) m.data[p] = lo + (hi - lo) * rng.uniform();
  return m;
}

/** Labels that fit the loss: 0/1 for cross_entropy, one-hot for softmax, any value for mse. */
export function labelsFor(loss: LossName, rng: Rng, n: number, m: number): Matrix {
  if (loss === 'mse') return randomMatrix(rng, n, m);
  const Y = matrix(n, m);
  for (let j = 0; j < m; j++) {
    if (loss === 'softmax_cross_entropy') Y.data[rng.below(n) * m + j] = 1;
    else for (let i = 0; i < n; i++) Y.data[i * m + j] = rng.below(2);
  }
  return Y;
}

/** The textbook triple loop, for checking the tiled kernels. */
export function naiveProduct(A: Matrix, B: Matrix, transA = false, transB = false): Matrix {
  const at = (M: Matrix, i: number, j: number, t: boolean) => (t ? M.data[j * M.cols + i] : M.data[i * M.cols + j]);
  const rows = transA ? A.cols : A.rows;
  const inner = transA ? A.rows : A.cols;
  const cols = transB ? B.rows : B.cols;
  const C = matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let k = 0; k < inner; k++) s += at(A, i, k, transA) * at(B, k, j, transB);
      C.data[i * cols + j] = s;
    }
  }
  return C;
}

export function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let p = 0; p < a.length; p++) d = Math.max(d, Math.abs(a[p] - b[p]));
  return d;
}

/** Runs a CLI command's `run(argv)` in-process, capturing what it writes to stdout and stderr. */
export async function captured(run: (argv: string[]) => Promise<number>, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const [writeOut, writeErr] = [process.stdout.write, process.stderr.write];
  process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => err.push(s) > 0) as typeof process.stderr.write;
  try {
    return { code: await run(argv), out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
}

/** W[l], b[l] per layer (index l − 1; empty for a layer without them) as a weights file's keys W1, b1, … */
export function byKey(W: ReadonlyArray<Float64Array | Matrix>, b: ReadonlyArray<Float64Array | Matrix>): WeightsValues {
  const out: WeightsValues = {};
  const data = (x: Float64Array | Matrix): Float64Array => (x instanceof Float64Array ? x : x.data);
  W.forEach((w, i) => {
    if (data(w).length === 0) return;
    out[`W${i + 1}`] = data(w);
    out[`b${i + 1}`] = data(b[i]);
  });
  return out;
}

/** W[l], b[l] of initialised parameters, index l (0 unused; 0×0 for a layer without them), as the course indexes them. */
export function perLayer(params: NetworkParameters): { W: Matrix[]; b: Matrix[] } {
  const none = (): Matrix => matrix(0, 0);
  return { W: params.map((p) => p.W ?? none()), b: params.map((p) => p.b ?? none()) };
}

/** The network's parameters from W[l], b[l] at index l (0 unused; 0×0 for a layer without them). */
export function fromLayers({ W, b }: { W: Matrix[]; b: Matrix[] }): NetworkParameters {
  return W.map((w, l): Record<string, Matrix> => (l === 0 || w.rows === 0 ? {} : { W: w, b: b[l] }));
}
