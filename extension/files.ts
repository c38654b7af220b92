// The checker reads the CSV and weights files a `.nn` file names. This FileAccess serves them from
// memory while their size and mtime are unchanged (a stat is far cheaper than re-reading a large CSV
// on every keystroke), and remembers which document read which file so a change on disk re-checks
// exactly the documents that depend on it.

import * as fs from 'node:fs';
import { diskFiles } from '../core/language';
import type { FileAccess } from '../core/language/api';

interface Cached {
  mtimeMs: number;
  size: number;
  text: string;
}

export class CachedFiles {
  private readonly texts = new Map<string, Cached>();

  /** A FileAccess that adds every path it is asked for to `read` (existing or not). */
  access(read: Set<string>): FileAccess {
    return { readFile: (path) => (read.add(path), this.read(path)) };
  }

  forget(path: string): void {
    this.texts.delete(path);
  }

  private read(path: string): string | Error {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path);
    } catch {
      this.texts.delete(path);
      return diskFiles.readFile(path); // the core words why the file cannot be read
    }
    const hit = this.texts.get(path);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.text;
    const text = diskFiles.readFile(path);
    if (typeof text === 'string') this.texts.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    else this.texts.delete(path);
    return text;
  }
}
