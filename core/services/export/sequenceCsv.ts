// The examples of a sequence network's text(…) or generator data (spec §14) as the CSV the exported
// script reads: the very token ids, values and labels the engine trains on, written rather than
// re-read in Python (the text's character order, a generator's draws stay the data floor's alone).
// One row per example: x time-major (step 1's values, then step 2's, …; a token id per step), then
// the labels — a class index per step (or per example) for softmax, else the values of y as given.

import type { Dataset } from '../../data/datasetTypes';
import { exact } from './csv';

/** `softmax`: Y holds one-hot blocks of `units` rows (one per step, or one per example). */
export function sequenceCsv({ X, Y, m }: Dataset, units: number, softmax: boolean): string {
  const header = [...Array.from({ length: X.rows }, (_, f) => `x${f + 1}`), ...Array.from({ length: softmax ? Y.rows / units : Y.rows }, (_, k) => `y${k + 1}`)];
  const lines = [header.join(',')];
  for (let j = 0; j < m; j++) {
    const row: string[] = [];
    for (let f = 0; f < X.rows; f++) row.push(exact(X.data[f * m + j]));
    if (softmax) {
      for (let block = 0; block < Y.rows; block += units) {
        let k = 0;
        while (k < units && Y.data[(block + k) * m + j] !== 1) k++;
        row.push(String(k));
      }
    } else {
      for (let r = 0; r < Y.rows; r++) row.push(exact(Y.data[r * m + j]));
    }
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}
