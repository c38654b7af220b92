// Reading the files a `.nn` file names (CSV data, weights JSON) without trusting them: only regular
// files (a FIFO would block forever, /dev/zero would never end), and never more than a documented
// number of bytes, checked by stat before reading and enforced again while reading (a file can grow,
// and /proc files report size 0). docs/limits.md explains the numbers.

import * as fs from 'node:fs';

const MB = 1024 * 1024;

/**
 * The size caps. CSV: about 2 s to parse and ~3× its size in memory; weights: JSON is parsed whole;
 * a `.nn` file given to the CLI: the checker is linear, and 8 MB is far beyond any hand-written network;
 * a text corpus (text(…)): each character becomes an x and a y entry (16 bytes), 8 MB of text ~ 130 MB.
 */
export const LIMITS = { csv: 100 * MB, weights: 32 * MB, source: 8 * MB, image: 16 * MB, text: 8 * MB } as const;
export type FileKind = keyof typeof LIMITS;

/** At most this many images in an image folder (spec §8): 100,000 28×28 digits are 630 MB as float64. */
export const MAX_IMAGES = 100_000;

const NAMES: Record<FileKind, string> = { csv: 'data files', weights: 'weights files', source: '.nn files', image: 'image files', text: 'text files' };

/** Why a file is not read, as a phrase: `cannot read the data file X: <reason>`. */
export function refusal(stat: fs.Stats, kind: FileKind): string | undefined {
  if (stat.isDirectory()) return 'it is a folder';
  if (!stat.isFile()) return `it is ${special(stat)}, not a regular file: only regular files are read`;
  if (stat.size > LIMITS[kind]) return tooBig(stat.size, kind);
  return undefined;
}

export function special(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a plain file';
}

/** `it is 9.1 MB, more than the 8 MB limit for .nn files (see docs/limits.md)`; size undefined: unknown (read past the limit). */
export function tooBig(size: number | undefined, kind: FileKind): string {
  const found = size === undefined ? 'larger than' : `${(size / MB).toFixed(1)} MB, more than`;
  return `it is ${found} the ${LIMITS[kind] / MB} MB limit for ${NAMES[kind]} (see docs/limits.md)`;
}

/** The reason an fs call failed, in words (no errno numbers, no stack). */
export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EISDIR') return 'it is a folder';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  return err.message ?? String(e);
}

/** An Error whose message is the reason alone, for FileAccess (`string | Error`). */
export class FileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileError';
  }
}

/**
 * The text of a regular file of at most LIMITS[kind] bytes, read synchronously: for the CLI, the
 * training worker and small files in the editor. Throws FileError with the reason.
 */
export function readRegularFile(path: string, kind: FileKind): string {
  return decode(readBytes(path, kind, LIMITS[kind] + 1, true));
}

/** The bytes of a regular file of at most LIMITS[kind] bytes (an image), under the same rules. */
export function readBinaryFile(path: string, kind: FileKind): Buffer {
  return readBytes(path, kind, LIMITS[kind] + 1, true);
}

/**
 * At most the first `bytes` bytes of a regular file that passes the same rules, cut after its last
 * complete line: the editor checks a big CSV's header and first rows from this while the whole file
 * loads in the background.
 */
export function readPrefix(path: string, kind: FileKind, bytes: number): string {
  const buffer = readBytes(path, kind, bytes, false);
  const end = buffer.length < bytes ? buffer.length : buffer.lastIndexOf(0x0a) + 1;
  return decode(buffer.subarray(0, end));
}

function readBytes(path: string, kind: FileKind, max: number, whole: boolean): Buffer {
  let fd: number;
  try {
    const why = refusal(fs.statSync(path), kind);
    if (why) throw new FileError(why);
    // O_NONBLOCK: should the path have become a FIFO since the stat, open must not wait for a writer.
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw e instanceof FileError ? e : new FileError(reason(e));
  }
  try {
    const stat = fs.fstatSync(fd);
    const why = refusal(stat, kind);
    if (why) throw new FileError(why);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(max - total, Math.max(64 * 1024, stat.size + 1 - total)));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total >= max) break;
    }
    if (whole && total > LIMITS[kind]) throw new FileError(tooBig(undefined, kind));
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw e instanceof FileError ? e : new FileError(reason(e));
  } finally {
    fs.closeSync(fd);
  }
}

/** The same as readRegularFile, without blocking the event loop on the disk: for the editor. */
export async function readRegularFileAsync(path: string, kind: FileKind): Promise<string> {
  let handle: fs.promises.FileHandle;
  try {
    const why = refusal(await fs.promises.stat(path), kind);
    if (why) throw new FileError(why);
    handle = await fs.promises.open(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw e instanceof FileError ? e : new FileError(reason(e));
  }
  try {
    const why = refusal(await handle.stat(), kind);
    if (why) throw new FileError(why);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(MB), 0, MB, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > LIMITS[kind]) throw new FileError(tooBig(undefined, kind));
    }
    return decode(Buffer.concat(chunks, total));
  } catch (e) {
    throw e instanceof FileError ? e : new FileError(reason(e));
  } finally {
    await handle.close();
  }
}

/** UTF-8, without a leading byte-order mark (spreadsheets write one; it is not part of the first cell). */
function decode(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
