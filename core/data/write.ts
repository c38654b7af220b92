// Every file NN Studio writes (saved weights from the CLI and the training panel, exports) is written
// to a temporary file beside the target and renamed over it once complete and flushed: a write that
// fails half-way (a full disk, a file-size limit, a crash) leaves the earlier file as it was, never a
// truncated one. The CLI writes synchronously, the extension host without blocking.
//
// A rename replaces whatever has the name, so the target is checked first: only a regular file or a
// new path is replaced — never a FIFO, a device node (as root, `/dev/null` itself), a socket or a
// folder, even through a link. A name NN Studio chose itself (`planar.data.csv`) may be a link a
// repository shipped (to ~/.bashrc): `followLinks: false` refuses it rather than write through it.

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { special } from './read';

export interface WriteOptions {
  /** true (default): through a symbolic link, the file it points to; false: a link is refused */
  followLinks?: boolean;
}

/** A target that is not replaced; `reason` completes "PATH …" ("is a named pipe (FIFO), …"). */
export class WriteRefused extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path} ${reason}`);
  }
}

/**
 * Where to write: the target or, through a link, the file it points to; its permissions to keep.
 * Throws WriteRefused for anything but a regular file or a new path.
 */
export function checkTarget(target: string, options: WriteOptions = {}): { file: string; mode: number } {
  const link = lstat(target);
  if (link?.isSymbolicLink() && options.followLinks === false) {
    throw new WriteRefused(target, `is a symbolic link (to ${fs.readlinkSync(target)}): a file NN Studio names itself is never written through a link, so nothing was written; remove the link or write under another name`);
  }
  let file: string;
  try {
    file = fs.realpathSync(target);
  } catch {
    file = path.resolve(target); // a new file (or a dangling link: the rename replaces the link)
  }
  const stat = lstat(file);
  if (stat && !stat.isFile()) {
    const through = file === path.resolve(target) ? '' : ` (through a link to ${file})`;
    throw new WriteRefused(target, `is ${fileKind(stat)}${through}, not a regular file: only a regular file or a new path is replaced, so nothing was written; choose another path`);
  }
  return { file, mode: stat ? stat.mode & 0o777 : 0o666 }; // a new file: the usual, less the umask
}

function lstat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

/** What is at a target that is no regular file, in the words a refusal to read it uses. */
function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  return stat.isSymbolicLink() ? 'a link to a missing file' : special(stat);
}

/**
 * The temporary file for `file`: `.NAME.PID-RANDOM.tmp`. A save that was killed leaves one behind;
 * this one removes those of earlier saves of the same file — those of a process that no longer runs
 * (or named before the PID was part of the name) — never one a running save is writing.
 */
function temporary(file: string): string {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    // an unreadable folder: nothing to clean, and the write will say why it fails
  }
  for (const name of names) {
    const left = name.startsWith(prefix) && name.endsWith('.tmp') && /^(?:(\d+)-)?[0-9a-f]{12}$/.exec(name.slice(prefix.length, -4));
    if (left && !(left[1] && running(Number(left[1]))) && lstat(path.join(dir, name))?.isFile()) fs.rmSync(path.join(dir, name), { force: true });
  }
  return path.join(dir, `${prefix}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // another user's process
  }
}

export function writeFileAtomicSync(target: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const { file, mode } = checkTarget(target, options);
  const temp = temporary(file);
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd); // on disk before the rename makes it the file
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

export async function writeFileAtomic(target: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const { file, mode } = checkTarget(target, options);
  const temp = temporary(file);
  const handle = await fs.promises.open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, file);
  } catch (e) {
    await fs.promises.rm(temp, { force: true });
    throw e;
  }
}
