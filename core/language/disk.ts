// The checker's files from disk, the default FileAccess (the CLI, tests): regular files only, within
// the size limits of core/data/read.ts, read whole and synchronously (of an image folder, its listing
// and each image's header) — the editor's server has its own, which does not block (core/adapters/lsp/files.ts).

import { parseCsv } from '../data/csv';
import { ImageFolderError, listImageFolder, summarizeImageFolder } from '../data/images';
import { readRegularFile } from '../data/read';
import type { CsvRead, FileAccess, ImageFolderRead } from './api';
import type { Reach } from '../data/paths';

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
  readImageFolder(path, reach) {
    return readImageFolder(path, reach);
  },
};

/** The folder's listing and every image's header, read afresh: the CLI checks once. */
export function readImageFolder(path: string, reach?: Reach): ImageFolderRead {
  try {
    return summarizeImageFolder(listImageFolder(path, reach));
  } catch (e) {
    if (e instanceof ImageFolderError) return e;
    throw e;
  }
}

function readCsv(path: string): CsvRead {
  try {
    return { table: parseCsv(readRegularFile(path, 'csv')), complete: true };
  } catch (e) {
    return e as Error; // a FileError or a CsvError, both with a message fit to show
  }
}
