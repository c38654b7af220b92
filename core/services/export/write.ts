// Where an export may write (issue 23): the files of exportPytorch/exportOnnx, checked for the CLI
// and the extension, which then write them (synchronously, or without blocking the editor). The
// first file is the output; the others are named after it (OUT.data.csv, OUT.weights.json). A name
// NN Studio derived — every file but an output the user named — is never written through a symbolic
// link (a repository may ship `planar.data.csv` as a link to ~/.bashrc); an output the user named
// (`-o`) is not replaced without `force` (the CLI's --force; VS Code's save dialog has asked).

import { lstatSync } from 'node:fs';
import { checkTarget, WriteRefused, type WriteOptions } from '../../data/write';
import type { ExportedFile } from './index';

export interface ExportWriteOptions {
  /** the user named the output (`-o`, a save dialog): it may be a link, which is followed */
  named: boolean;
  /** an existing output the user named is replaced */
  force: boolean;
}

/**
 * `files` (output first), each with the options to write it with. Every file is checked before any
 * is written, so a refusal (WriteRefused) leaves no export half-written.
 */
export function checkedExport(files: readonly ExportedFile[], options: ExportWriteOptions): Array<ExportedFile & WriteOptions> {
  const output = files[0].path;
  if (options.named && !options.force && exists(output)) {
    throw new WriteRefused(output, 'already exists, so nothing was written: add --force to replace it, or choose another -o');
  }
  const checked = files.map((f, i) => ({ ...f, followLinks: options.named && i === 0 }));
  for (const f of checked) checkTarget(f.path, f);
  return checked;
}

/** Anything at `path`, a dangling link included. */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
