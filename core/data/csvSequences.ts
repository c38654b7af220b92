// CSV sequences (spec §14): each row is one example, x time-major (the n_x values of step 1, then of
// step 2, …; a tokens input one integer per step), then its labels — as spec §4 for a `return: last`
// output, or per step: one class index per step (softmax), or n_y values per step, time-major. The
// cells come from csv.ts's reader; this module only lays them out (sequences.ts) and checks ids.

import { matrix } from '../foundation/matrix';
import { CsvError, type CsvTable } from './csv';
import { oneHotPerStep, type SequenceData, type SequenceInput, type SequenceOutput } from './sequences';

/** How many cells x and the labels take in a row. */
export function sequenceColumns(input: SequenceInput, output: SequenceOutput): { x: number; y: number } {
  const x = input.kind === 'sequence' ? input.steps * input.features : input.steps;
  const y = output.kind === 'classes' ? output.steps
    : output.kind === 'values' ? output.steps * output.size
    : output.classes !== undefined ? 1 : output.size;
  return { x, y };
}

function describe(input: SequenceInput, output: SequenceOutput): string {
  const x = input.kind === 'sequence'
    ? `${input.steps} steps × ${input.features} features for x`
    : `${input.steps} token ids for x`;
  const y = output.kind === 'classes' ? `${output.steps} class indexes, one per step`
    : output.kind === 'values' ? `${output.steps} steps × ${output.size} values for y`
    : output.classes !== undefined ? '1 class-index column (softmax output)'
    : `${output.size} label column${output.size === 1 ? '' : 's'}`;
  return `${x}, then ${y}`;
}

/**
 * The table as SequenceData. Throws CsvError with the file's 1-based row and column when the column
 * count does not fit, or a token or class id is not a whole number in range.
 */
export function csvSequences(table: CsvTable, input: SequenceInput, output: SequenceOutput): SequenceData {
  const need = sequenceColumns(input, output);
  const first = table.lines[0] ?? 1;
  if (table.columns !== need.x + need.y) {
    throw new CsvError(`the file has ${table.columns} columns, but the network needs ${need.x + need.y}: ${describe(input, output)}`, first, Math.min(table.columns, need.x + need.y) + 1);
  }
  const m = table.rows.length;
  const X = matrix(need.x, m);
  const labels = matrix(need.y, m);
  const V = input.kind === 'tokens' ? input.vocab : undefined;
  const K = output.kind === 'classes' ? output.classes : output.kind === 'last' ? output.classes : undefined;
  table.rows.forEach((row, j) => {
    for (let c = 0; c < need.x; c++) X.data[c * m + j] = V === undefined ? row[c] : id(row[c], V, table.lines[j], c + 1, 'token');
    for (let c = 0; c < need.y; c++) {
      const v = row[need.x + c];
      labels.data[c * m + j] = K === undefined ? v : id(v, K, table.lines[j], need.x + c + 1, 'class');
    }
  });
  const Y = output.kind === 'last' && output.classes !== undefined ? oneHotPerStep(labels, output.classes) : labels;
  return { input, output, X, Y, m };
}

function id(v: number, count: number, row: number, column: number, what: 'token' | 'class'): number {
  if (Number.isInteger(v) && v >= 0 && v < count) return v;
  const range = what === 'token' ? `the vocabulary's token ids 0…${count - 1}` : `the output's classes 0…${count - 1}`;
  throw new CsvError(`row ${row}, column ${column}: ${what} ${v} is not one of ${range}`, row, column);
}
