// The checker's files from disk, the default FileAccess (the CLI, tests): regular files only, within
// the size limits of core/data/read.ts, read whole and synchronously — the editor has its own,
// which does not block (core/lsp/files.ts).

import { parseCsv } from '../data/csv';
import { readRegularFile } from '../data/read';
import type { CsvRead, FileAccess } from './api';

export const diskFiles: FileAccess = {
  readFile(path) {
    try {
      return readRegularFile(path, 'weights');
    } catch (e) {
      return e as Error;
    }
  },
  readCsv(path) {
    return readCsv(path);
  },
};

function readCsv(path: string): CsvRead {
  try {
    return { table: parseCsv(readRegularFile(path, 'csv')), complete: true };
  } catch (e) {
    return e as Error; // a FileError or a CsvError, both with a message fit to show
  }
}
