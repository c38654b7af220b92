// Paths written in a .nn file are relative to that file (spec §4); one place resolves them, and
// decides which of them the checker and the trainer may read (docs/limits.md, "Paths").

import * as fs from 'node:fs';
import * as path from 'node:path';

export function resolver(nnFile: string | undefined): (p: string) => string {
  const base = nnFile ? path.dirname(path.resolve(nnFile)) : process.cwd();
  return (p) => path.resolve(base, p);
}

export function basename(p: string): string {
  return path.basename(p);
}

/**
 * Where a `.nn` file may read data and weights from. A file under one of `roots` (symbolic links
 * followed) is read silently. Another is read with a warning when `outside` is 'warn' (the CLI, a
 * trusted workspace) and not read at all, an error, when it is 'deny' (an untrusted workspace):
 * opening someone's `.nn` file must not make the editor read, say, a key file and show its lines.
 */
export interface Reach {
  roots: readonly string[];
  /** the roots in words, for messages: "the workspace folder" */
  name: string;
  outside: 'warn' | 'deny';
}

/** The command line's rule: the `.nn` file's folder and the current directory; others with a warning. */
export function defaultReach(nnFolder: string): Reach {
  return { roots: [nnFolder, process.cwd()], name: "the `.nn` file's folder and the current directory", outside: 'warn' };
}

/**
 * The one rule for every file the project reads — CSV, weights, image folders, and the class folders
 * and image files a symbolic link in them leads to: whether `file` (absolute) lies inside the reach
 * (read), outside it and read with a warning, or outside it and not read at all.
 */
export function placeOf(file: string, reach: Reach): 'inside' | 'outside' | 'denied' {
  if (isInside(file, reach.roots)) return 'inside';
  return reach.outside === 'deny' ? 'denied' : 'outside';
}

/**
 * Whether `file` lies under one of the roots, once symbolic links are resolved. A filesystem root
 * (`nn train` run from `/`) is no root: it would make every path inside.
 */
export function isInside(file: string, roots: readonly string[]): boolean {
  const real = realOrSelf(file);
  return roots.some((root) => {
    const dir = realOrSelf(root);
    if (path.dirname(dir) === dir) return false;
    const rel = path.relative(dir, real);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
  });
}
/** The real path; for a path that does not exist (yet), its real folder and its name. */
function realOrSelf(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(realOrSelf(parent), path.basename(p));
  }
}
