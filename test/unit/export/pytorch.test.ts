// The PyTorch exporter's pieces that need no Python: names, literals, the generator's CSV (read
// back by the engine's own CSV loader to the very same examples), the CLI's refusals, and the
// panel's Export intent. The scripts themselves are run by test/export/ (npm run test:export).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { className, pyNumber } from '../../../core/services/export/python';
import { dataCsv } from '../../../core/services/export/csv';
import { generate } from '../../../core/data/generators';
import { loadData } from '../../../core/data/dataset';
import { analyze } from '../../../core/language';
import { run as nnExport } from '../../../core/adapters/cli/export';
import { checkMessage } from '../../../core/services/protocol';

const dir = mkdtempSync(join(tmpdir(), 'nn-export-unit-'));

async function quiet(f: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const [o, e] = [process.stdout.write, process.stderr.write];
  process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => err.push(s) > 0) as typeof process.stderr.write;
  try {
    return { code: await f(), out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

test('class names are Python identifiers that shadow nothing the script imports', () => {
  assert.equal(className('planar'), 'Planar');
  assert.equal(className('le_net_5'), 'LeNet5');
  assert.equal(className('3layers'), 'Network3layers');
  assert.equal(className('dataset'), 'DatasetNetwork');
  assert.equal(className('rng'), 'RngNetwork');
});

test('numbers are written in their shortest round-trip form; non-finite ones are refused', () => {
  for (const x of [0.1, 1e-8, 1 / 3, 1e21, -2.5e-300, 7]) assert.equal(Number(pyNumber(x)), x);
  assert.throws(() => pyNumber(Infinity));
});

test("a generator's CSV reads back, through the engine's CSV loader, as the generator's own examples", () => {
  const spec = (data: string) => analyze(`network s {\n  input 2\n  dense 3 tanh\n  dense 3 softmax\n  train {\n    data ${data}\n    seed 4\n  }\n}\n`, { path: join(dir, 'n.nn') }).networks[0].spec!;
  writeFileSync(join(dir, 's.csv'), dataCsv(generate('spiral', { m: 90, noise: 0.3, classes: 3 }, 4, 'data')));
  const generated = loadData(spec('spiral(m: 90, noise: 0.3, classes: 3)')).train;
  const fromCsv = loadData(spec('"s.csv"')).train;
  assert.deepEqual(fromCsv.X.data, generated.X.data);
  assert.deepEqual(fromCsv.Y.data, generated.Y.data);
});

test('nn export refuses a missing or unknown --to and --float64 for pytorch, with the usage', async () => {
  writeFileSync(join(dir, 'a.nn'), 'network a {\n  input 2\n  dense 1 sigmoid\n  train {\n    data xor(m: 20)\n  }\n}\n');
  const file = join(dir, 'a.nn');
  const none = await quiet(() => nnExportOrUsage([file]));
  assert.match(none.err, /needs --to pytorch or --to onnx/);
  assert.match((await quiet(() => nnExportOrUsage([file, '--to', 'keras']))).err, /--to takes pytorch or onnx, not 'keras'/);
  assert.match((await quiet(() => nnExportOrUsage([file, '--to', 'pytorch', '--float64']))).err, /--float64 is for --to onnx/);
});

test('nn export --weights checks the file against the network, at its place', async () => {
  writeFileSync(join(dir, 'b.nn'), 'network b {\n  input 2\n  dense 1 sigmoid\n  train {\n    data xor(m: 20)\n  }\n}\n');
  writeFileSync(join(dir, 'bad.json'), '{"W1": [[1, 2, 3]], "b1": [[0]]}');
  const r = await quiet(() => nnExport([join(dir, 'b.nn'), '--to', 'pytorch', '--weights', join(dir, 'bad.json'), '-o', join(dir, 'b.py')]));
  assert.equal(r.code, 1);
  assert.match(r.err, /bad\.json does not fit network 'b'.*W1/);
});

test('nn export --to pytorch writes the script and the generated data beside it, and prints both paths', async () => {
  writeFileSync(join(dir, 'c.nn'), 'network c {\n  input 2\n  dense 4 relu  keep_prob: 0.8\n  dense 1 sigmoid\n  train {\n    data moons(m: 30)\n    test moons(m: 10)\n  }\n}\n');
  const r = await quiet(() => nnExport([join(dir, 'c.nn'), '--to', 'pytorch', '-o', join(dir, 'out', 'c.py')]));
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.out.trim().split('\n'), ['c.py', 'c.data.csv', 'c.test.csv'].map((f) => join(dir, 'out', f)));
  const script = readFileSync(join(dir, 'out', 'c.py'), 'utf8');
  assert.match(script, /^class C\(nn\.Module\):$/m);
  assert.match(script, /^DATA = "c\.data\.csv"/m);
  assert.match(script, /^TEST = "c\.test\.csv"/m);
  assert.match(script, /^DROPOUT = \{\n {4}1: \(4, 0\.8\),\n\}/m);
});

test("the training panel's Export button is an intent the extension accepts", () => {
  assert.deepEqual(checkMessage({ type: 'exportNetwork' }, true), { type: 'exportNetwork' });
});

/** `nn export` through main's usage handling: a UsageError prints the usage and exits 1. */
async function nnExportOrUsage(argv: string[]): Promise<number> {
  const { main } = await import('../../../core/adapters/cli/main');
  return main(['export', ...argv]);
}
