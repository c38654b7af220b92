// How both exports lay out a batch, one example per row (spec §10, §14): an image NCHW
// (m, n_C, n_H, n_W), a sequence batch-first (m, T, n) as nn.Linear, nn.RNN and
// nn.LSTM(batch_first=True) read it, token ids (m, T), a vector (m, n). The one place that says
// it, so the ONNX model's input and output, its description and the PyTorch script's first line agree.

import type { NetworkSpec } from '../../foundation/model';
import { inputShape, type Shape } from '../../layers';

/** An example's dimensions after the batch's: (n_C, n_H, n_W), (T, n), (T) or (n). */
export function exampleDims(shape: Shape): number[] {
  switch (shape.kind) {
    case 'volume': return [shape.n_C, shape.n_H, shape.n_W];
    case 'sequence': return [shape.T, shape.n];
    case 'tokens': return [shape.T];
    case 'vector': return [shape.n];
  }
}

/** The same dimensions by name, `n` naming the features (`n[0]`, `n[L]`): `[batch, T, n[0]]`, `[batch, T] token ids`. */
export function batchText(shape: Shape, n: string): string {
  switch (shape.kind) {
    case 'volume': return '[batch, C, H, W]';
    case 'sequence': return `[batch, T, ${n}]`;
    case 'tokens': return '[batch, T] token ids';
    case 'vector': return `[batch, ${n}]`;
  }
}

/** The network's input X as a batch: exampleDims of spec's input shape. */
export function inputDims(spec: NetworkSpec): number[] {
  return exampleDims(inputShape(spec));
}
