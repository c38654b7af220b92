// Paths written in a .nn file are relative to that file (spec §4); one place resolves them.

import * as path from 'node:path';

export function resolver(nnFile: string | undefined): (p: string) => string {
  const base = nnFile ? path.dirname(path.resolve(nnFile)) : process.cwd();
  return (p) => path.resolve(base, p);
}

export function basename(p: string): string {
  return path.basename(p);
}
