// The browser VS Code of `npm start` and the e2e suite must show the workbench as users get it
// (issue 24, item 2): the smoke-test driver, which silences every toast, only where asked for.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleUrl, runModule } from './helpers';

const args = (options: object) => runModule(
  `import { serverArgs } from '${moduleUrl('scripts', 'vscode', 'code-server.mjs')}';\n` +
  `console.log(JSON.stringify(serverArgs(${JSON.stringify({ port: 8080, workspace: '/w', ...options })})));`,
) as string[];

test('code-server runs without the smoke-test driver unless a caller asks for it', () => {
  const plain = args({});
  assert.ok(!plain.includes('enable-smoke-test-driver'), plain.join(' '));
  assert.equal(plain.at(-1), '/w', 'the workspace comes last');
  const driven = args({ smokeTestDriver: true });
  assert.deepEqual(driven.slice(driven.indexOf('--vscode-option'), driven.indexOf('--vscode-option') + 2), ['--vscode-option', 'enable-smoke-test-driver']);
});
