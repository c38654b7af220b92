// Drives a recurrent layer's engine (core/layers/recurrent.ts) by hand, without the language: its
// named parameters, per-batch matrices and scratch built as the network would, a forward pass,
// then a backward pass from a given dA[l]. The gradient checks and the PyTorch comparison use it.

import type { Kernels } from '../../../core/foundation/kernels';
import type { Matrix } from '../../../core/foundation/matrix';
import type { LayerEngine, Shape } from '../../../core/layers';
import { features } from '../../../core/layers';

export interface RecurrentRun {
  A: Float64Array;
  /** every parameter's gradient by name (Wax, Waa_rev, …) */
  d: Record<string, Float64Array>;
  dAprev?: Float64Array;
}

/**
 * `engine` over m examples of `input`: X in the engine's layout ((T·n_x, m), or ids (T, m)), the
 * parameters by name, dA in A[l]'s layout. `dInput`: whether dA[l−1] is asked for (not the first layer).
 */
export function runRecurrent(engine: LayerEngine, input: Shape, k: Kernels, allocate: (rows: number, cols: number) => Matrix,
  m: number, X: Float64Array, theta: Record<string, Float64Array>, dA?: Float64Array, dInput = true): RecurrentRun {
  const filled = (rows: number, cols: number, data?: Float64Array): Matrix => {
    const M = allocate(rows, cols);
    if (data) M.data.set(data.subarray(0, rows * cols));
    return M;
  };
  const params: Record<string, Matrix> = {};
  const grads: Record<string, Matrix> = {};
  for (const p of engine.parameters) {
    params[p.name] = filled(p.dims[0], p.dims[1], theta[p.name]);
    grads[p.name] = filled(p.dims[0], p.dims[1]);
  }
  const none = filled(0, 0);
  const A = filled(engine.features, m);
  const dAl = filled(engine.features, m, dA);
  const dAprev = dInput ? filled(features(input), m) : undefined;
  const pass = {
    k, m, theta: params, dTheta: grads, training: true, W: none, b: none, dW: none, db: none,
    Aprev: filled(features(input), m, X), Z: A, A, dZ: dAl, dA: dAl, dAprev, D: none, G: none,
    scratch: engine.scratch(true, !dInput).map(([rows, cols]) => filled(rows, cols)),
    batch: (engine.perBatch ?? []).map(({ features: n }) => filled(n, m)),
  };
  engine.forward(pass);
  const out = A.data.slice(0, engine.features * m);
  if (!dA) return { A: out, d: {} };
  engine.backward(pass, false, false);
  const d = Object.fromEntries(Object.entries(grads).map(([name, M]) => [name, M.data.slice(0, M.rows * M.cols)]));
  return { A: out, d, dAprev: dAprev?.data.slice(0, dAprev.rows * dAprev.cols) };
}
