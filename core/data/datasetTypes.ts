// What loading data gives the engine and how it fails (dataset.ts, sequenceDataset.ts): kept apart
// so the loaders of vector and sequence data share them without importing each other.

import type { Matrix } from '../foundation/matrix';

/** Examples as columns: X (n[0], m), Y (n[L], m), one-hot for a softmax output. */
export interface Dataset {
  X: Matrix;
  Y: Matrix;
  m: number;
  /** number of classes when the labels are classes (softmax: n[L]; one sigmoid unit: 2) */
  classes?: number;
  /** the CSV header's column names (features, then labels), when the file has a header */
  names?: string[];
  /** an image folder's class names (its subfolders), in label order */
  classNames?: string[];
  /** a text's characters, token k the k-th (spec §14); dates(…)'s input characters */
  vocab?: string[];
  /** the characters of y's token ids where they differ from x's (dates(…)) */
  outputVocab?: string[];
}

/** Data that cannot be loaded or does not fit the network; row and column are 1-based. */
export class DataError extends Error {
  constructor(message: string, readonly file?: string, readonly row?: number, readonly column?: number) {
    super(message);
    this.name = 'DataError';
  }
}

export type ReadFile = (absolutePath: string) => string;
