// `concat { branch { … } … }` (spec §12): every branch reads the same input; their outputs are joined
// in branch order along channels (volumes: per example and position, the branches' n_C values side
// by side, as torch.cat(dim = 1) in NCHW) or along units (vectors: the branches' rows stacked). An
// empty branch passes the input. Backward splits dA by each branch's slice.

import type { ConcatSpec } from '../foundation/model';
import { LINEAR } from './activations';
import type { Matrix } from '../foundation/matrix';
import { giveGradient, type GroupKind } from './group';
import { features, vector, volume, type Shape } from './shape';

export const concat: GroupKind<ConcatSpec> = {
  kind: 'concat',
  output: (_node, parts) => {
    const { output } = concatOutput(parts);
    if (!output) throw new Error(`concat branches of different heights, widths or kinds: ${JSON.stringify(parts)}`);
    return output;
  },
  engine: (node, parts) => {
    const out = concat.output(node, parts);
    const byRows = out.kind === 'volume';
    // per position (volumes) or per example-column block (vectors): each branch's width and offset
    const widths = parts.map((p) => (p.kind === 'volume' ? p.n_C : features(p)));
    const offsets = widths.map((_, b) => widths.slice(0, b).reduce((s, w) => s + w, 0));
    const total = widths.reduce((s, w) => s + w, 0);
    const positions = byRows ? features(out) / total : 1; // n_H·n_W
    /** the rows of the joined matrix (or, for volumes, the positions of its examples) and its width per row */
    const slice = (b: number, A: Matrix, m: number): Matrix =>
      ({ rows: widths[b], cols: m, data: A.data.subarray(offsets[b] * m, (offsets[b] + widths[b]) * m) });
    return {
      byRows,
      features: features(out),
      activation: LINEAR,
      hasZ: false,
      forward({ m, parts: inputs, A }) {
        inputs.forEach((P, b) => {
          if (!byRows) return A.data.set(P.data.subarray(0, widths[b] * m), offsets[b] * m);
          const w = widths[b];
          for (let q = 0, n = m * positions; q < n; q++) A.data.set(P.data.subarray(q * w, q * w + w), q * total + offsets[b]);
        });
      },
      backward({ k, m, dA, dParts }) {
        dParts.forEach((to, b) => {
          if (!to) return;
          if (!byRows) return giveGradient(k, to, slice(b, dA, m));
          const w = widths[b], o = offsets[b], d = to.dA.data, from = dA.data;
          for (let q = 0, n = m * positions; q < n; q++) {
            for (let c = 0; c < w; c++) d[q * w + c] = (to.add ? d[q * w + c] : 0) + from[q * total + o + c];
          }
        });
      },
    };
  },
};

// The rule itself, which the engine's output above and the checker (language/groups.ts words it) share.

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
  switch (first.kind) {
    case 'vector': return { output: vector(branches.reduce((n, b) => n + (b as typeof first).n, 0)) };
    case 'volume': return { output: volume(first.n_H, first.n_W, branches.reduce((n, b) => n + (b as typeof first).n_C, 0)) };
    default: return { issue: { kind: 'mixed', branch: 0 } }; // sequences are not joined (yet): no kind of §14–15 needs it
  }
}
