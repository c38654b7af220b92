// End-to-end: packages the extension, installs the .vsix into a fresh code-server (a real VS Code),
// opens examples/ in headless Chromium and walks the user's path (steps.mjs). Each step's screenshot
// goes to test-results/e2e/ (ID.png, or ID-failed.png); --update-docs also writes the passing ones to
// docs/images/ for the README (kept out of ordinary runs so tests leave the tree clean).
// Ends with "e2e: N passed, N failed".
//   node test/e2e/run.mjs [--vsix FILE] [--update-docs] [--only ID,…]   (without --vsix it runs `npm run package` first)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../scripts/vscode/ensure.mjs';
import { startCodeServer } from '../../scripts/vscode/code-server.mjs';
import { launchBrowser } from '../../scripts/vscode/browser.mjs';
import { waitForWorkbench } from './workbench.mjs';
import { steps } from './steps.mjs';

const { values: opts } = parseArgs({ options: { vsix: { type: 'string' }, 'update-docs': { type: 'boolean' }, only: { type: 'string' } } });
const examples = join(ROOT, 'examples');
const images = join(ROOT, 'docs', 'images');
const results = join(ROOT, 'test-results', 'e2e');
// The course's planar "flower" network (spec §1): hovered and trained below.
const flower = 'planar.nn';

function packageVsix() {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const r = spawnSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run package failed (see above)');
  return join(ROOT, `nn-studio-${version}.vsix`);
}

// --only ID,ID runs just those steps (each step opens what it needs).
const chosen = opts.only ? steps.filter((s) => opts.only.split(',').includes(s.id)) : steps;
let passed = 0;
let failed = 0;

let server;
let browser;
try {
  if (!existsSync(join(examples, flower))) throw new Error(`examples/${flower} is missing`);
  const vsix = opts.vsix ?? packageVsix();
  // As users get the workbench (and as `npm start` opens it): notifications show as toasts.
  server = await startCodeServer({ workspace: examples, vsix });
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.workbenchUrl());
  await waitForWorkbench(page);
  mkdirSync(results, { recursive: true });
  if (opts['update-docs']) mkdirSync(images, { recursive: true });
  for (const step of chosen) {
    const started = Date.now();
    // A step may save several pictures: shot('panel-520') beside its own shot(); one with
    // { docs: false } is only for a person to look at, never a README picture.
    const shot = async (id = step.id, { docs = true } = {}) => {
      const png = await page.screenshot({ path: join(results, `${id}.png`) });
      if (docs && opts['update-docs']) writeFileSync(join(images, `${id}.png`), png);
    };
    try {
      await step.run({ page, shot, flower });
      passed++;
      console.log(`  ✔ ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed++;
      console.log(`  ✘ ${step.name}\n    ${err.message}`);
      await page.screenshot({ path: join(results, `${step.id}-failed.png`) }).catch(() => {});
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
} catch (err) {
  // The harness itself could not start (packaging, install, server, browser): every step fails.
  console.log(`  ✘ could not start: ${err.message}`);
  failed = chosen.length - passed;
} finally {
  await browser?.close();
  await server?.stop();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
