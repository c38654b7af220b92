// Every file NN Studio writes (saved weights from the CLI and the training panel) is written to a
// temporary file beside the target and renamed over it once complete: a write that fails half-way
// (a full disk, a file-size limit, a crash) leaves the earlier file as it was, never a truncated one.

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  // Through a symbolic link, replace the file it points to, not the link.
  const file = await fs.realpath(target).catch(() => path.resolve(target));
  // Keep an existing file's permissions; a new one gets the usual 0o666 less the umask.
  const mode = await fs.stat(file).then((s) => s.mode & 0o777, () => 0o666);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync(); // on disk before the rename makes it the file
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}
