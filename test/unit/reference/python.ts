// The Python the references run on: the first that imports a module, found exactly as the
// benchmarks find theirs (test/bench/python.mjs, an ES module, asked from a child process).

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository root, from out/test/unit/reference/ where the compiled test runs. */
export const ROOT = join(__dirname, '..', '..', '..', '..');

/** The first Python that can `import module`, or undefined when none can. */
export function pythonWith(module: string): string | undefined {
  const lookup = pathToFileURL(join(ROOT, 'test', 'bench', 'python.mjs')).href;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e',
    `import { findPython } from '${lookup}'; process.stdout.write(findPython(${JSON.stringify(module)}).python ?? '')`], { encoding: 'utf8' });
  return r.stdout || undefined;
}
