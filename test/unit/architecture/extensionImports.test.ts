// Issue 19, item 3: the extension host routes, it does not compute. Its commands ask the language
// server (core/adapters/lsp/protocol.ts) and hand jobs to worker threads (core/services/protocol.ts);
// what it still runs of core/ itself is pinned here, so a new import of the checker, the engine or
// the layers into the extension host fails this test instead of slipping in. Shrink the lists as
// work moves out (docs/floors.md); never grow them without saying why there.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../language/helpers';

/**
 * The core modules the extension host's bundle (extension/extension.ts and what it imports) runs:
 * none computes — no checker, engine, layer kind, data reader, exporter or file writer. Those run in
 * the language server (the checker) and in the worker threads (every job: train, gradcheck, export,
 * Save Weights).
 */
const HOST_RUNS = [
  'core/adapters/lsp/convert.ts', // contains(): a position in a range, the server's own rule, for the status bar and the pickers
  'core/adapters/lsp/locate.ts', // the network under the cursor, the same rule as the server's
  'core/adapters/lsp/protocol.ts', // the server's typed custom messages
  'core/foundation/numbers.ts', // counts as people read them
  'core/services/diagram.ts', // the network diagram page's messages, and the check of what the page sends
  'core/services/format/gradcheck.ts', // the gradient check's table, as `nn gradcheck` prints it
  'core/services/protocol.ts', // the workers' and webviews' messages, and their checks
  'core/services/session/compare.ts', // Compare Runs' coordination: one training thread per network, by messages only
];

/** The thread entry point: it runs the jobs of core/services/session, which is its work. */
const THREADS = ['extension/worker.ts'];

/** Type-only imports: they vanish from the bundle, but still tie the extension to these modules' shapes. */
const HOST_TYPES = [
  'core/engine/gradcheck.ts',
  'core/foundation/model.ts',
  'core/language/api.ts',
  'core/services/session/outcome.ts',
];

interface Import { target: string; typeOnly: boolean }

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\bfrom\s+['"](\.[^'"]*)['"]/gms)) {
    const target = resolve(file, m[3]);
    if (target) found.push({ target, typeOnly: m[2] !== undefined });
  }
  return found;
}

/** The source file a relative specifier names, relative to the root; undefined for a non-source (a .json). */
function resolve(from: string, spec: string): string | undefined {
  const base = path.posix.join(path.posix.dirname(from), spec);
  return [`${base}.ts`, `${base}/index.ts`].find((f) => fs.existsSync(path.join(ROOT, f)));
}

/** The extension's files of the host bundle: extension/extension.ts and what it imports by value. */
function hostFiles(): Set<string> {
  const host = new Set<string>();
  const queue = ['extension/extension.ts'];
  while (queue.length) {
    const file = queue.pop()!;
    if (host.has(file)) continue;
    host.add(file);
    for (const { target, typeOnly } of importsOf(file)) if (!typeOnly && target.startsWith('extension/')) queue.push(target);
  }
  return host;
}

/** The core modules the host's own files import (what those import in turn is core's business). */
function hostCore(): { runs: Set<string>; types: Set<string> } {
  const runs = new Set<string>();
  const types = new Set<string>();
  for (const file of hostFiles()) {
    for (const { target, typeOnly } of importsOf(file)) if (target.startsWith('core/')) (typeOnly ? types : runs).add(target);
  }
  for (const f of runs) types.delete(f);
  return { runs, types };
}

test('the extension host runs only the pinned core modules (issue 19: it asks the server and the workers)', () => {
  assert.deepEqual([...hostCore().runs].sort(), [...HOST_RUNS].sort());
});

test('the extension host imports only the pinned core types', () => {
  assert.deepEqual([...hostCore().types].sort(), [...HOST_TYPES].sort());
});

test('the thread entry points are not part of the extension host bundle', () => {
  const host = hostFiles();
  for (const thread of THREADS) assert.ok(!host.has(thread), `${thread} is imported by the extension host`);
});
