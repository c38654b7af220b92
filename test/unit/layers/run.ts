// Runs one layer kind's engine part on its own — forward, then backward from a given dA[l] — with
// any kernels and allocator, for the naive-loop and WASM-against-TypeScript tests.

import { features, kindOf, type LayerEngine, type Shape } from '../../../core/layers';
import type { Kernels } from '../../../core/foundation/kernels';
import type { Matrix } from '../../../core/foundation/matrix';
import type { LayerSpec } from '../../../core/foundation/model';

export interface LayerRun {
  Z: Float64Array;
  A: Float64Array;
  dW: Float64Array;
  db: Float64Array;
  dAprev: Float64Array;
}

/** The engine part of `spec` on `input`; throws when the kind gives that input no output. */
export function layerEngine(spec: LayerSpec, input: Shape): LayerEngine {
  const kind = kindOf(spec);
  const { output } = kind.output(spec, input);
  if (!output) throw new Error('the layer has no output for this input');
  return kind.engine(spec, input, output);
}

/** A (rows, cols) matrix from `allocate`, holding the first entries of `data` when given (it may be longer). */
export function filler(allocate: (rows: number, cols: number) => Matrix) {
  return (rows: number, cols: number, data?: Float64Array): Matrix => {
    const M = allocate(rows, cols);
    if (data) M.data.set(data.subarray(0, M.rows * M.cols));
    return M;
  };
}

/**
 * `spec` on input `Aprev` (m examples, in the engine's layout for `input`), with W, b (when it has
 * parameters) and the upstream gradient dA (A[l]'s layout); each value array may be longer than needed
 * (its first entries are used). Not the first layer, so dA[l−1] is computed.
 */
export function runLayer(spec: LayerSpec, input: Shape, k: Kernels, allocate: (rows: number, cols: number) => Matrix,
  m: number, values: { Aprev: Float64Array; W?: Float64Array; b?: Float64Array; dA: Float64Array }): LayerRun {
  const engine = layerEngine(spec, input);
  const filled = filler(allocate);
  const inRows = input.kind === 'volume';
    const layout = (byRows: boolean, n: number, data?: Float64Array) => (byRows ? filled(m, n, data) : filled(n, m, data));
  const n = engine.features;
  const dimsOf = (name: string) => engine.parameters.find((p) => p.name === name)?.dims ?? [0, 0];
  const [Wr, Wc] = dimsOf('W');
  const [br, bc] = dimsOf('b');
  const A = layout(engine.byRows, n);
  const Z = engine.hasZ ? layout(engine.byRows, n) : A;
  const dA = layout(engine.byRows, n, values.dA);
  const dZ = engine.hasZ ? layout(engine.byRows, n) : dA;
  const none = filled(0, 0);
  const [W, b, dW, db] = [filled(Wr, Wc, values.W), filled(br, bc, values.b), filled(Wr, Wc), filled(br, bc)];
  const pass = {
    k, m, W, b, dW, db, theta: { W, b }, dTheta: { W: dW, b: db }, training: true,
    Aprev: layout(inRows, features(input), values.Aprev), Z, A, dZ, dA, dAprev: layout(inRows, features(input)),
    D: none, G: none, scratch: engine.scratch(true, false).map(([rows, cols]) => filled(rows, cols)),
    batch: (engine.perBatch ?? []).map(({ features: n, byRows }) => layout(byRows, n)),
  };
  engine.forward(pass);
  const forward = { Z: Z.data.slice(), A: A.data.slice() };
  engine.backward(pass, false, false);
  return { ...forward, dW: pass.dW.data.slice(), db: pass.db.data.slice(), dAprev: pass.dAprev.data.slice() };
}
