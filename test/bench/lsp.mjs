// Benchmark (issue 13): from a keystroke's textDocument/didChange to the textDocument/publishDiagnostics
// of that version, through `nn lsp --stdio` (dist/cli.js), on the 1,000-layer file. The client answers
// the server's settings request with a debounce of 0 ms: the debounce (150 ms by default) is the
// user's choice of waiting, not the server's work. Each change edits one digit of a comment, as a
// keystroke does, and is sent as an incremental change. Prints p50 and p95; the goal is p95 < 50 ms.
// Usage: node test/bench/lsp.mjs [runs]   (after npm run build)

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg, availableParallelism } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';
import { bigNetwork } from './network1000.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const GOAL_MS = 50;
const runs = Number(process.argv[2] ?? 200);
const WARMUP = 30;
/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;

if (!existsSync(CLI)) {
  console.error('lsp bench: dist/cli.js is missing: run `npm run build` first');
  process.exit(1);
}

const lines = bigNetwork(1000);
const text = lines.join('\n');
const uri = pathToFileURL(path.join(ROOT, 'out', 'bench', 'big.nn')).href; // never written: the text is the client's

const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', ({ version, diagnostics }) => {
  const done = waiting.get(version);
  if (done) {
    waiting.delete(version);
    done(diagnostics);
  }
});
connection.onRequest('workspace/configuration', ({ items }) => items.map(() => ({ diagnostics: { debounceMs: 0 } })));
connection.onRequest('client/registerCapability', () => null);
connection.listen();

await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
await connection.sendNotification('initialized', {});
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

let version = 1;
const opened = published(version);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'nn', version, text } });
const first = await opened;
if (first.some((d) => d.severity === 1)) {
  console.error('lsp bench: the benchmark file did not check clean:', first.slice(0, 3));
  process.exit(1);
}

// The comment `# layer 500` on line 503 becomes `# layer 500`, `# layer 501`, … one digit at a time.
const line = 502;
const column = lines[line].length - 1;
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
const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
const p95 = at(0.95);
console.log(`language server, 1,000-layer file (${lines.length} lines, ${text.length} characters): didChange → publishDiagnostics, ` +
  `p50 ${at(0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, best ${sorted[0].toFixed(1)} ms (${runs} changes after ${WARMUP} warm-up; goal p95 < ${GOAL_MS} ms)` +
  `${p95 < GOAL_MS ? '' : ' — OVER THE GOAL'}`);
// CPU time is what the server itself spends, whatever else the machine runs (Linux: /proc).
if (!Number.isNaN(serverCpu)) console.log(`server CPU time per change: ${serverCpu.toFixed(1)} ms (its user + system time, all threads, GC included)`);
console.log(`load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores${loadavg()[0] > 1.5 ? ': a busy machine, figures inflated' : ''}`);

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
