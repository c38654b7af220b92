// self_attention (spec §15) as ONNX operators, since ONNX has no attention operator before opset 23:
// on batch-first (batch, T, d), each projection is MatMul by Wᵀ plus b, split into heads by Reshape
// (batch, T, h, d_k) and Transpose (batch, h, T, d_k) — the transpose that `view` alone misses —
// then S = Q·Kᵀ/√d_k, the causal mask added as −∞ above the diagonal, Softmax over the last axis,
// α·V, and the heads joined back before WO. The initializers keep the weights file's layout.

import type { Heads } from '../foundation/kernels';
import { int64, ints, scalar, type LayerGraph, type OnnxInitializer, type OnnxNode } from './onnxGraph';

/** The graph of self-attention layer l on `input` (batch, T, d), ending in A[l]. */
export function attentionGraph({ T, d, h, causal }: Heads, l: number, input: string, values: Readonly<Record<string, Float64Array>>): LayerGraph {
  const dk = d / h;
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [
    int64(`heads${l}`, [0, 0, h, dk]),
    int64(`joined${l}`, [0, 0, d]),
    scalar(`scale${l}`, 1 / Math.sqrt(dk)),
  ];
  /** X·Wᵀ + b for the projection named p (Q, K, V, O): W[l] is (d, d) as the course writes it. */
  const project = (p: string, x: string): string => {
    initializers.push({ name: `W${p}${l}`, dims: [d, d], values: values[`W${p}`] }, { name: `b${p}${l}`, dims: [d], values: values[`b${p}`] });
    nodes.push(
      { op: 'Transpose', inputs: [`W${p}${l}`], output: `W${p}t${l}` },
      { op: 'MatMul', inputs: [x, `W${p}t${l}`], output: `${p}x${l}` },
      { op: 'Add', inputs: [`${p}x${l}`, `b${p}${l}`], output: `${p}${l}` },
    );
    return `${p}${l}`;
  };
  /** (batch, T, d) → (batch, h, T, d_k) with perm [0, 2, 1, 3], or (batch, h, d_k, T) with [0, 2, 3, 1]. */
  const split = (x: string, perm: number[]): string => {
    nodes.push(
      { op: 'Reshape', inputs: [x, `heads${l}`], output: `${x}s` },
      { op: 'Transpose', inputs: [`${x}s`], output: `${x}h`, attributes: [ints('perm', perm)] },
    );
    return `${x}h`;
  };
  const Q = split(project('Q', input), [0, 2, 1, 3]);
  const K = split(project('K', input), [0, 2, 3, 1]);
  const V = split(project('V', input), [0, 2, 1, 3]);
  nodes.push(
    { op: 'MatMul', inputs: [Q, K], output: `QK${l}` },
    { op: 'Mul', inputs: [`QK${l}`, `scale${l}`], output: `S${l}` },
  );
  if (causal) {
    const mask = new Float64Array(T * T);
    for (let t = 0; t < T; t++) for (let u = t + 1; u < T; u++) mask[t * T + u] = -Infinity;
    initializers.push({ name: `mask${l}`, dims: [T, T], values: mask });
    nodes.push({ op: 'Add', inputs: [`S${l}`, `mask${l}`], output: `Smasked${l}` });
  }
  nodes.push(
    { op: 'Softmax', inputs: [causal ? `Smasked${l}` : `S${l}`], output: `alpha${l}`, attributes: [{ name: 'axis', i: -1 }] },
    { op: 'MatMul', inputs: [`alpha${l}`, V], output: `Oh${l}` },
    { op: 'Transpose', inputs: [`Oh${l}`], output: `Ot${l}`, attributes: [ints('perm', [0, 2, 1, 3])] },
    { op: 'Reshape', inputs: [`Ot${l}`, `joined${l}`], output: `O${l}` },
  );
  project('O', `O${l}`);
  nodes[nodes.length - 1].output = `A${l}`;
  return { nodes, initializers };
}
