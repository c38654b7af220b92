// A loss (spec §2, §5): one record per loss, as activations are — its hover text, its cost J and
// the output gradient it starts the backward pass with, its accuracy when its outputs are classes.
// The checker, hover, completion and the engine read these records (index.ts lists them).

import type { Kernels } from '../../foundation/kernels';
import type { LossName } from '../../foundation/model';
import type { Matrix } from '../../foundation/matrix';

export interface LossKind<N extends LossName = LossName> {
  name: N;
  /** J over the m examples, in the course's symbols (hover, completion) */
  formula: string;
  /** the backward pass's first step, in the course's symbols */
  dZ: string;
  doc: string;
  /** J from Z[L], A[L] and Y over Y's m columns, from Z[L] where that keeps it finite */
  cost(ZL: Matrix, AL: Matrix, Y: Matrix): number;
  /**
   * dA[L] = ∂J/∂A[L], for an output activation the loss does not pair with (mse: A[L] − Y); then
   * dZ[L] = dA[L] ⊙ g′(Z[L]). Absent: the loss is defined for its pair only (activations.ts
   * `pairs`), which gives dZ[L] = A[L] − Y, and the checker refuses any other output (NN218).
   */
  dA?(k: Kernels, AL: Matrix, Y: Matrix, dAL: Matrix): void;
  /** whether NN218 also proposes changing the output to the activation the loss needs */
  offerOutput: boolean;
  /**
   * How the WebAssembly kernels sum J, when they do: their export `kernel`, entry by entry (from Z
   * or from A, the sum then divided by m or 2m) or per column; absent: the TypeScript cost runs it.
   */
  wasm?: { kernel: string; per: 'entry'; from: 'z' | 'a'; over: 'm' | '2m' } | { kernel: string; per: 'column' };
  /** The share of examples classified right; absent for a loss whose outputs are no classes (mse). */
  accuracy?(AL: Matrix, Y: Matrix): number;
  /**
   * With `accuracy`: clears right[j] for each column j whose prediction is not wholly right (every
   * entry, or the class), so that over a sequence's steps what stays 1 is an exact sequence.
   */
  markWrong?(AL: Matrix, Y: Matrix, right: Uint8Array): void;
  /**
   * The PyTorch export's pieces, on tensors of one example per row: J summed over the examples
   * (not yet divided by m) from Z and Y, where `output_activation(Z)` is A[L]; and, with `accuracy`,
   * the share right from A and Y.
   */
  torch: { sum: string; accuracy?: string };
}
