// Spec §12's concat rule: the branches' outputs are joined along channels (volumes) or units
// (vectors), so they must agree in every other dimension. The one place that rule lives.

import { vector, volume, type Shape } from './shape';

/** What is wrong with a concat's branches: branch `branch` (0-based) differs from branch 0. */
export type ConcatIssue =
  | { kind: 'mixed'; branch: number }
  | { kind: 'size'; branch: number; axis: 'n_H' | 'n_W' };

/** The joined shape, or the first branch that does not fit the first. */
export function concatOutput(branches: readonly Shape[]): { output?: Shape; issue?: ConcatIssue } {
  const [first] = branches;
  for (let k = 1; k < branches.length; k++) {
    const b = branches[k];
    if (b.kind !== first.kind) return { issue: { kind: 'mixed', branch: k } };
    if (b.kind === 'volume' && first.kind === 'volume') {
      if (b.n_H !== first.n_H) return { issue: { kind: 'size', branch: k, axis: 'n_H' } };
      if (b.n_W !== first.n_W) return { issue: { kind: 'size', branch: k, axis: 'n_W' } };
    }
  }
  if (first.kind === 'vector') return { output: vector(branches.reduce((n, b) => n + (b as typeof first).n, 0)) };
  return { output: volume(first.n_H, first.n_W, branches.reduce((n, b) => n + (b as typeof first).n_C, 0)) };
}
