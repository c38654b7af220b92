// The Python the export proofs run, found as the benchmarks and export tests find theirs
// (test/bench/python.mjs): the first candidate that can import the module.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The first Python that imports `module`; throws with what was tried (the proofs need the real tool). */
export function pythonWith(module: string): string {
  const lookup = pathToFileURL(join(__dirname, '..', '..', '..', '..', 'test', 'bench', 'python.mjs')).href;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e',
    `import { findPython } from '${lookup}'; const f = findPython(${JSON.stringify(module)}); process.stdout.write(JSON.stringify(f))`], { encoding: 'utf8' });
  const found = JSON.parse(r.stdout || '{}') as { python?: string; missing?: string };
  if (!found.python) throw new Error(found.missing ?? `no Python with ${module}: ${r.stderr}`);
  return found.python;
}
