// `self_attention heads: h [causal]` (spec §15): multi-head self-attention over the T steps of a
// (d, m, T) sequence. Per example, Q = WQ·A + bQ, K = WK·A + bK, V = WV·A + bV (each (d, T)); head j
// takes rows j·d_k … (j+1)·d_k − 1 (d_k = d/h); S_j = Q_jᵀ·K_j/√d_k (T, T), `causal` masks t′ > t,
// α_j = row softmax of S_j, O_j = V_j·α_jᵀ; O stacks the O_j; A[l] = WO·O + bO. PyTorch's
// MultiheadAttention(d, h) with in_proj_weight = [WQ; WK; WV].

import { noActivation } from './parameterFree';
import { formatDims, outputRows, type MatrixRow } from './describe';
import { trainedParameters, type Dims, type LayerEngine, type ParameterSpec, type TimeTrace } from './engine';
import type { LayerKind } from './kind';
import type { Heads } from '../foundation/kernels';
import { attentionGraph } from './attentionOnnx';
import type { Shape } from './shape';
import { sumOverSteps } from './steps';
import { rowBlock, type Matrix } from '../foundation/matrix';

/** `self_attention heads: h [causal]` */
export interface SelfAttentionSpec {
  kind: 'self_attention';
  heads: number;
  /** the causal mask: query t attends to keys 0…t only; absent means every step sees every step */
  causal?: boolean;
}

declare module '../foundation/model' {
  interface LayerSpecs {
    self_attention: SelfAttentionSpec;
  }
}

/** The projections, in the order of their parameters (and of PyTorch's in_proj: Q, K, V). */
const PROJECTIONS = ['Q', 'K', 'V'] as const;

const headsOf = (spec: SelfAttentionSpec, input: Shape): Heads =>
  ({ T: input.kind === 'sequence' ? input.T : 0, d: input.kind === 'sequence' ? input.n : 0, h: spec.heads, causal: !!spec.causal });

export const selfAttention: LayerKind<SelfAttentionSpec> = {
  kind: 'self_attention',
  output: (spec, input) => {
    if (input.kind !== 'sequence') return { issues: [{ kind: 'needs-sequence', input, what: 'attends over the steps of a sequence' }] };
    // the shape is known whatever h is: the checker reads on past a bad h with it
    return { output: input, issues: input.n % spec.heads === 0 ? [] : [{ kind: 'heads-divide', d: input.n, h: spec.heads }] };
  },
  parameters: (_spec, input) => (input.kind === 'sequence' ? trainedParameters(attentionParameters(input.n)) : []),
  fanIn: (_spec, input) => (input.kind === 'sequence' ? input.n : 0),
  engine: (spec, input) => attentionEngine(headsOf(spec, input)),
  hasZ: false,
  form: { options: ['heads'], flags: ['causal'], requires: { heads: 'heads: 2' } },
  spec: ({ options }) => ({ kind: 'self_attention', heads: options.heads, ...(options.causal ? { causal: true } : {}) }),
  insert: 'self_attention heads: ${1:2}',
  syntax: 'self_attention heads: h [causal]',
  doc: 'Multi-head self-attention over the T steps of a sequence of d features: Q = WQ·A, K = WK·A, V = WV·A; head j (d_k = d/h rows) scores S_j = Q_jᵀ·K_j/√d_k (T, T), α_j = softmax of each row, O_j = V_j·α_jᵀ; A[l] = WO·O + bO. `causal`: step t attends to steps up to t only. WQ, WK, WV, WO (d, d), bQ, bK, bV, bO (d, 1).',
  describe: (spec, shapes) => {
    const { l } = shapes;
    const { T, d, h, causal } = headsOf(spec, shapes.input);
    const dk = d / h;
    const perHead = (names: string[], rule: string, dims: Dims, torch: (number | 'm')[]): MatrixRow => ({ names, rule, dims, torch });
    return {
      kind: spec.kind,
      summary: `${h} head${h === 1 ? '' : 's'} of d_k = ${Number.isInteger(dk) ? dk : `${d}/${h}`}${causal ? ' · causal' : ''}`,
      rows: [
        ...['W', 'b'].map((w): MatrixRow => ({ names: [...PROJECTIONS, 'O'].map((p) => `${w}${p}`), rule: w === 'W' ? '(d, d)' : '(d, 1)', dims: w === 'W' ? [d, d] : [d, 1] })),
        perHead(['Q_j', 'K_j', 'V_j'], '(d_k, T) per example', [dk, T], ['m', h, T, dk]),
        perHead(['S_j', 'α_j'], '(T, T) per example', [T, T], ['m', h, T, T]),
        perHead(['O_j'], '(d_k, T) per example', [dk, T], ['m', h, T, dk]),
        outputRows(shapes, false),
      ],
      derivation: [
        `Q = WQ·A[${l - 1}] + bQ, K = WK·A[${l - 1}] + bK, V = WV·A[${l - 1}] + bV, each (d, T) = ${formatDims([d, T])} per example`,
        `head j = 1…${h}: d_k = d/h = ${d}/${h}${Number.isInteger(dk) ? ` = ${dk}` : ' is not whole'} rows of Q, K, V`,
        `S_j = Q_jᵀ·K_j / √d_k${causal ? ', S_j[t, t′] = −∞ for t′ > t (causal)' : ''}`,
        'α_j = softmax of each row of S_j (row t: what query t attends to)',
        'O_j = V_j·α_jᵀ; O = [O_1; …; O_h] (d, T)',
        `A[${l}] = WO·O + bO`,
        `batch-first (PyTorch): Q_j, K_j, V_j, O_j (m, h, T, d_k) = ${formatDims(['m', h, T, dk])}; α (m, h, T, T) = ${formatDims(['m', h, T, T])}`,
      ],
      count: `4·d·d + 4·d = 4·${d}·${d} + 4·${d}`,
      params: shapes.params,
      fields: { heads: h, ...(causal ? { mask: 'causal' } : {}) },
    };
  },
  onnx: (spec, { layer, input, values }) => attentionGraph(headsOf(spec, layer.input), layer.l, input, values),
  // nn.MultiheadAttention on batch-first (m, T, d): in_proj = [WQ; WK; WV] by rows (the runtime's
  // slice paths), out_proj = WO, bO; a causal attn_mask is True above the diagonal (masked)
  torch: (spec, { layer, name }) => {
    const { T, d, h, causal } = headsOf(spec, layer.input);
    const parameters: Record<string, string> = { WO: 'out_proj.weight', bO: 'out_proj.bias' };
    PROJECTIONS.forEach((p, k) => {
      parameters[`W${p}`] = `in_proj_weight[${k * d}:${(k + 1) * d}]`;
      parameters[`b${p}`] = `in_proj_bias[${k * d}:${(k + 1) * d}]`;
    });
    const mask = causal ? `, attn_mask=torch.triu(torch.ones(${T}, ${T}, dtype=torch.bool, device=A.device), 1)` : '';
    return {
      module: `nn.MultiheadAttention(${d}, ${h}, batch_first=True)`,
      forward: [`A = self.${name}(A, A, A, need_weights=False${mask})[0]`],
      parameters,
    };
  },
};

/** WQ, WK, WV, WO (d, d) by the network's init with fan-in d, then bQ, bK, bV, bO (d, 1) zeros. */
function attentionParameters(d: number): ParameterSpec[] {
  const W = [d, d] as Dims, b = [d, 1] as Dims;
  return [
    ...[...PROJECTIONS, 'O'].map((p): ParameterSpec => ({ name: `W${p}`, dims: W, shape: W, init: 'weights', trained: true, regularized: true })),
    ...[...PROJECTIONS, 'O'].map((p): ParameterSpec => ({ name: `b${p}`, dims: b, shape: b, init: 'zeros', trained: true, regularized: false })),
  ];
}

/**
 * A[l−1] and A[l] (T·d, m), time-major. The projections are per-step products over the steps'
 * (d, m) blocks; the (T, T) part per example and head is the kernels' `attention`. Kept per batch
 * for backward: Q, K, V, O (T·d, m) and α (m, h·T·T); dQ, dK, dV beside them. Backward writes dO
 * over O (O is spent once dWO is summed) and then uses O's steps to add up dA[l−1]'s three terms.
 */
function attentionEngine(heads: Heads): LayerEngine {
  const { T, d, h } = heads;
  const step = (M: Matrix, t: number): Matrix => rowBlock(M, t * d, d);
  const sequence = { features: T * d, byRows: false };
  return {
    ...noActivation(T * d),
    parameters: attentionParameters(d),
    hasZ: false,
    scratch: () => [[d, d], [d, 1], [1, T]],
    perBatch: [sequence, sequence, sequence, sequence, { features: h * T * T, byRows: true }, sequence, sequence, sequence],
    forward({ k, theta, Aprev, A, batch: [Q, K, V, O, alpha] }) {
      [Q, K, V].forEach((P, p) => {
        for (let t = 0; t < T; t++) {
          k.mul(step(P, t), theta[`W${PROJECTIONS[p]}`], step(Aprev, t));
          k.addColumn(step(P, t), theta[`b${PROJECTIONS[p]}`]);
        }
      });
      k.attention(O, alpha, Q, K, V, heads);
      for (let t = 0; t < T; t++) {
        k.mul(step(A, t), theta.WO, step(O, t));
        k.addColumn(step(A, t), theta.bO);
      }
    },
    // α_j of example j as forward kept it: α is (m, h·T·T), example i's row holds head j's (T, T) at j·T·T
    traces([, , , , alpha], _m, i) {
      return Array.from({ length: h }, (_, j): TimeTrace => {
        const first = (i * h + j) * T * T;
        return { name: 'α', title: 'attention weights', rows: 'queries', head: j + 1, bounds: [0, 1], values: { rows: T, cols: T, data: alpha.data.slice(first, first + T * T) } };
      });
    },
    backward({ k, m, theta, dTheta, Aprev, dA, dAprev, scratch: [dW, db, row], batch: [Q, K, V, O, alpha, dQ, dK, dV] }) {
      sumOverSteps(k, T, dTheta.WO, dW, (into, t) => k.mulBT(into, step(dA, t), step(O, t), 1 / m));
      sumOverSteps(k, T, dTheta.bO, db, (into, t) => k.sumColumns(into, step(dA, t), 1 / m));
      for (let t = 0; t < T; t++) k.mulAT(step(O, t), theta.WO, step(dA, t)); // dO, over O
      k.attentionBackward(dQ, dK, dV, O, alpha, Q, K, V, row, heads);
      [dQ, dK, dV].forEach((dP, p) => {
        const name = PROJECTIONS[p];
        sumOverSteps(k, T, dTheta[`W${name}`], dW, (into, t) => k.mulBT(into, step(dP, t), step(Aprev, t), 1 / m));
        sumOverSteps(k, T, dTheta[`b${name}`], db, (into, t) => k.sumColumns(into, step(dP, t), 1 / m));
      });
      if (!dAprev) return;
      // dA[l−1]⟨t⟩ = WQᵀ·dQ⟨t⟩ + WKᵀ·dK⟨t⟩ + WVᵀ·dV⟨t⟩, the last two through O's step t
      for (let t = 0; t < T; t++) {
        k.mulAT(step(dAprev, t), theta.WQ, step(dQ, t));
        for (const [W, dP] of [[theta.WK, dK], [theta.WV, dV]] as const) {
          k.mulAT(step(O, t), W, step(dP, t));
          k.axpy(step(dAprev, t), 1, step(O, t));
        }
      }
    },
  };
}
