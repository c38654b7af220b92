// A real editor outside VS Code in CI (issue 13): headless Neovim 0.7, with its built-in LSP client,
// opens the broken example through `nn lsp --stdio` (dist/cli.js: run after `npm run build`) and
// must get the NN301 diagnostic on line 5, the hover table of a dense line (and of a line inside a
// block definition, examples/dates.nn), the activations as
// completion after a hidden `dense 4 ` (softmax not among them), the encoder block among the
// top-level snippets, the formatted text (a buffer's lines, without the last line break)
// and the document symbols. Prints
// "lsp: N passed, M failed" (scripts/test.mjs adds it up); without nvim it says so and skips.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

if (spawnSync('nvim', ['--version'], { stdio: 'ignore' }).error) {
  console.log('lsp: SKIPPED — nvim is not installed (apt-get install neovim); the Neovim checks did not run');
  process.exit(0);
}
if (!fs.existsSync(CLI)) {
  console.log('lsp: dist/cli.js is missing: run `npm run build` first');
  console.log('lsp: 0 passed, 1 failed');
  process.exit(1);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-nvim-'));
const scratch = path.join(dir, 'scratch.nn');
fs.writeFileSync(scratch, 'network n {\ninput 2\n  dense 4 \n     dense 1 sigmoid\n}\n');
const outFile = path.join(dir, 'out.json');
const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(ROOT, 'test', 'lsp', 'nvim.lua')}`], {
  env: {
    ...process.env, NN_NODE: process.execPath, NN_CLI: CLI, NN_ROOT: ROOT, NN_OUT: outFile,
    NN_BROKEN: path.join(ROOT, 'examples', 'broken', 'broken.nn'), NN_SCRATCH: scratch, NN_DATES: path.join(ROOT, 'examples', 'dates.nn'),
  },
  encoding: 'utf8',
  timeout: 120_000,
});
let got = {};
try {
  got = JSON.parse(fs.readFileSync(outFile, 'utf8'));
} catch {
  got = { error: `nvim wrote no result (exit ${run.status}, ${run.error ?? ''}): ${run.stderr}${run.stdout}` };
}

const checks = [
  ['Neovim ran the script', () => got.error === undefined || fail(got.error)],
  ['NN301 on line 5 of the broken example', () => (got.diagnostics ?? []).some((d) => d.code === 'NN301' && d.line === 5)
    || fail(JSON.stringify(got.diagnostics))],
  ['hover on `dense 4 tanh` shows the table of layer 1', () => /\*\*Layer 1\*\*/.test(got.hover ?? '')
    && /W\\\[1\\\], dW\\\[1\\\] \| `\(n\[1\], n\[0\]\) = \(4, 2\)`/.test(got.hover) || fail(got.hover)],
  ['hover inside `block encoder(d, h, f)` of examples/dates.nn shows the attention layer of its first use and both uses', () => /for `encoder\(32, 4, 64\)` in `dates` \(use 1 of 2\)/.test(got.blockHover ?? '')
    && /\*\*Layer 3\*\* of `dates`/.test(got.blockHover) && /\*\*2 uses\*\* of this line/.test(got.blockHover) || fail(got.blockHover)],
  // a hidden layer: softmax is offered on the output layer only (issue 24, item 8)
  ['completion after a hidden `dense 4 ` offers the activations, softmax not', () => ['relu', 'tanh', 'sigmoid'].every((a) => (got.completion ?? []).includes(a)) && !(got.completion ?? []).includes('softmax')
    || fail(JSON.stringify(got.completion))],
  ['completion at the top level offers spec §15\'s encoder block as a snippet, with d, h, f as tab stops', () => /^block \$\{1:encoder\}\(\$\{2:d\}, \$\{3:h\}, \$\{4:f\}\) \{\n  residual linear \{ self_attention heads: \$\{3:h\} \}\n/.test((got.toplevel ?? {}).encoder ?? '')
    && ['network', 'block'].every((k) => k in (got.toplevel ?? {})) || fail(JSON.stringify(got.toplevel))],
  ['formatting writes the canonical layout', () => got.formatted === 'network n {\n  input 2\n  dense 4 relu\n  dense 1 sigmoid\n}'
    || fail(JSON.stringify(got.formatted))],
  ['document symbols: the network and its layers', () => JSON.stringify((got.symbols ?? []).map((s) => [s.name, s.children])) === JSON.stringify([['broken', ['input', 'layer 1', 'layer 2', 'train']]])
    || fail(JSON.stringify(got.symbols))],
];

function fail(detail) {
  throw new Error(String(detail));
}

let passed = 0;
let failed = 0;
for (const [name, check] of checks) {
  try {
    check();
    passed++;
    console.log(`  ✓ ${name}`);
  } catch (e) {
    failed++;
    console.log(`  ✗ ${name}: ${e.message}`);
  }
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(`lsp: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
