// `positional_encoding` (spec §15): adds the sinusoids of "Attention is all you need" to a sequence
// of d features, PE[2i, t] = sin(t / 10000^(2i/d)), PE[2i+1, t] = cos(t / 10000^(2i/d)), t = 0…T−1,
// so that attention, which treats its steps as a set, can tell them apart. No parameters.

import { outputRows } from './describe';
import type { LayerEngine } from './engine';
import type { LayerKind } from './kind';
import { parameterFree, withoutParameters } from './parameterFree';
import type { Matrix } from '../foundation/matrix';
import { features, type Shape } from './shape';
import { realPower } from '../foundation/powers';

/** `positional_encoding`: A[l] = A[l−1] + PE. */
export interface PositionalEncodingSpec {
  kind: 'positional_encoding';
}

declare module '../foundation/model' {
  interface LayerSpecs {
    positional_encoding: PositionalEncodingSpec;
  }
}

/**
 * PE as the engine adds it: (T·d) numbers time-major, entry t·d + k = PE[k, t]. Rows 2i and 2i + 1
 * share the frequency 1/10000^(2i/d); d odd leaves its last row a sine.
 */
export function encoding(d: number, T: number): Float64Array {
  const pe = new Float64Array(T * d);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < d; k++) {
      const angle = t / realPower(10000, (2 * Math.floor(k / 2)) / d);
      pe[t * d + k] = k % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return pe;
}

const sizes = (input: Shape): { d: number; T: number } => (input.kind === 'sequence' ? { d: input.n, T: input.T } : { d: 0, T: 0 });

export const positionalEncoding: LayerKind<PositionalEncodingSpec> = {
  kind: 'positional_encoding',
  output: (_spec, input) => (input.kind === 'sequence' ? { output: input, issues: [] } : { issues: [{ kind: 'needs-sequence', input, what: 'adds the sinusoids of each step\'s position to a sequence' }] }),
  ...withoutParameters,
  engine: (_spec, input) => positionalEncodingEngine(input),
  form: { options: [] },
  spec: () => ({ kind: 'positional_encoding' }),
  insert: 'positional_encoding',
  syntax: 'positional_encoding',
  doc: 'Adds the positional encoding to a sequence of d = n features: PE[2i, t] = sin(t / 10000^(2i/d)), PE[2i+1, t] = cos(t / 10000^(2i/d)), t = 0…T−1, so self-attention can tell the steps apart. No parameters.',
  describe: (spec, shapes) => {
    const { l } = shapes;
    const { d, T } = sizes(shapes.input);
    return {
      kind: spec.kind,
      summary: `sinusoids over d = ${d} features and T = ${T} steps`,
      rows: [{ names: ['PE'], rule: `(n[${l}], T)`, dims: [d, T] }, outputRows(shapes, false)],
      derivation: [
        `PE[2i, t] = sin(t / 10000^(2i/${d})), PE[2i+1, t] = cos(t / 10000^(2i/${d})), t = 0…${T - 1}`,
        `A[${l}]⟨t⟩ = A[${l - 1}]⟨t⟩ + PE[:, t]`,
      ],
      params: 0,
      fields: {},
    };
  },
  // a constant Add: PE as (T, d) broadcast over the batch of (batch, T, d)
  onnx: (_spec, { layer, input }) => {
    const { d, T } = sizes(layer.input);
    return {
      nodes: [{ op: 'Add', inputs: [input, `PE${layer.l}`], output: `A${layer.l}` }],
      initializers: [{ name: `PE${layer.l}`, dims: [T, d], values: encoding(d, T) }],
    };
  },
  // a registered buffer (runtime's Constant), PE (T, d) broadcast over batch-first (m, T, d)
  torch: (_spec, { layer, name }) => {
    const { d, T } = sizes(layer.input);
    return { module: `Constant(positional_encoding(${d}, ${T}))`, forward: [`A = A + self.${name}.value`] };
  },
};

/** A[l] = A[l−1] + PE, PE a (T·d, 1) column added to each example; dA[l−1] = dA[l]. Z[l] is A[l]. */
function positionalEncodingEngine(input: Shape): LayerEngine {
  const { d, T } = sizes(input);
  const PE: Matrix = { rows: T * d, cols: 1, data: encoding(d, T) };
  return parameterFree(features(input), {
    forward({ k, Aprev, A }) {
      A.data.set(Aprev.data.subarray(0, A.data.length));
      k.addColumn(A, PE);
    },
    backward: ({ dA }, dAprev) => dAprev.data.set(dA.data.subarray(0, dAprev.data.length)),
  });
}
