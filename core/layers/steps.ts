// The steps of a sequence in the engine's matrices (docs/part3.md, "Sequences in the code"): a
// (T·n, m) matrix holds x⟨t⟩ (n, m) as the contiguous rows t·n … (t+1)·n − 1, so a step is a view
// the kernels take as any matrix, and a parameter's gradient is the sum of its steps' gradients.

import type { Kernels } from '../foundation/kernels';
import type { Matrix } from '../foundation/matrix';


/**
 * out = Σ_t part(t) for t = 0…T−1: the first step writes `out`, each later one writes `scratch`
 * (out's shape), which is then added, so a kernel that overwrites its result can sum over time.
 */
export function sumOverSteps(k: Kernels, T: number, out: Matrix, scratch: Matrix, part: (into: Matrix, t: number) => void): void {
  part(out, 0);
  for (let t = 1; t < T; t++) {
    part(scratch, t);
    k.axpy(out, 1, scratch);
  }
}
