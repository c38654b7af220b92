// CSV files of examples (spec §4): one row per example, every cell a number, an optional header.
// Shared by the checker (feature/label counts, bad cells) and the engine (the numbers themselves),
// so both report the same problems at the same places.
//
// csv-parse splits the text into cells; this module only checks that the cells are decimal numbers,
// finds the header, and words the errors. It takes text in pieces (`push`), so the editor can parse a
// large file a slice at a time between other work: only complete lines go to csv-parse, and the
// unfinished last line waits for the next piece. A quoted cell must close on its own line.
//
// Two sets of csv-parse options, because its `trim` doubles its time on a big file: lines without a
// quote (nearly all of them) are split with the fastest options and the blanks around a number are
// left to `isDecimal`; a line with a quote (a quoted header name) is parsed on its own, trimmed.
//
// Messages quote nothing from the file but the offending cell (shortened) and its column's name: a
// path can name any file, and its content must not end up in a diagnostic.

import { parse, CsvError as ParseError } from 'csv-parse/sync';

export interface CsvTable {
  /** the first row, when it holds a non-numeric cell */
  header?: string[];
  /** one row per example, `columns` numbers each */
  rows: number[][];
  columns: number;
  /** the 1-based line of the file each row comes from (blank lines are skipped) */
  lines: number[];
}

/**
 * A problem in the file: `row` is the 1-based line of the file, `column` the 1-based field.
 * `unquoted` is the message without any of the file's text, for a file outside the workspace.
 */
export class CsvError extends Error {
  readonly unquoted: string;

  constructor(message: string, readonly row: number, readonly column: number, unquoted?: string) {
    super(message);
    this.name = 'CsvError';
    this.unquoted = unquoted ?? message;
  }
}

// Lines without quotes: every '\n' ends one record, blank lines included (so the n-th record is the
// n-th line), and a ragged row is ours to report, not csv-parse's.
const PLAIN = { relax_column_count: true, record_delimiter: ['\r\n', '\n'] };
// One line with quotes: blanks around a quoted cell are allowed, and a quote inside an unquoted
// cell stays part of it (the cell is then reported as not a number).
const QUOTED = { relax_column_count: true, trim: true, relax_quotes: true };

/** Builds a CsvTable from text given in pieces; throws CsvError at the first bad line. */
export class CsvParser {
  private header?: string[];
  private columns = 0;
  private readonly rows: number[][] = [];
  private readonly lines: number[] = [];
  private line = 0;
  private rest = '';

  /** Parses every complete line of `text` (after what was pushed before); keeps an unfinished last line. */
  push(text: string): void {
    const all = this.rest + text;
    const end = all.lastIndexOf('\n') + 1;
    this.rest = all.slice(end);
    this.complete(all.slice(0, end));
  }

  /** The rows read so far, without the end-of-file checks: for a prefix of a larger file. */
  partial(): CsvTable {
    return { header: this.header, rows: this.rows, columns: this.columns, lines: this.lines };
  }

  /** The whole table, once all the text is pushed. */
  end(): CsvTable {
    if (this.rest !== '') this.complete(`${this.rest}\n`);
    this.rest = '';
    if (this.columns === 0) throw new CsvError('the file has no rows', 1, 1);
    if (this.rows.length === 0) throw new CsvError('the file has a header but no examples', 1, 1);
    return this.partial();
  }

  /** Lines that each end in '\n': runs without quotes in one csv-parse call, a line with quotes alone. */
  private complete(text: string): void {
    for (let from = 0; from < text.length;) {
      const quote = text.indexOf('"', from);
      const start = quote < 0 ? text.length : text.lastIndexOf('\n', quote) + 1;
      if (start > from) {
        for (const cells of parse(text.slice(from, start), PLAIN) as string[][]) {
          const row = ++this.line;
          // a blank line, spaces and tabs at most
          if (cells.length > 1 || !isBlank(cells[0])) this.record(cells, row);
        }
      }
      if (quote < 0) return;
      from = text.indexOf('\n', quote) + 1;
      this.record(quotedCells(text.slice(start, from - 1), ++this.line), this.line);
    }
  }

  /** One line's cells: the first row (maybe the header), or a row of numbers. */
  private record(cells: string[], row: number): void {
    if (this.columns === 0) {
      this.columns = cells.length;
      if (cells.some((c) => !isDecimal(c, 0, c.length))) {
        this.header = cells.map((c) => c.trim());
        return;
      }
    }
    if (cells.length !== this.columns) {
      throw new CsvError(`row ${row} has ${cells.length} cells, but the first row has ${this.columns}`, row, Math.min(cells.length, this.columns) + 1);
    }
    const values: number[] = [];
    for (let j = 0; j < cells.length; j++) values.push(cellValue(cells[j], row, j + 1, this.header?.[j]));
    this.rows.push(values);
    this.lines.push(row);
  }
}

export function parseCsv(text: string): CsvTable {
  const parser = new CsvParser();
  parser.push(text);
  return parser.end();
}

/** The cells of one line with quotes (its '\r' of a CRLF included); csv-parse's errors reworded. */
function quotedCells(line: string, row: number): string[] {
  try {
    return (parse(line.endsWith('\r') ? line.slice(0, -1) : line, QUOTED) as string[][])[0];
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const column = Number(e.index) + 1; // the 0-based field where csv-parse stopped
    const why = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is not closed on its line'
      : e.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE' ? 'text after a closing quote'
      : `the line is not valid CSV (${e.code})`;
    throw new CsvError(`row ${row}, column ${column}: ${why}`, row, column);
  }
}

function cellValue(text: string, row: number, column: number, name: string | undefined): number {
  const x = Number(text);
  if (Number.isFinite(x) && isDecimal(text, 0, text.length)) return x;
  const cell = text.trim();
  const at = `row ${row}, column ${column}`;
  const where = `${at}${name !== undefined && NAME.test(name) ? ` ("${name}")` : ''}`;
  if (cell === '') throw new CsvError(`${where}: the cell is empty`, row, column);
  if (!isDecimal(cell, 0, cell.length)) throw new CsvError(`${where}: ${shown(cell)} is not a number`, row, column, `${at}: the cell is not a number`);
  throw new CsvError(`${where}: ${shown(cell)} is too large for a float64 (it would be ${Number(cell)})`, row, column, `${at}: the number is too large for a float64`);
}

/**
 * Whether text[from, to) is a plain decimal number, blanks around it allowed: [+-]digits[.digits]
 * [e[+-]digits], at least one digit before the exponent. Number() alone would also take '', '0x1F'
 * and 'Infinity'. By char codes, as a regular expression per cell made parsing twice as slow.
 */
function isDecimal(text: string, from: number, to: number): boolean {
  let i = from;
  let end = to;
  while (i < end && isBlankCode(text.charCodeAt(i))) i++;
  while (end > i && isBlankCode(text.charCodeAt(end - 1))) end--;
  let c = text.charCodeAt(i);
  if (c === 43 || c === 45) c = text.charCodeAt(++i); // + -
  let digits = 0;
  while (i < end && isDigit(c)) (c = text.charCodeAt(++i)), digits++;
  if (i < end && c === 46) { // .
    c = text.charCodeAt(++i);
    while (i < end && isDigit(c)) (c = text.charCodeAt(++i)), digits++;
  }
  if (digits === 0) return false;
  if (i < end && (c === 101 || c === 69)) { // e E
    c = text.charCodeAt(++i);
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    let exponent = 0;
    while (i < end && isDigit(c)) (c = text.charCodeAt(++i)), exponent++;
    if (exponent === 0) return false;
  }
  return i === end;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isBlankCode = (c: number) => c === 32 || c === 9;

/** Whether the cell holds only spaces and tabs. */
function isBlank(cell: string): boolean {
  for (let i = 0; i < cell.length; i++) if (!isBlankCode(cell.charCodeAt(i))) return false;
  return true;
}

// A header cell is shown as the column's name only when it looks like one: the first line of a file
// that is no CSV at all (say a key file) is not a column name, and is not repeated.
const NAME = /^[\w .()[\]-]{1,24}$/;

/** The cell in quotes, shortened: enough to find it, not a copy of the file. */
function shown(cell: string): string {
  return JSON.stringify(cell.length > 24 ? `${cell.slice(0, 21)}…` : cell);
}
