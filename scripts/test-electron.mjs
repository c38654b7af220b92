// Runs the integration suite (dist/test/suite/index.js) in a downloaded VS Code through
// @vscode/test-electron, for machines that can reach VS Code's download server (a laptop, public
// CI). Here that server is unreachable; .ci/run uses the code-server launcher instead.
// Usage: npm run build && node scripts/test-electron.mjs [path/to/workspace]
import { runTests } from '@vscode/test-electron';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist', 'test', 'suite', 'index.js'),
    launchArgs: [process.argv[2] ?? path.join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`integration suite failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
