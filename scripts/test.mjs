// `npm test`: builds, then runs the unit tests, the export tests (exported models run by PyTorch and
// ONNX), LeNet-5 and the ResNet on the real digits, attention against causal attention on reversal, the language server in headless Neovim, the integration suite inside a real VS Code and
// the end-to-end run of the packaged .vsix, each to the end even when an earlier one fails, so one
// run shows every failure. Each prints its own count; the last line adds them up. Exits 1 if any failed.
import { spawn } from 'node:child_process';

// test:export runs exported PyTorch scripts and ONNX models with the real tools (spec §10).
// test:digits trains LeNet-5 and the small ResNet on real digits: ≥ 95 % and ≥ 98 % on the test folder (spec §8, issue 20).
// test:attention trains reverse.nn with and without `causal` (≥ 99 % per step against ≤ 65 %), then dates.nn (≥ 90 % exact) (issue 22).
const STAGES = ['test:unit', 'test:export', 'test:digits', 'test:attention', 'test:lsp', 'test:vscode', 'test:e2e'];
// Closing lines: node's test runner ("# pass 12" / "# fail 0") and ours ("e2e: 3 passed, 0 failed").
const COUNTS = [
  { re: /^(?:#|ℹ) pass (\d+)$/, key: 'passed' },
  { re: /^(?:#|ℹ) fail (\d+)$/, key: 'failed' },
  { re: /^\w+: (\d+) passed, \d+ failed$/, key: 'passed' },
  { re: /^\w+: \d+ passed, (\d+) failed$/, key: 'failed' },
];

/** Runs `npm run script`, echoing its output, and returns its exit code and the counts it printed. */
function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script, '--silent'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const counts = { passed: 0, failed: 0 };
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) {
        for (const { re, key } of COUNTS) {
          const m = re.exec(line.trim());
          if (m) counts[key] = Number(m[1]);
        }
      }
    });
    child.on('close', (code) => resolve({ code: code ?? 1, ...counts }));
  });
}

const build = await run('build');
if (build.code !== 0) {
  console.log('test: the build failed, so nothing was tested');
  process.exit(1);
}
let passed = 0;
let failed = 0;
let ok = true;
for (const stage of STAGES) {
  console.log(`\n> ${stage}`);
  const r = await run(stage);
  passed += r.passed;
  failed += r.failed;
  // A stage that failed without counting a failure (a crash, a type error) still fails the run.
  if (r.code !== 0) ok = false;
  if (r.code !== 0 && r.failed === 0) failed++;
}
console.log(`\ntest: ${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
