// `npm run bench` measures numpy on whichever Python has it, not only /usr/bin/python3 (issue 14,
// item 7). Fake interpreters on PATH stand in for a pyenv/venv Python without numpy and one with it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { moduleUrl, runModule } from './helpers';

/** A folder holding an executable `name` that runs `body` (sh). */
function fakeBin(name: string, body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-python-'));
  fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return dir;
}

const withoutNumpy = fakeBin('python3', 'exit 1');
// Prints what `print(sys.executable)` would: the probe asks for the interpreter's real path.
const withNumpy = fakeBin('python', 'echo /opt/venv/bin/python');
const PATH = [withoutNumpy, withNumpy, process.env.PATH].join(path.delimiter);

test('the bench takes the first Python on PATH that can import numpy', () => {
  const found = runModule(
    `import { numpyPython, numpyMissing } from '${moduleUrl('test', 'bench', 'workloads.mjs')}';\n` +
    'console.log(JSON.stringify({ python: numpyPython(), missing: numpyMissing() }));',
    { env: { ...process.env, PATH, PYTHON: '' } },
  );
  assert.deepEqual(found, { python: '/opt/venv/bin/python' });
});

test('$PYTHON is asked first', () => {
  const chosen = fakeBin('py', 'echo /chosen/python');
  const found = runModule(
    `import { findPython } from '${moduleUrl('test', 'bench', 'python.mjs')}';\n` +
    `console.log(JSON.stringify(findPython('numpy')));`,
    { env: { ...process.env, PATH, PYTHON: path.join(chosen, 'py') } },
  );
  assert.deepEqual(found, { python: '/chosen/python' });
});

test('when no Python has the module, the message lists those tried and how to install it', () => {
  const found = runModule(
    `import { findPython } from '${moduleUrl('test', 'bench', 'python.mjs')}';\n` +
    `console.log(JSON.stringify(findPython('no_such_module_nn', { install: 'pip install no_such_module_nn' })));`,
    { env: { ...process.env, PATH: [withoutNumpy, process.env.PATH].join(path.delimiter) } },
  ) as { missing: string };
  // The real Pythons of this machine (if any) follow the fake one, which comes first.
  assert.match(found.missing, new RegExp(`^none of ${path.join(withoutNumpy, 'python3')}(, |$| can)`));
  assert.match(found.missing, /can import no_such_module_nn; install it with: pip install no_such_module_nn$/);
});
