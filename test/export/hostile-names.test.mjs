// Issue 23's reproduction, run as a user would: a .nn file named to close the script's docstring
// and call os.system is exported, and the script it gives trains with Python and PyTorch — and no
// command ran (no PWNED file). test/unit/export/hostile-names.test.ts parses many more names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nn, printedJson, python, run, scratch } from './helpers.mjs';

const torchPython = python('torch', 'python3-torch');
const planar = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/planar.nn');
const NAME = 'p""";__import__("os").system("id>PWNED");"""';

test("the issue's file name, exported with -o out.py and without -o: both scripts train and run no command", () => {
  const dir = scratch();
  // the example as it is, but 20 iterations: the name is what is tried
  writeFileSync(join(dir, `${NAME}.nn`), readFileSync(planar, 'utf8').replace('iterations 10000', 'iterations 20'));
  for (const args of [['-o', 'out.py'], []]) {
    const written = nn(['export', `${NAME}.nn`, '--to', 'pytorch', ...args], dir).trim().split('\n');
    const script = written[0];
    const result = printedJson(run(torchPython, [script], dir));
    assert.equal(result.network, 'planar');
    assert.equal(result.iterations, 20);
    assert.equal(existsSync(join(dir, 'PWNED')), false, `${script} ran the command in the file name`);
  }
});

test('a script saved under a hostile name of its own runs, and its usage lines quote the name for a shell', () => {
  const dir = scratch();
  writeFileSync(join(dir, 'planar.nn'), readFileSync(planar, 'utf8').replace('iterations 10000', 'iterations 20'));
  const out = `${NAME};touch PWNED2.py`;
  nn(['export', 'planar.nn', '--to', 'pytorch', '-o', out], dir);
  printedJson(run(torchPython, [out], dir));
  const help = run(torchPython, ['-c', `import ast, sys; print(ast.get_docstring(ast.parse(open(sys.argv[1]).read())))`, out], dir);
  assert.match(help, /python 'p""";__import__\("os"\)\.system\("id>PWNED"\);""";touch PWNED2\.py'/);
  assert.equal(existsSync(join(dir, 'PWNED')), false);
});
