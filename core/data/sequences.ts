// What sequence data gives the engine (spec §14, docs/part3.md "Sequences in matrices"): x as
// (T·n_x, m) time-major by rows, or token ids (T, m); labels at the last step (n_y, m), or per step
// as class ids (T, m) (oneHotPerStep below makes the (T·n_y, m) one-hot) or values (T·n_y, m).

import { matrix, type Matrix } from '../foundation/matrix';

export type SequenceInput =
  | { kind: 'sequence'; steps: number; features: number }
  | { kind: 'tokens'; steps: number; vocab: number };

export type SequenceOutput =
  /** one label per example, as spec §4: n_y values, or a class index for softmax */
  | { kind: 'last'; size: number; classes?: number }
  /** one class index per step (softmax): Y holds the ids (T, m) */
  | { kind: 'classes'; steps: number; classes: number }
  /** n_y values per step, time-major: Y is (T·n_y, m) */
  | { kind: 'values'; steps: number; size: number };

export interface SequenceData {
  input: SequenceInput;
  output: SequenceOutput;
  X: Matrix;
  Y: Matrix;
  m: number;
  /** the characters of token ids, when they are characters (text, dates) */
  inputVocab?: readonly string[];
  outputVocab?: readonly string[];
}

/** Per-step class ids (T, m) as one-hot labels (T·V, m): rows t·V … t·V + V − 1 are step t + 1. */
export function oneHotPerStep(ids: Matrix, V: number): Matrix {
  const { rows: T, cols: m } = ids;
  const Y = matrix(T * V, m);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < m; j++) Y.data[(t * V + ids.data[t * m + j]) * m + j] = 1;
  }
  return Y;
}
