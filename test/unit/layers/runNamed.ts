// Runs one layer kind's engine on its own with its named parameters (WQ, bQ, γ, …) — forward, then
// backward from a given dA[l] — for the sequence kinds' tests: against loops written from the spec,
// the two-sided difference, the WebAssembly kernels and PyTorch. Sequences are (T·n, m), time-major.

import { kindOf, type Shape } from '../../../core/layers';
import type { Kernels } from '../../../core/foundation/kernels';
import type { Matrix } from '../../../core/foundation/matrix';
import type { LayerSpec } from '../../../core/foundation/model';

export interface NamedRun {
  A: Float64Array;
  dAprev: Float64Array;
  /** every trained parameter's gradient by name, (1/m)·∂(Σ dA ⊙ A[l])/∂θ as the engine gives it */
  dTheta: Record<string, Float64Array>;
  /** the per-batch matrices after backward (attention's α is among them) */
  batch: Float64Array[];
}

/** `spec` on `Aprev` (features(input) × m, one example per column) with `theta` by name and upstream dA. */
export function runNamed(spec: LayerSpec, input: Shape, k: Kernels, allocate: (rows: number, cols: number) => Matrix, m: number,
  values: { Aprev: Float64Array; theta: Record<string, Float64Array>; dA: Float64Array }): NamedRun {
  const kind = kindOf(spec);
  const { output } = kind.output(spec, input);
  if (!output) throw new Error('the layer has no output for this input');
  const engine = kind.engine(spec, input, output);
  const filled = (rows: number, cols: number, data?: Float64Array): Matrix => {
    const M = allocate(rows, cols);
    if (data) M.data.set(data.subarray(0, rows * cols));
    return M;
  };
  const n = engine.features;
  const theta: Record<string, Matrix> = {}, dTheta: Record<string, Matrix> = {};
  for (const p of engine.parameters) {
    theta[p.name] = filled(p.dims[0], p.dims[1], values.theta[p.name]);
    if (p.trained) dTheta[p.name] = filled(p.dims[0], p.dims[1]);
  }
  const A = filled(n, m), dA = filled(n, m, values.dA);
  const Z = engine.hasZ ? filled(n, m) : A, dZ = engine.hasZ ? filled(n, m) : dA;
  const none = filled(0, 0);
  const batch = (engine.perBatch ?? []).map(({ features: f, byRows }) => (byRows ? filled(m, f) : filled(f, m)));
  const pass = {
    k, m, theta, dTheta, training: true, W: theta.W ?? none, b: theta.b ?? none, dW: dTheta.W ?? none, db: dTheta.b ?? none,
    Aprev: filled(values.Aprev.length / m, m, values.Aprev), Z, A, dZ, dA, dAprev: filled(values.Aprev.length / m, m),
    D: none, G: none, scratch: engine.scratch(true, false).map(([rows, cols]) => filled(rows, cols)), batch,
  };
  engine.forward(pass);
  const out = A.data.slice();
  engine.backward(pass, false, false);
  const grads = Object.fromEntries(Object.entries(dTheta).map(([name, M]) => [name, M.data.slice()]));
  return { A: out, dAprev: pass.dAprev.data.slice(), dTheta: grads, batch: batch.map((M) => M.data.slice()) };
}
