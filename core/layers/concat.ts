// `concat { branch { … } … }` (spec §12): every branch reads the same input; their outputs are joined
// in branch order along channels (volumes: per example and position, the branches' n_C values side
// by side, as torch.cat(dim = 1) in NCHW) or along units (vectors: the branches' rows stacked). An
// empty branch passes the input. Backward splits dA by each branch's slice.

import { IDENTITY, type ConcatSpec } from '../foundation/model';
import type { Matrix } from '../foundation/matrix';
import { giveGradient, type GroupKind } from './group';
import { features, vector, volume } from './shape';

export const concat: GroupKind<ConcatSpec> = {
  kind: 'concat',
  output: (_node, parts) => {
    const [first] = parts;
    if (first.kind === 'vector') return vector(parts.reduce((n, p) => n + features(p), 0));
    const n_C = parts.reduce((sum, p) => sum + (p.kind === 'volume' && p.n_H === first.n_H && p.n_W === first.n_W ? p.n_C : NaN), 0);
    if (Number.isNaN(n_C)) throw new Error(`concat branches of different heights, widths or kinds: ${JSON.stringify(parts)}`);
    return volume(first.n_H, first.n_W, n_C);
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
      activation: IDENTITY,
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
