// The integration suite's entry: VS Code (or code-server) loads dist/test/suite/index.js inside the
// extension host and awaits run(). The test files are imported statically (esbuild bundles them) and
// declare their suites once Mocha has installed its `suite`/`test` globals.

import Mocha from 'mocha';
import { codeActionTests } from './codeActions.test';
import { compareTests } from './compare.test';
import { completionTests } from './completion.test';
import { diagnosticsTests } from './diagnostics.test';
import { diagramTests } from './diagram.test';
import { exportTests } from './export.test';
import { gradcheckTests } from './gradcheck.test';
import { hoverTests } from './hover.test';
import { layoutTests } from './layout.test';
import { trainTests } from './train.test';
import { viewTests } from './views.test';

const TESTS = [diagnosticsTests, hoverTests, completionTests, codeActionTests, viewTests, diagramTests, trainTests, gradcheckTests, compareTests, exportTests, layoutTests];

export function run(): Promise<void> {
  // A test's time-out catches a hang; waits inside it allow helpers.PATIENCE_MS for a slow machine.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000 });
  mocha.suite.emit('pre-require', globalThis, 'nn-studio', mocha);
  for (const declare of TESTS) declare();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
