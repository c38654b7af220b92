// The module graph of core/: no import circle (type-only imports count too: a circle of types is
// still two modules that cannot be understood or moved one without the other), and the data sets
// reach Matrix without depending on the engine's memory.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const core = join(root, 'core');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** The core/ modules a file imports or re-exports from, as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const [, spec] of text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']*)'/gms)) {
    const base = resolve(dirname(file), spec);
    const target = [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
    if (target) out.push(target);
  }
  return out;
}

const graph = new Map(sources(core).map((f) => [f, importsOf(f)]));
const name = (f: string) => relative(root, f);

test('core/ has no import circle', () => {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') assert.fail(`import circle: ${[...stack.slice(stack.indexOf(f)), f].map(name).join(' → ')}`);
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) visit(g);
    stack.pop();
    state.set(f, 'done');
  };
  assert.ok(graph.size > 30, 'the scan found core/');
  for (const f of graph.keys()) visit(f);
});

test('Matrix lives in core/foundation/matrix.ts, which imports nothing; the data sets take it from there', () => {
  assert.deepEqual(graph.get(join(core, 'foundation', 'matrix.ts')), []);
  for (const [f, targets] of graph) {
    if (!f.startsWith(join(core, 'data'))) continue;
    for (const t of targets) {
      assert.ok(!t.startsWith(join(core, 'engine', 'matrix')) && !t.startsWith(join(core, 'engine', 'wasm')), `${name(f)} imports ${name(t)}`);
    }
  }
});
