// Issue 13: one implementation of every language feature, in the server. The extension host must
// not run the checker (the bundle VS Code loads holds none of it), and the server must not need
// VS Code.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildSync } from 'esbuild';
import { ROOT } from '../language/helpers';

test('the extension bundle holds no parser, checker or language server: it asks the server', () => {
  const { metafile } = buildSync({
    entryPoints: [path.join(ROOT, 'extension', 'extension.ts')], absWorkingDir: ROOT, bundle: true, platform: 'node',
    external: ['vscode'], write: false, metafile: true, logLevel: 'silent', define: { NN_KERNELS_WASM: '""' },
  });
  const inputs = Object.keys(metafile!.inputs);
  assert.ok(inputs.includes('extension/client.ts'), 'the bundle was read');
  const analysing = inputs.filter((f) => /^core\/language\/(parser|checker|lexer|index)\.ts$|^core\/lsp\/(server|analyses)\.ts$/.test(f));
  assert.deepEqual(analysing, []);
});

test('core/adapters/lsp/ needs neither VS Code nor the extension', () => {
  for (const file of fs.readdirSync(path.join(ROOT, 'core', 'adapters', 'lsp'))) {
    const text = fs.readFileSync(path.join(ROOT, 'core', 'adapters', 'lsp', file), 'utf8');
    assert.doesNotMatch(text, /from '(vscode|vscode-languageclient[^']*|(\.\.\/)+extension\/[^']*)'/, file);
  }
});
