// Issue 19, item 2: the floors of the code base (docs/floors.md). Each floor imports only from the
// floors below it, and the folders of one floor never import each other in a circle, so any floor
// can be read, tested and changed knowing only what lies beneath it. Type-only imports count too:
// a circle of types still ties two folders together.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../language/helpers';

/** Bottom first; a folder belongs to the first floor whose prefix it starts with. */
const FLOORS: ReadonlyArray<readonly [name: string, folders: readonly string[]]> = [
  ['foundation', ['core/foundation']],
  ['kinds', ['core/layers']],
  ['data', ['core/data']],
  ['engine', ['core/engine']],
  ['language', ['core/language']],
  ['services', ['core/services']],
  ['adapters', ['core/adapters', 'extension', 'webview']],
];

/** The floor of a source path (relative to the root, with '/'), or undefined when it lies on none. */
function floorOf(file: string): number | undefined {
  const i = FLOORS.findIndex(([, folders]) => folders.some((f) => file.startsWith(`${f}/`)));
  return i < 0 ? undefined : i;
}

/**
 * The folder a file counts in for circles: services and adapters are several folders each
 * (core/services/session, core/adapters/lsp, extension…); the lower floors are one folder each.
 */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'core') return parts[0];
  return (parts[1] === 'services' || parts[1] === 'adapters') && parts.length > 3 ? parts.slice(0, 3).join('/') : parts.slice(0, 2).join('/');
}

/** Every relative module a source imports, re-exports, `import()`s or `require`s, as written. */
function specifiers(text: string): string[] {
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.[^'"]*)['"]/gms),
    ...text.matchAll(/^\s*import\s+['"](\.[^'"]*)['"]/gm),
    ...text.matchAll(/\b(?:import|require)\s*\(\s*['"](\.[^'"]*)['"]\s*\)/g),
  ];
  return [...new Set(found.map((m) => m[1]))];
}

/** `spec` imported by `file`, resolved in `files` to a path relative to the root (undefined: not a source, e.g. package.json). */
function resolveIn(files: ReadonlyMap<string, string>, file: string, spec: string): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  return [base, `${base}.ts`, `${base}/index.ts`].find((candidate) => files.has(candidate));
}

/** What breaks the floors in a tree of sources (path relative to the root → text): one message each. */
function violations(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const edges = new Map<string, Map<string, string>>(); // folder → folder → one import that makes the edge
  for (const [file, text] of files) {
    const from = floorOf(file);
    if (from === undefined) {
      out.push(`${file} lies on no floor: put it in one of the folders of docs/floors.md`);
      continue;
    }
    for (const spec of specifiers(text)) {
      const target = resolveIn(files, file, spec);
      if (target === undefined) continue;
      const to = floorOf(target);
      if (to !== undefined && to > from) {
        out.push(`${file} imports '${spec}' (${target}): an upward import from the ${FLOORS[from][0]} floor to the ${FLOORS[to][0]} floor`);
      }
      const [a, b] = [folderOf(file), folderOf(target)];
      if (a === b) continue;
      if (!edges.has(a)) edges.set(a, new Map());
      if (!edges.get(a)!.has(b)) edges.get(a)!.set(b, `${file} imports '${spec}'`);
    }
  }
  return [...out, ...circles(edges)];
}

/** One message per folder circle found by a depth-first walk, naming an import on each of its edges. */
function circles(edges: ReadonlyMap<string, ReadonlyMap<string, string>>): string[] {
  const out: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (folder: string): void => {
    if (state.get(folder) === 'done') return;
    if (state.get(folder) === 'open') {
      const ring = [...stack.slice(stack.indexOf(folder)), folder];
      const because = ring.slice(1).map((to, i) => edges.get(ring[i])!.get(to)!);
      out.push(`folder circle ${ring.join(' → ')}: ${because.join('; ')}`);
      return;
    }
    state.set(folder, 'open');
    stack.push(folder);
    for (const next of edges.get(folder)?.keys() ?? []) visit(next);
    stack.pop();
    state.set(folder, 'done');
  };
  for (const folder of [...edges.keys()].sort()) visit(folder);
  return out;
}

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? sources(rel) : e.name.endsWith('.ts') ? [rel] : [];
  });
}

test('core/, extension/ and webview/ keep their floors: no upward import, no folder circle', () => {
  const files = new Map(['core', 'extension', 'webview'].flatMap(sources).map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')]));
  assert.ok(files.size > 150, `the scan found the sources (${files.size})`);
  assert.deepEqual(violations(files), []);
});

test('the floor check names the file and the import of an upward import and of a folder circle', () => {
  const files = new Map([
    ['core/foundation/model.ts', 'export type X = 1;'],
    ['core/data/dataset.ts', "import type { X } from '../foundation/model';\nimport {\n  train,\n} from '../engine/train';"],
    ['core/engine/train.ts', "export const train = 1;"],
    ['core/language/hover.ts', "import { thousands } from '../services/format/numbers';"],
    ['core/services/format/numbers.ts', "export const thousands = 1;"],
    ['core/services/session/run.ts', "const m = require('../export/onnx');"],
    ['core/services/export/onnx.ts', "export type Y = import('../session/run').Z;\nimport type { Z } from '../session/run';"],
    ['core/stray.ts', ''],
  ]);
  assert.deepEqual(violations(files), [
    "core/data/dataset.ts imports '../engine/train' (core/engine/train.ts): an upward import from the data floor to the engine floor",
    "core/language/hover.ts imports '../services/format/numbers' (core/services/format/numbers.ts): an upward import from the language floor to the services floor",
    'core/stray.ts lies on no floor: put it in one of the folders of docs/floors.md',
    "folder circle core/services/export → core/services/session → core/services/export: core/services/export/onnx.ts imports '../session/run'; core/services/session/run.ts imports '../export/onnx'",
  ]);
});
