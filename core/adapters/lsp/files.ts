// The checker reads the CSV and weights files a `.nn` file names. This FileAccess serves them from
// memory while their size and mtime are unchanged (a stat is far cheaper than re-reading a large CSV
// on every keystroke), and remembers which document read which file so a change on disk re-checks
// exactly the documents that depend on it.
//
// It never blocks the language server on a big file: a CSV over SYNC_BYTES is checked at first from
// its first PREFIX_BYTES (the header and first rows give the column count and the first labels),
// while the whole file is read asynchronously and parsed a slice at a time between other events;
// `loaded` then fires and the documents that read it are checked again, now with m. Weights files
// (at most 32 MB, JSON must be parsed whole) are read at once. docs/limits.md has the numbers.
//
// An image folder is listed on every check (a readdir per class: cheap) and its images' headers
// are read only when the listing — folders, file names, folder mtimes — differs from the cached
// one; the watcher forgets the folder when anything in it changes, which covers a file rewritten
// in place (that changes no folder's mtime).

import * as fs from 'node:fs';
import { CsvError, CsvParser } from '../../data/csv';
import { ImageFolderError, listImageFolder, sameListing, summarizeImageFolder, type ImageListing } from '../../data/images';
import { FileError, readPrefix, readRegularFile, readRegularFileAsync, reason, refusal, type FileKind } from '../../data/read';
import type { CsvRead, FileAccess, ImageFolderRead } from '../../language/api';
import type { Reach } from '../../data/paths';

/** CSV files up to this size are read and parsed at once: a few milliseconds. */
export const SYNC_BYTES = 1024 * 1024;
/** How much of a bigger CSV is checked at once. */
export const PREFIX_BYTES = 256 * 1024;
/** Characters parsed between two turns of the event loop while a big CSV loads. */
const SLICE = 128 * 1024;

interface Stamp {
  mtimeMs: number;
  size: number;
}

export class CachedFiles {
  private readonly texts = new Map<string, Stamp & { text: string }>();
  private readonly tables = new Map<string, Stamp & { read: CsvRead }>();
  /** the big CSVs being read in the background, with the stamp they were started for */
  private readonly loading = new Map<string, Stamp>();
  private readonly folders = new Map<string, { listing: ImageListing; read: ImageFolderRead }>();

  /** `loaded(path)`: a big CSV finished loading in the background, so what the checker saw of it changed. */
  constructor(private readonly loaded: (path: string) => void = () => undefined) {}

  /** A FileAccess that adds every path it is asked for to `read` (existing or not). */
  access(read: Set<string>, reach?: Reach): FileAccess {
    return {
      readFile: (path) => (read.add(path), this.readText(path)),
      readCsv: (path) => (read.add(path), this.readCsv(path)),
      readImageFolder: (path, folderReach) => (read.add(path), this.readImageFolder(path, folderReach)),
      reach,
    };
  }

  forget(path: string): void {
    this.texts.delete(path);
    this.tables.delete(path);
    this.loading.delete(path);
    this.folders.delete(path);
  }

  private readText(path: string): string | Error {
    const stat = statFor(path, 'weights');
    if (stat instanceof Error) return (this.texts.delete(path), stat);
    const hit = this.texts.get(path);
    if (hit && same(hit, stat)) return hit.text;
    try {
      const text = readRegularFile(path, 'weights');
      this.texts.set(path, { ...stamp(stat), text });
      return text;
    } catch (e) {
      this.texts.delete(path);
      return e as FileError;
    }
  }

  private readImageFolder(path: string, reach?: Reach): ImageFolderRead {
    let listing: ImageListing;
    try {
      listing = listImageFolder(path, reach);
    } catch (e) {
      this.folders.delete(path);
      if (e instanceof ImageFolderError) return e;
      throw e;
    }
    const hit = this.folders.get(path);
    if (hit && sameListing(hit.listing, listing)) return hit.read;
    let read: ImageFolderRead;
    try {
      read = summarizeImageFolder(listing);
    } catch (e) {
      if (!(e instanceof ImageFolderError)) throw e;
      read = e;
    }
    this.folders.set(path, { listing, read });
    return read;
  }

  private readCsv(path: string): CsvRead {
    const stat = statFor(path, 'csv');
    if (stat instanceof Error) return (this.tables.delete(path), stat);
    const hit = this.tables.get(path);
    if (hit && same(hit, stat)) return hit.read;
    let read: CsvRead;
    if (stat.size <= SYNC_BYTES) {
      read = parseAll(() => readRegularFile(path, 'csv'));
    } else {
      read = parseAll(() => readPrefix(path, 'csv', PREFIX_BYTES), false);
      if (!(read instanceof Error)) void this.load(path, stamp(stat));
    }
    this.tables.set(path, { ...stamp(stat), read });
    return read;
  }

  private async load(path: string, started: Stamp): Promise<void> {
    const current = this.loading.get(path);
    if (current && same(current, started)) return;
    this.loading.set(path, started);
    let read: CsvRead;
    try {
      read = await parseInSlices(await readRegularFileAsync(path, 'csv'));
    } catch (e) {
      read = e as FileError;
    }
    // Forgotten (changed on disk) or started again meanwhile: this result is stale.
    if (this.loading.get(path) !== started) return;
    this.loading.delete(path);
    this.tables.set(path, { ...started, read });
    this.loaded(path);
  }
}

/** The file's stat, or why it is not read (missing, not a regular file, too big). */
function statFor(path: string, kind: FileKind): fs.Stats | Error {
  try {
    const stat = fs.statSync(path);
    const why = refusal(stat, kind);
    return why ? new FileError(why) : stat;
  } catch (e) {
    return new FileError(reason(e));
  }
}

function stamp(stat: Stamp): Stamp {
  return { mtimeMs: stat.mtimeMs, size: stat.size };
}

function same(a: Stamp, b: Stamp): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size;
}

/** The whole table, or (`complete` false) the rows of a prefix; the file's CsvError or FileError. */
function parseAll(text: () => string, complete = true): CsvRead {
  try {
    const parser = new CsvParser();
    parser.push(text());
    return complete ? { table: parser.end(), complete } : { table: parser.partial(), complete };
  } catch (e) {
    if (e instanceof CsvError || e instanceof FileError) return e;
    throw e;
  }
}

async function parseInSlices(text: string): Promise<CsvRead> {
  const parser = new CsvParser();
  try {
    for (let i = 0; i < text.length; i += SLICE) {
      parser.push(text.slice(i, i + SLICE));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { table: parser.end(), complete: true };
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
}
