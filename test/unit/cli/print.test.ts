// The CLI prints file names and any text from outside with hidden characters escaped (issue 23,
// item 7): a file name holding ESC, OSC 52 (set the terminal's clipboard), BEL, CR or a C1 CSI must
// neither act on the terminal nor overwrite what was printed — in messages, errors and JSON alike.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const EVIL = 'a\x1b]52;c;cHduZWQ=\x07b\x1b[2Jc\rd\u009be\u202ef';
const SHOWN = 'a\\x1b]52;c;cHduZWQ=\\x07b\\x1b[2Jc\\x0dd\\x9be\\u{202e}f';
const NETWORK = 'network planar {\n  input 2\n  dense 4 tanh\n  dense 1 sigmoid\n  train {\n    data flower(m: 40)\n    iterations 5\n  }\n}\n';

function nn(dir: string, ...argv: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [path.join(__dirname, '../../../core/adapters/cli/main.js'), ...argv], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Output a terminal can print as it is: no hidden character but the newlines ending lines (and the bar's own \r, ESC[K). */
function assertPrintable(text: string, what: string): void {
  const hidden = text.replace(/\r\x1b\[K/g, '').match(/[^\p{L}\p{M}\p{N}\p{P}\p{S} \n]/u);
  assert.equal(hidden, null, `${what}: ${JSON.stringify(hidden?.[0])} printed raw in ${JSON.stringify(text)}`);
}

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-print-'));
  fs.writeFileSync(path.join(dir, `${EVIL}.nn`), NETWORK);
  fs.writeFileSync(path.join(dir, `bad${EVIL}.nn`), NETWORK.replace('tanh', 'tanhh'));
  return dir;
}

test('messages and errors show a hostile file name escaped: check, train, export, usage', () => {
  const dir = folder();
  const runs = {
    missing: nn(dir, 'check', `missing${EVIL}.nn`),
    diagnostic: nn(dir, 'check', `bad${EVIL}.nn`),
    train: nn(dir, 'train', `${EVIL}.nn`, '--save-weights', `${EVIL}.json`),
    export: nn(dir, 'export', `${EVIL}.nn`, '--to', 'pytorch', '-o', `${EVIL}.py`),
    refused: nn(dir, 'export', `${EVIL}.nn`, '--to', 'pytorch', '-o', `${EVIL}.py`),
    shapes: nn(dir, 'shapes', `bad${EVIL}.nn`),
    unknown: nn(dir, 'export', `${EVIL}.nn`, '--to', `py${EVIL}`),
    command: nn(dir, `x${EVIL}`),
  };
  for (const [what, r] of Object.entries(runs)) {
    assertPrintable(r.out, `${what} (stdout)`);
    assertPrintable(r.err, `${what} (stderr)`);
  }
  assert.match(runs.missing.out, new RegExp(`^missing${escape(SHOWN)}\\.nn:1:1: error NN501: cannot read missing${escape(SHOWN)}\\.nn: `));
  assert.match(runs.diagnostic.out, new RegExp(`^bad${escape(SHOWN)}\\.nn:3:11: error`));
  assert.match(runs.train.err, new RegExp(`weights saved to ${escape(SHOWN)}\\.json\\n$`));
  assert.equal(runs.export.out, `${path.join(dir, SHOWN)}.py\n${path.join(dir, SHOWN)}.data.csv\n`);
  assert.match(runs.refused.err, new RegExp(`^${escape(path.join(dir, SHOWN))}\\.py: error: already exists`));
  assert.match(runs.unknown.err, new RegExp(`--to takes pytorch or onnx, not 'py${escape(SHOWN)}'`));
  assert.match(runs.command.err, new RegExp(`unknown command 'x${escape(SHOWN)}'`));
  // the files themselves have their real names
  assert.ok(fs.existsSync(path.join(dir, `${EVIL}.py`)) && fs.existsSync(path.join(dir, `${EVIL}.json`)));
});

test('JSON output escapes hidden characters as JSON does, and still reads back the real name', () => {
  const dir = folder();
  const r = nn(dir, 'check', '--json', `bad${EVIL}.nn`);
  assertPrintable(r.out, 'check --json');
  const diagnostics = JSON.parse(r.out) as Array<{ file: string }>;
  assert.ok(diagnostics.length > 0);
  assert.equal(diagnostics[0].file, `bad${EVIL}.nn`);
});

function escape(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
