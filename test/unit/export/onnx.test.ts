// `nn export --to onnx` checked by real tools (spec §10): onnxruntime (its WebAssembly build,
// onnxruntime-web, running in Node) computes the exported model's A on examples, which must equal
// the engine's predictions within 1e-12 (float64) and 1e-5 (float32); Debian's onnx package's
// checker must accept every file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { analyze } from '../../../core/language';
import type { NetworkSpec } from '../../../core/foundation/model';
import { matrix, type Matrix } from '../../../core/foundation/matrix';
import { Trainer } from '../../../core/engine/trainer';
import { Rng } from '../../../core/foundation/prng';
import { onnxModel } from '../../../core/services/export/onnx';
import { networkShapes, size } from '../../../core/layers';
import type { WeightsValues } from '../../../core/data/weights';
import { run as nnExport } from '../../../core/adapters/cli/export';
import { run as nnTrain } from '../../../core/adapters/cli/train';

const dir = mkdtempSync(join(tmpdir(), 'nn-onnx-'));

function specOf(text: string): NetworkSpec {
  const analysis = analyze(text, { files: { read: () => { throw new Error('no files'); } } as never });
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, []);
  return analysis.networks[0].spec!;
}

/** A network with data from a generator, so the checker needs no files. */
function network(input: string, layers: string[], data: string): NetworkSpec {
  return specOf(`network t {\n  input ${input}\n${layers.map((l) => `  ${l}\n`).join('')}  train {\n    data ${data}\n    seed 9\n  }\n}\n`);
}

/** m random examples as the engine's X (n[0], m). */
function examples(n0: number, m: number, seed: number): Matrix {
  const rng = new Rng(seed, 'onnx-test');
  const X = matrix(n0, m);
  for (let p = 0; p < X.data.length; p++) X.data[p] = 2 * rng.normal();
  return X;
}

/** A made-up training step or two, so the weights are not just the initial draw; returns them and the engine's A for X. */
function engine(spec: NetworkSpec, X: Matrix): { weights: WeightsValues; A: Matrix } {
  const trainer = new Trainer({ ...spec, train: { ...spec.train, iterations: 3, learningRate: 0.1 } }, { X, Y: labels(spec, X.cols), m: X.cols });
  trainer.step(3);
  const A = trainer.predict(X);
  return { weights: trainer.weights(), A: { ...A, data: A.data.slice() } };
}

function labels(spec: NetworkSpec, m: number): Matrix {
  const last = spec.layers[spec.layers.length - 1];
  const units = last.kind === 'dense' ? last.units : 1;
  const Y = matrix(units, m);
  for (let j = 0; j < m; j++) Y.data[(j % units) * m + j] = 1;
  return Y;
}

/** X (n[0], m) as ONNX's input: rows are examples; an image input goes NCHW. */
function input(spec: NetworkSpec, X: Matrix, float64: boolean): ort.Tensor {
  const { rows: n0, cols: m } = X;
  const data = float64 ? new Float64Array(n0 * m) : new Float32Array(n0 * m);
  const image = spec.image;
  for (let j = 0; j < m; j++) {
    for (let f = 0; f < n0; f++) {
      if (!image) {
        data[j * n0 + f] = X.data[f * m + j];
        continue;
      }
      // feature f is (h, w, c) row-major; NCHW puts it at ((j·C + c)·H + h)·W + w
      const c = f % image.n_C, w = Math.floor(f / image.n_C) % image.n_W, h = Math.floor(f / (image.n_C * image.n_W));
      data[((j * image.n_C + c) * image.n_H + h) * image.n_W + w] = X.data[f * m + j];
    }
  }
  return new ort.Tensor(float64 ? 'float64' : 'float32', data, image ? [m, image.n_C, image.n_H, image.n_W] : [m, n0]);
}

/** The model's A for X, by onnxruntime; (m, n[L]) row-major. */
async function runtime(model: Uint8Array, spec: NetworkSpec, X: Matrix, float64: boolean): Promise<{ dims: readonly number[]; data: Float64Array }> {
  const session = await ort.InferenceSession.create(model);
  const out = await session.run({ X: input(spec, X, float64) });
  return { dims: out.A.dims, data: Float64Array.from(out.A.data as Float32Array | Float64Array) };
}

/** onnx.checker.check_model(full_check=True) in Debian's python3-onnx, on each file. */
function onnxChecker(files: string[]): void {
  const code = 'import onnx, sys\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\nprint("ok")';
  const r = spawnSync('/usr/bin/python3', ['-c', code, ...files], { encoding: 'utf8' });
  assert.equal(r.status, 0, `onnx.checker refused the model (python3-onnx installed?):\n${r.stderr}`);
}

async function assertEqualOutputs(name: string, spec: NetworkSpec, n0: number) {
  const X = examples(n0, 7, name.length);
  const { weights, A } = engine(spec, X);
  const files: string[] = [];
  for (const [float64, tolerance] of [[true, 1e-12], [false, 1e-5]] as const) {
    const model = onnxModel(spec, weights, { float64 });
    const file = join(dir, `${name}${float64 ? '64' : '32'}.onnx`);
    writeFileSync(file, model);
    files.push(file);
    const out = await runtime(model, spec, X, float64);
    const units = A.rows, m = A.cols;
    assert.deepEqual(out.dims, [m, units]);
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < units; i++) {
        const want = A.data[i * m + j], got = out.data[j * units + i];
        assert.ok(Math.abs(got - want) <= tolerance * Math.max(1, Math.abs(want)), `${name} ${float64 ? 'float64' : 'float32'}: A[${i}, ${j}] = ${got}, the engine's ${want}`);
      }
    }
  }
  onnxChecker(files);
}

test('dense networks: every activation, sigmoid and softmax outputs, equal to the engine', async () => {
  await assertEqualOutputs('planar', network('2', ['dense 4 tanh', 'dense 1 sigmoid'], 'flower(m: 40)'), 2);
  await assertEqualOutputs('deep', network('3', ['dense 5 relu', 'dense 4 leaky_relu(0.1)', 'dense 3 sigmoid', 'dense 3 linear', 'dense 4 softmax'],
    'blobs(m: 40, classes: 4, features: 3)'), 3);
  await assertEqualOutputs('regression', network('2', ['dense 3 tanh', 'dense 1 linear'], 'moons(m: 40)'), 2);
});

test('nn export --to onnx trains first without --weights: the same model as from nn train --save-weights', async () => {
  writeFileSync(join(dir, 'net.nn'), 'network net {\n  input 2\n  dense 3 tanh\n  dense 1 sigmoid\n  train {\n    data xor(m: 60)\n    iterations 40\n    learning_rate 0.5\n  }\n}\n');
  const quiet = async (f: () => Promise<number>) => {
    const [out, err] = [process.stdout.write, process.stderr.write];
    process.stdout.write = (() => true) as typeof process.stdout.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try { return await f(); } finally { process.stdout.write = out; process.stderr.write = err; }
  };
  const at = (name: string) => join(dir, name);
  assert.equal(await quiet(() => nnTrain([at('net.nn'), '--save-weights', at('trained.json')])), 0);
  assert.equal(await quiet(() => nnExport([at('net.nn'), '--to', 'onnx', '--float64', '-o', at('trained-here.onnx')])), 0);
  assert.equal(await quiet(() => nnExport([at('net.nn'), '--to', 'onnx', '--float64', '--weights', at('trained.json'), '-o', at('from-file.onnx')])), 0);
  assert.deepEqual(readFileSync(at('trained-here.onnx')), readFileSync(at('from-file.onnx')));
});

/** A conv network built directly (the spec §8 layers), with seeded weights of the right shapes. */
function convNetwork(): { spec: NetworkSpec; weights: WeightsValues } {
  const spec: NetworkSpec = {
    name: 'conv', inputSize: 9 * 8 * 2, image: { n_H: 9, n_W: 8, n_C: 2 }, loss: 'softmax_cross_entropy',
    layers: [
      { kind: 'conv2d', filters: 3, activation: { name: 'leaky_relu', slope: 0.2 }, f: 3, stride: 1, pad: 1 },
      { kind: 'avg_pool', f: 2, stride: 2 },
      { kind: 'conv2d', filters: 4, activation: { name: 'tanh' }, f: 2, stride: 2, pad: 2 },
      { kind: 'max_pool', f: 2, stride: 1 },
      { kind: 'flatten' },
      { kind: 'dense', units: 3, activation: { name: 'softmax' } },
    ],
    train: { learningRate: 0.1, iterations: 1, batch: 'full', seed: 1, logEvery: 1 },
  };
  const rng = new Rng(5, 'conv-weights');
  const weights: WeightsValues = {};
  for (const layer of networkShapes(spec)) {
    if (!layer.parameters) continue;
    weights[`W${layer.l}`] = Float64Array.from({ length: size(layer.parameters.W!) }, () => 0.5 * rng.normal());
    weights[`b${layer.l}`] = Float64Array.from({ length: size(layer.parameters.b!) }, () => 0.1 * rng.normal());
  }
  return { spec, weights };
}

test('a conv network of every layer kind: onnxruntime equals the engine (float64 1e-12, float32 1e-5), also against its own Conv', async () => {
  const { spec } = convNetwork();
  await assertEqualOutputs('conv', spec, spec.inputSize);
  // the float64 file writes Conv, AveragePool and LeakyRelu with other ops: the float32 file's plain nodes agree
  const { weights } = convNetwork();
  const X = examples(spec.inputSize, 5, 3);
  const double = await runtime(onnxModel(spec, weights, { float64: true }), spec, X, true);
  const single = await runtime(onnxModel(spec, weights, { float64: false }), spec, X, false);
  double.data.forEach((a, k) => assert.ok(Math.abs(a - single.data[k]) <= 1e-5, `A entry ${k}: ${a} (float64) vs ${single.data[k]} (float32)`));
});
