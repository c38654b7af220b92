#!/usr/bin/env node
// Issue 22's comparison of `causal` against not, trained through the built CLI (`nn train --json`):
// examples/sequences/reverse.nn's two networks, the same but for `causal`, on 500 held-out
// reversals. Without the mask self-attention reverses every sequence (≥ 99 % per step); under it
// the first half of the output lies in the future of its step, so the causal network cannot pass
// 50 % + 5 % (chance on the first five steps) by more than a few points, and stays ≥ 30 points below.
// Both take seconds of CPU. Then examples/dates.nn, issue 22's headline: ≥ 90 % of its 1,000
// held-out dates translated exactly (every character right) — about 2 minutes of CPU since the
// attention kernels' work (docs/performance.md). A stage of `npm test` beside test:digits
// (`npm run test:attention`, after `npm run build`) rather than a unit test, since it trains for real.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(ROOT, 'dist', 'cli.js');

if (!existsSync(cli)) {
  console.error('attention-accuracy: dist/cli.js is missing: run `npm run build` first');
  process.exit(1);
}

/** Trains network `network` of examples/FILE; its `nn train --json` result, or undefined when it failed. */
function trained(file, network) {
  const run = spawnSync(process.execPath, [cli, 'train', path.join(ROOT, 'examples', file), '--network', network, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    console.error(`attention-accuracy: nn train ${file} --network ${network} exited ${run.status}\n${run.stderr}${run.stdout.slice(0, 2000)}`);
    return undefined;
  }
  const result = JSON.parse(run.stdout);
  console.log(`attention: ${file} ${network}: ${result.iterations} iterations in ${result.seconds.toFixed(0)} s, test accuracy ${result.test_accuracy} per step, exact sequences ${result.test_exact}`);
  return result;
}

const checks = [];
const attention = trained('sequences/reverse.nn', 'attention'), causal = trained('sequences/reverse.nn', 'causal');
if (attention && causal) {
  checks.push(
    ['attention reverses the held-out sequences: ≥ 99 % per step', attention.test_accuracy >= 0.99],
    ['causal stays near 50 % + chance: ≤ 65 % per step', causal.test_accuracy <= 0.65],
    ['attention beats causal by ≥ 30 points', attention.test_accuracy - causal.test_accuracy >= 0.3],
  );
} else checks.push(['both networks train', false]);
const dates = trained('dates.nn', 'dates');
checks.push(['dates.nn translates ≥ 90 % of its held-out dates exactly', dates !== undefined && dates.test_exact >= 0.9]);
for (const [what, ok] of checks) if (!ok) console.error(`attention-accuracy: failed: ${what}`);
const passed = checks.filter(([, ok]) => ok).length;
console.log(`attention: ${passed} passed, ${checks.length - passed} failed`);
process.exit(passed === checks.length ? 0 : 1);
