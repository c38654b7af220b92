// Benchmark (issues 13 and 19): from a keystroke's textDocument/didChange to the
// textDocument/publishDiagnostics of that version, through `nn lsp --stdio` (dist/cli.js) and a real
// LSP client over stdio, on examples/digits/digits.nn, on the 1,000-layer file and on the same
// layers as ten networks of 100 (where a keystroke checks its own network again). The client
// answers the server's settings request with the defaults package.json declares, as VS Code does for
// a user who changed nothing: the wait the user sees, debounce included. Each change edits one digit
// of a comment, as a keystroke does, and is sent as an incremental change; the next keystroke
// follows the diagnostics of the last. Prints p50 and p95 per file; the goal is p95 < 50 ms.
// Usage: node test/bench/lsp.mjs [runs] [cli.js]   (after npm run build; another build's cli.js
// measures that build, e.g. main's, for a before-and-after)

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg, availableParallelism } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';
import { bigNetwork } from './network1000.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.resolve(process.argv[3] ?? path.join(ROOT, 'dist', 'cli.js'));
const GOAL_MS = 50;
const runs = Number(process.argv[2] ?? 200);
const WARMUP = 30;
/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;

if (!existsSync(CLI)) {
  console.error(`lsp bench: ${CLI} is missing: run \`npm run build\` first`);
  process.exit(1);
}

/** The `nnStudio.*` defaults of package.json, nested as VS Code answers workspace/configuration. */
function defaultSettings() {
  const properties = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.configuration.properties;
  const section = {};
  for (const [key, { default: value }] of Object.entries(properties)) {
    const [, group, name] = key.split('.');
    if (name === undefined) section[group] = value;
    else (section[group] ??= {})[name] = value;
  }
  return section;
}

/** The line of the first comment of `lines` at or after `from`, and the column of its last digit. */
function commentDigit(lines, from) {
  for (let line = from; line < lines.length; line++) {
    const comment = lines[line].indexOf('#');
    const column = lines[line].search(/\d\D*$/);
    if (comment >= 0 && column > comment) return { line, column };
  }
  throw new Error('lsp bench: no comment with a digit to type in');
}

const digitsFile = path.join(ROOT, 'examples', 'digits', 'digits.nn');
const digitsLines = readFileSync(digitsFile, 'utf8').split('\n');
const bigLines = bigNetwork(1000);
// the same 1,000 layers as ten networks of 100: a keystroke in one of them checks that one alone
const tenLines = Array.from({ length: 10 }, (_, k) => bigNetwork(100).map((line) => line.replace('network big', `network big${k}`))).flat();
const cases = [
  // the real file on disk: its images are read (and cached) by the server as in the editor
  { name: 'examples/digits/digits.nn', uri: pathToFileURL(digitsFile).href, lines: digitsLines, at: commentDigit(digitsLines, 7) },
  // never written: the text is the client's
  { name: '1,000-layer file', uri: pathToFileURL(path.join(ROOT, 'out', 'bench', 'big.nn')).href, lines: bigLines, at: commentDigit(bigLines, 502) },
  { name: '1,000 layers in 10 networks', uri: pathToFileURL(path.join(ROOT, 'out', 'bench', 'ten.nn')).href, lines: tenLines, at: commentDigit(tenLines, tenLines.indexOf('network big5 {') + 50) },
];

const settings = defaultSettings();
for (const c of cases) await measure(c);
console.log(`load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores${loadavg()[0] > 1.5 ? ': a busy machine, figures inflated' : ''}`);

/** Types `runs` keystrokes into one document through a fresh server and prints p50 and p95. */
async function measure({ name, uri, lines, at }) {
  const text = lines.join('\n');
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', ({ uri: published, version, diagnostics }) => {
    const done = published === uri && waiting.get(version);
    if (done) {
      waiting.delete(version);
      done(diagnostics);
    }
  });
  connection.onRequest('workspace/configuration', ({ items }) => items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();

  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(ROOT).href, capabilities: { workspace: { configuration: true } } });
  await connection.sendNotification('initialized', {});
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

  let version = 1;
  const opened = published(version);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'nn', version, text } });
  const first = await opened;
  if (first.some((d) => d.severity === 1)) {
    console.error(`lsp bench: ${name} did not check clean:`, first.slice(0, 3));
    process.exit(1);
  }

  const { line, column } = at;
  const times = [];
  let cpu0 = 0;
  for (let i = 0; i < WARMUP + runs; i++) {
    if (i === WARMUP) cpu0 = cpuMs(child.pid);
    version++;
    const done = published(version);
    const t0 = process.hrtime.bigint();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: String(i % 10) }],
    });
    await done;
    if (i >= WARMUP) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }

  const serverCpu = (cpuMs(child.pid) - cpu0) / runs;
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();

  const sorted = [...times].sort((a, b) => a - b);
  const quantile = (q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  const p95 = quantile(0.95);
  console.log(`language server, ${name} (${lines.length} lines, ${text.length} characters): keystroke → diagnostics, ` +
    `p50 ${quantile(0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, best ${sorted[0].toFixed(1)} ms (${runs} keystrokes after ${WARMUP} warm-up; goal p95 < ${GOAL_MS} ms)` +
    `${p95 < GOAL_MS ? '' : ' — OVER THE GOAL'}`);
  // CPU time is what the server itself spends, whatever else the machine runs (Linux: /proc).
  if (!Number.isNaN(serverCpu)) console.log(`  server CPU time per keystroke: ${serverCpu.toFixed(1)} ms (its user + system time, all threads, GC included)`);
}

/**
 * User + system CPU milliseconds so far of process `pid` and its children (`nn lsp` runs the server
 * in a child Node started with the server's heap options); NaN where /proc is missing.
 */
function cpuMs(pid) {
  try {
    // Fields after the command name's closing parenthesis; utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const own = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return own + children.reduce((sum, child) => sum + cpuMs(Number(child)), 0);
  } catch {
    return NaN;
  }
}
