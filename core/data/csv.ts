// CSV files of examples (spec §4): one row per example, every cell a number, an optional header.
// Shared by the checker (feature/label counts, bad cells) and the engine (the numbers themselves),
// so both report the same problems at the same places.
//
// A small reader of its own rather than a general CSV library: the cells are numbers, so the only
// quoting needed is for header names, and it is several times faster (a general parser took 13 s on
// 17 MB, blocking the editor). It takes text in pieces (`push`), so the editor can parse a large file a
// slice at a time between other work. A quoted cell must close on its own line.
//
// Messages quote nothing from the file but the offending cell (shortened) and its column's name: a
// path can name any file, and its content must not end up in a diagnostic.

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

/**
 * Whether text[from, to) is a plain decimal number, blanks around it allowed: [+-]digits[.digits]
 * [e[+-]digits], at least one digit before the exponent. Number() alone would also take '', '0x1F'
 * and 'Infinity'. By char codes, as a regular expression per cell made parsing twice as slow.
 */
function isDecimal(text: string, from: number, to: number): boolean {
  let i = from;
  let end = to;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  while (end > i && isBlank(text.charCodeAt(end - 1))) end--;
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
const isBlank = (c: number) => c === 32 || c === 9;

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
    let start = 0;
    for (let nl = all.indexOf('\n'); nl >= 0; nl = all.indexOf('\n', start)) {
      this.record(all.slice(start, nl));
      start = nl + 1;
    }
    this.rest = all.slice(start);
  }

  /** The rows read so far, without the end-of-file checks: for a prefix of a larger file. */
  partial(): CsvTable {
    return { header: this.header, rows: this.rows, columns: this.columns, lines: this.lines };
  }

  /** The whole table, once all the text is pushed. */
  end(): CsvTable {
    if (this.rest !== '') this.record(this.rest);
    this.rest = '';
    if (this.columns === 0) throw new CsvError('the file has no rows', 1, 1);
    if (this.rows.length === 0) throw new CsvError('the file has a header but no examples', 1, 1);
    return this.partial();
  }

  private record(text: string): void {
    const row = ++this.line;
    const line = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text; // CRLF
    if (line.length === 0 || (isBlank(line.charCodeAt(0)) && line.trim() === '')) return;
    if (this.columns === 0 || line.includes('"')) return this.cells(line.includes('"') ? quotedCells(line, row) : line.split(','), row);
    // The common line, numbers between commas: no array of cell strings, no regular expression.
    const values: number[] = [];
    for (let from = 0; ;) {
      const comma = line.indexOf(',', from);
      const to = comma < 0 ? line.length : comma;
      const x = isDecimal(line, from, to) ? Number(line.slice(from, to)) : NaN;
      // A bad cell or row: the slow path finds it and throws the precise error.
      if (!Number.isFinite(x)) return this.cells(line.split(','), row);
      values.push(x);
      if (comma < 0) break;
      from = comma + 1;
    }
    if (values.length !== this.columns) return this.cells(line.split(','), row);
    this.rows.push(values);
    this.lines.push(row);
  }

  /** A line given as cell strings: the first row (maybe the header), a line with quotes, or one with an error. */
  private cells(cells: string[], row: number): void {
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

// A header cell is shown as the column's name only when it looks like one: the first line of a file
// that is no CSV at all (say a key file) is not a column name, and is not repeated.
const NAME = /^[\w .()[\]-]{1,24}$/;

/** The cell in quotes, shortened: enough to find it, not a copy of the file. */
function shown(cell: string): string {
  return JSON.stringify(cell.length > 24 ? `${cell.slice(0, 21)}…` : cell);
}

/** Cells of a line with quotes: `"a, b",2` is two cells; `""` inside quotes is one quote. */
function quotedCells(line: string, row: number): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let cell: string;
    if (line[i] === '"') {
      const column = cells.length + 1;
      cell = '';
      for (i++; ; i++) {
        if (i >= line.length) throw new CsvError(`row ${row}, column ${column}: a quoted cell is not closed on its line`, row, column);
        if (line[i] !== '"') cell += line[i];
        else if (line[i + 1] === '"') cell += line[i++];
        else break;
      }
      i++;
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (i < line.length && line[i] !== ',') throw new CsvError(`row ${row}, column ${column}: text after a closing quote`, row, column);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      cell = line.slice(i, end).trim();
      i = end;
    }
    cells.push(cell);
    if (i >= line.length) return cells;
    i++; // the comma
  }
}
