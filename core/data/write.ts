// Every file NN Studio writes (saved weights from the CLI and the training panel) is written to a
// temporary file beside the target and renamed over it once complete and flushed: a write that fails
// half-way (a full disk, a file-size limit, a crash) leaves the earlier file as it was, never a
// truncated one. The CLI writes synchronously, the extension host without blocking.

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where to write: through a symbolic link, the file it points to (not the link), and its permissions to keep. */
function plan(target: string): { file: string; temp: string; mode: number } {
  let file: string;
  try {
    file = fs.realpathSync(target);
  } catch {
    file = path.resolve(target);
  }
  let mode = 0o666; // a new file: the usual, less the umask
  try {
    mode = fs.statSync(file).mode & 0o777;
  } catch {
    // no file yet
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  return { file, temp, mode };
}

export function writeFileAtomicSync(target: string, data: string | Uint8Array): void {
  const { file, temp, mode } = plan(target);
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

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const { file, temp, mode } = plan(target);
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
