// Runs the Mocha integration suite (dist/test/suite/index.js, which exports run()) inside a real
// VS Code's extension host: code-server opened on the Extension Development Host payload, the
// workbench driven by headless Chromium. Prints Mocha's output and exits with the suite's code.
//   node scripts/vscode/run-suite.mjs [--tests FILE] [--extension DIR] [--folder DIR] [--timeout SECONDS]
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, format } from 'node:util';
import { ROOT } from './ensure.mjs';
import { startCodeServer } from './code-server.mjs';
import { launchBrowser } from './browser.mjs';

const { values: opts } = parseArgs({
  options: {
    tests: { type: 'string', default: join(ROOT, 'dist', 'test', 'suite', 'index.js') },
    extension: { type: 'string', default: ROOT },
    folder: { type: 'string', default: join(ROOT, 'examples') },
    timeout: { type: 'string', default: '600' },
  },
});
const tests = resolve(opts.tests);
const extension = resolve(opts.extension);
const folder = resolve(opts.folder);
const timeoutMs = Number(opts.timeout) * 1000;

// The closing line CI reads; Mocha's own "N passing" is not one of the recognised forms.
function finish(passed, failed, code) {
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  process.exit(code);
}

if (!existsSync(tests)) {
  console.error(`vscode: no integration suite at ${tests} (build it with npm run build from test/suite/index.ts)`);
  finish(0, 1, 1);
}

// Extension-host output reaches the page console as ['%c INFO', 'color: …', ...args] (or another
// level); everything after the two styling arguments is what the test code logged. The workbench
// logs its own start-up the same way: those lines, its failed Marketplace query (offline here) and
// its wait for a GitHub sign-in provider are left out.
const WORKBENCH_CHATTER = /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|Timed out waiting for authentication provider|\[[\w: -]+\] )|ENOTFOUND/;
function hostLine(args) {
  if (args.length < 2 || typeof args[0] !== 'string' || !/^%c\s*[A-Z]+/.test(args[0])) return undefined;
  const line = format(...args.slice(2));
  return WORKBENCH_CHATTER.test(line) ? undefined : line;
}

const counts = { passed: undefined, failed: undefined };
let code = 1;
let server;
let browser;
try {
  // The payload that runs the suite needs the smoke-test driver; no test looks at a toast.
  server = await startCodeServer({ workspace: folder, smokeTestDriver: true });
  browser = await launchBrowser();
  const page = await browser.newPage();
  let reportExit;
  const exitCode = new Promise((res) => { reportExit = res; });
  await page.exposeFunction('codeAutomationExit', (c) => reportExit(Number(c)));
  // Console arguments arrive as handles; resolve them in order so Mocha's lines stay in order.
  let printed = Promise.resolve();
  page.on('console', (msg) => {
    const handles = msg.args();
    printed = printed.then(async () => {
      const args = await Promise.all(handles.map((h) => h.jsonValue().catch(() => String(h))));
      const line = hostLine(args);
      if (line === undefined) return;
      console.log(line);
      const passing = /^\s*(\d+) passing\b/.exec(line);
      const failing = /^\s*(\d+) failing\b/.exec(line);
      if (passing) counts.passed = Number(passing[1]);
      if (failing) counts.failed = Number(failing[1]);
    });
  });
  await page.goto(server.workbenchUrl({ extensionDevelopmentPath: extension, extensionTestsPath: tests }));
  let timer;
  const timedOut = new Promise((res) => { timer = setTimeout(() => res('timeout'), timeoutMs); });
  const result = await Promise.race([exitCode, timedOut]);
  clearTimeout(timer);
  await printed;
  if (result === 'timeout') console.error(`vscode: the suite did not finish within ${timeoutMs / 1000} s`);
  else code = result;
} catch (err) {
  console.error(`vscode: could not run the suite: ${err.message}`);
} finally {
  await browser?.close();
  await server?.stop();
}
// A suite that failed before Mocha reported (a load error, a time-out) counts as one failure.
const failed = counts.failed ?? (code === 0 ? 0 : 1);
finish(counts.passed ?? 0, code !== 0 && failed === 0 ? 1 : failed, code);
