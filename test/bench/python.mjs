// Which Python the benchmarks run their peers (numpy, later torch) on. A machine may have several:
// a pyenv or venv `python3` first on PATH, Debian's /usr/bin/python3 with python3-numpy, … Each is
// asked, with a tiny probe, whether it can import the module; the first that can is used.

import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['python3', 'python'];
const FALLBACKS = ['/usr/bin/python3', '/usr/local/bin/python3'];

/**
 * $PYTHON when set, then python3 and python from each PATH folder in order, then the usual system
 * paths; each file once (/bin/python3 and /usr/bin/python3 are often the same).
 */
export function pythonCandidates(env = process.env) {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const seen = new Set();
  return [env.PYTHON, ...dirs.flatMap((d) => NAMES.map((n) => join(d, n))), ...FALLBACKS].filter((p) => {
    if (!p || !existsSync(p)) return false;
    const real = realpathSync(p);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

/**
 * The first candidate Python that can `import module`: { python } (the interpreter's own path, so
 * a pyenv shim is resolved once), or { missing } saying which were tried and how to get one.
 */
export function findPython(module, { env = process.env, install } = {}) {
  const tried = pythonCandidates(env);
  for (const python of tried) {
    const probe = spawnSync(python, ['-c', `import sys, ${module}; print(sys.executable)`],
      { env, encoding: 'utf8', timeout: 30_000 });
    const executable = probe.status === 0 ? probe.stdout.trim() : '';
    if (executable) return { python: executable };
  }
  const where = tried.length ? `none of ${tried.join(', ')} can import ${module}` : 'no Python found (python3, python on PATH, $PYTHON)';
  return { missing: `${where}${install ? `; install it with: ${install}` : ''}` };
}
