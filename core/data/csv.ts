// CSV files of examples (spec §4): one row per example, every cell a number, an optional header.
// Shared by the checker (feature/label counts, bad cells) and the engine (the numbers themselves),
// so both report the same problems at the same places.

import { parse } from 'csv-parse/sync';

export interface CsvTable {
  /** the first row, when it holds a non-numeric cell */
  header?: string[];
  /** one row per example, `columns` numbers each */
  rows: number[][];
  columns: number;
  /** the 1-based line of the file each row comes from (blank lines are skipped) */
  lines: number[];
}

/** A problem in the file: `row` is the 1-based line of the file, `column` the 1-based field. */
export class CsvError extends Error {
  constructor(message: string, readonly row: number, readonly column: number) {
    super(message);
    this.name = 'CsvError';
  }
}

// Plain decimal numbers only: Number() alone would also take '', '0x1F' and 'Infinity'.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface Record {
  record: string[];
  info: { lines: number };
}

export function parseCsv(text: string): CsvTable {
  let records: Record[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as unknown as Record[];
  } catch (e) {
    // csv-parse's own errors (an unclosed quote, …) carry the line they stopped at.
    const err = e as { message: string; lines?: number };
    throw new CsvError(`malformed CSV: ${err.message}`, err.lines ?? 1, 1);
  }
  if (records.length === 0) throw new CsvError('the file has no rows', 1, 1);

  const first = records[0].record;
  const header = first.some((cell) => !NUMBER.test(cell)) ? first : undefined;
  const columns = first.length;
  const rows: number[][] = [];
  const lines: number[] = [];
  for (const { record, info } of header ? records.slice(1) : records) {
    const row = info.lines;
    if (record.length !== columns) {
      throw new CsvError(`row ${row} has ${record.length} cells, but the first row has ${columns}`, row, Math.min(record.length, columns) + 1);
    }
    lines.push(row);
    rows.push(record.map((cell, j) => {
      if (!NUMBER.test(cell)) {
        const name = header ? ` ("${header[j]}")` : '';
        const shown = cell === '' ? 'is empty' : `"${cell}" is not a number`;
        throw new CsvError(`row ${row}, column ${j + 1}${name}: ${shown}`, row, j + 1);
      }
      return Number(cell);
    }));
  }
  if (rows.length === 0) throw new CsvError('the file has a header but no examples', 1, 1);
  return { header, rows, columns, lines };
}
