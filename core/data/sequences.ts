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

/**
 * The labels a network's output layer takes (spec §14): one per step when its A[L] is a sequence
 * (a class index per step for softmax, else n_y values per step), else one per example, as §4.
 */
export function labelsFor(output: { kind: string; T?: number }, units: number, softmax: boolean): SequenceOutput {
  if (output.kind === 'sequence' && output.T !== undefined) {
    return softmax ? { kind: 'classes', steps: output.T, classes: units } : { kind: 'values', steps: output.T, size: units };
  }
  return softmax ? { kind: 'last', size: units, classes: units } : { kind: 'last', size: units };
}

/** Whether data's x fits the network's input: the same kind, steps and features (or vocabulary). */
export function sameInput(a: SequenceInput, b: SequenceInput): boolean {
  return a.kind === b.kind && a.steps === b.steps && (a.kind === 'sequence' ? a.features === (b as typeof a).features : a.vocab === (b as typeof a).vocab);
}

/** Whether data's y fits the output: per step against per step of the same T (and classes), or one per example. */
export function sameOutput(a: SequenceOutput, b: SequenceOutput): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'classes': return a.steps === (b as typeof a).steps && a.classes === (b as typeof a).classes;
    case 'values': return a.steps === (b as typeof a).steps && a.size === (b as typeof a).size;
    case 'last': return a.size === (b as typeof a).size && a.classes === (b as typeof a).classes;
  }
}

/** How a message names x: `sequences of 2 features over T = 50 steps`, `tokens (T = 10, V = 10)`. */
export function inputText(input: SequenceInput): string {
  return input.kind === 'sequence'
    ? `sequences of ${input.features} feature${input.features === 1 ? '' : 's'} over T = ${input.steps} steps`
    : `tokens (T = ${input.steps} steps, vocabulary V = ${input.vocab})`;
}

/** How a message names y: `one label per sequence`, `a class of 12 at each of 30 steps`. */
export function outputText(output: SequenceOutput): string {
  switch (output.kind) {
    case 'classes': return `a class of ${output.classes} at each of ${output.steps} steps`;
    case 'values': return `${output.size} value${output.size === 1 ? '' : 's'} at each of ${output.steps} steps`;
    case 'last': return output.classes !== undefined ? `one class of ${output.classes} per sequence` : `${output.size} value${output.size === 1 ? '' : 's'} per sequence (at its last step)`;
  }
}
