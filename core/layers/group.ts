// The engine's side of a group of the tree (spec §12): how a residual or a concat joins the outputs
// of its parts, forward and backward. One module per group kind (residual.ts, concat.ts) exports
// one record; the Network (core/engine/network.ts) runs the compiled steps (core/engine/graph.ts)
// and never looks at the kind itself. Layouts are the layers' (engine.ts): a volume keeps one
// example per row, (m, n_H, n_W, n_C) row-major; a vector one per column, (n, m).

import type { Activation } from '../foundation/model';
import type { Kernels } from '../foundation/kernels';
import type { Matrix } from '../foundation/matrix';
import type { Shape } from './shape';
import type { GroupSpec } from './tree';

/** Where one part's gradient goes: `add` when another reader of that slot has already written it. */
export interface PartGradient {
  dA: Matrix;
  add: boolean;
}

/** What a group's passes read and write, for one batch of m examples. */
export interface GroupPass {
  k: Kernels;
  m: number;
  /** the parts' outputs, in the group's order (residual: body, shortcut; concat: the branches) */
  parts: Matrix[];
  /** the group's Z (its sum, for a residual) and A = g(Z); Z is A when there is no activation */
  Z: Matrix;
  A: Matrix;
  dZ: Matrix;
  dA: Matrix;
  /** where each part's gradient goes; undefined for X, whose gradient nobody needs */
  dParts: Array<PartGradient | undefined>;
}

export interface GroupEngine {
  /** whether the output holds one example per row (a volume) or per column */
  readonly byRows: boolean;
  /** entries of the output per example */
  readonly features: number;
  /** g of the output; linear for a concat */
  readonly activation: Activation;
  /** whether Z is a matrix of its own (false: Z is A) */
  readonly hasZ: boolean;
  forward(pass: GroupPass): void;
  /** each part's dA from the output's dA (written, or added when `add`) */
  backward(pass: GroupPass): void;
}

export interface GroupKind<N extends GroupSpec = GroupSpec> {
  kind: N['kind'];
  /** The group's output shape from its parts' output shapes (an empty part's is the input's). */
  output(node: N, parts: Shape[]): Shape;
  /** The engine's passes for the group with these parts' shapes. */
  engine(node: N, parts: Shape[]): GroupEngine;
}

/** dA of a part: `from` copied into it, or added when another reader has written it already. */
export function giveGradient(k: Kernels, to: PartGradient | undefined, from: Matrix): void {
  if (!to) return;
  if (to.add) k.axpy(to.dA, 1, from);
  else to.dA.data.set(from.data.subarray(0, from.rows * from.cols));
}
