// "NN: Export Network…" as a job of the worker protocol (extension/exportJob.ts against the built
// dist/worker.js): the thread writes the files the CLI would, an ONNX model from the palette is
// trained first as `nn export --to onnx` does (issue 24.6), and Cancel ends the training with nothing
// written. The question asked before the save dialog is plain text (a modal shows backticks literally).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeFile } from '../../../core/language';
import { train } from '../../../core/engine';
import { exportOnnx, exportPytorch } from '../../../core/services/export';
import { loadWithinMemory } from '../../../core/services/session/limits';
import { initialWeights } from '../../../core/services/session/initial';
import type { ExportJob } from '../../../core/services/protocol';
import { exportJob, trainFirstQuestion } from '../../../extension/exportJob';

const ROOT = path.resolve(__dirname, '../../../..');
const SCRIPT = path.join(ROOT, 'dist', 'worker.js');
const SOURCE = path.join(ROOT, 'examples', 'planar.nn');

function planar(iterations: number) {
  const spec = analyzeFile(SOURCE).networks[0].spec!;
  return { ...spec, train: { ...spec.train, iterations } };
}

function folder(): string {
  return mkdtempSync(path.join(tmpdir(), 'nn-export-job-'));
}

test('the question says the network is trained first, how long, and has no markdown', () => {
  const text = trainFirstQuestion(planar(10000));
  assert.match(text, /network ‘planar’ is trained first \(10,000 iterations\), as nn export --to onnx does/);
  assert.doesNotMatch(text, /[`*_]/);
});

test('an ONNX export from the palette trains to the end in the thread and writes the model nn export would', async () => {
  assert.ok(existsSync(SCRIPT), 'dist/worker.js is missing: run `npm run build` first');
  const dir = folder();
  try {
    const spec = planar(300);
    const out = path.join(dir, 'planar.onnx');
    const seen: number[] = [];
    const files = await exportJob(SCRIPT, { type: 'export', spec, target: 'onnx', out, source: SOURCE }, { onProgress: (i) => seen.push(i) });
    assert.deepEqual(files, [out]);
    assert.ok(seen.length > 0 && seen.every((i) => i <= 300) && seen.at(-1) === 300, JSON.stringify(seen));
    const cli = train(spec, loadWithinMemory(spec), { initial: initialWeights(spec) });
    const expected = exportOnnx(spec, out, cli.weights, { float64: false })[0].content as Uint8Array;
    assert.deepEqual(new Uint8Array(readFileSync(out)), new Uint8Array(expected), 'the same model as the CLI makes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a PyTorch export of the panel\'s weights writes the script and OUT.weights.json in the layout of every layer', async () => {
  const dir = folder();
  try {
    const spec = planar(10);
    const out = path.join(dir, 'net.py');
    const weights = { W1: new Float64Array(8).fill(0.5), b1: new Float64Array(4).fill(0.125), W2: new Float64Array(4).fill(-0.25), b2: new Float64Array(1) };
    const files = await exportJob(SCRIPT, { type: 'export', spec, target: 'pytorch', out, source: SOURCE, weights });
    const file = path.join(dir, 'net.weights.json');
    assert.deepEqual(files, [out, path.join(dir, 'net.data.csv'), file], 'the script, the generated data, the weights');
    assert.equal(readFileSync(out, 'utf8'), exportPytorch(spec, out, SOURCE, file)[0].content);
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number[][]>;
    assert.deepEqual(Object.keys(json), ['W1', 'b1', 'W2', 'b2']);
    assert.deepEqual(json.W1, [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]);
    assert.deepEqual(json.b2, [[0]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the export\'s safety rules hold in the thread: a derived name that is a link is refused and nothing is written', async () => {
  const dir = folder();
  try {
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, path.join(dir, 'net.weights.json'));
    const job: ExportJob = { type: 'export', spec: planar(10), target: 'pytorch', out: path.join(dir, 'net.py'), source: SOURCE, weights: { W1: new Float64Array(8), b1: new Float64Array(4), W2: new Float64Array(4), b2: new Float64Array(1) } };
    await assert.rejects(exportJob(SCRIPT, job), (e: Error & { kind?: string }) => e.kind === 'write' && /net\.weights\.json/.test(e.message));
    assert.equal(readFileSync(victim, 'utf8'), 'keep me');
    assert.deepEqual(readdirSync(dir).sort(), ['net.weights.json', 'victim.txt'], 'no file of the export was written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('aborting the signal ends the training with nothing written', async () => {
  const dir = folder();
  try {
    const abort = new AbortController();
    const out = path.join(dir, 'planar.onnx');
    const r = await exportJob(SCRIPT, { type: 'export', spec: planar(10_000_000), target: 'onnx', out, source: SOURCE }, { signal: abort.signal, onProgress: () => abort.abort() });
    assert.equal(r, undefined);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
