// Networks with groups (spec §12) exported to both targets and held to spec §10's equality with the
// engine: a residual identity block, a residual with a conv shortcut of stride 2, concats with an
// empty branch, and groups nested in groups. The engine trains each; the exported PyTorch script
// (Debian's python3-torch, float64, one thread), drawing the same initial weights from the seed,
// must record the same costs and end with the same weights within 1e-9; the ONNX model of the
// engine's trained weights, run by onnxruntime, must predict what the engine predicts within 1e-12
// (float64) and 1e-5 (float32). A .nn file with blocks goes through `nn export` the same way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-web';
import { assertSameCosts, assertSameWeights, LOAD_EXPORTED, nn, printedJson, python, readJson, run, scratch } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { exportPytorch } = require('../../out/core/services/export/index.js');
const { onnxModel } = require('../../out/core/services/export/onnx.js');
const { size, weightEntries } = require('../../out/core/layers/index.js');
const { formatWeights } = require('../../out/core/data/weights.js');
const { train, loadData } = require('../../out/core/engine/index.js');
const { Trainer } = require('../../out/core/engine/trainer.js');
const { analyze } = require('../../out/core/language/index.js');
const { Rng } = require('../../out/core/foundation/prng.js');

const torchPython = python('torch', 'python3-torch');

const layer = (l) => ({ kind: 'layer', l });
const conv = (filters, activation, f, stride = 1, pad = 0) => ({ kind: 'conv2d', filters, activation: { name: activation }, f, stride, pad });
const dense = (units, activation, slope) => ({ kind: 'dense', units, activation: slope === undefined ? { name: activation } : { name: activation, slope } });
const flatten = { kind: 'flatten' };

/** A hand-built network with a tree, as the checker builds it for a .nn file with groups. */
function network(name, input, layers, body) {
  const image = Array.isArray(input) ? { n_H: input[0], n_W: input[1], n_C: input[2] } : undefined;
  const output = layers[layers.length - 1].activation.name;
  return {
    name, inputSize: image ? image.n_H * image.n_W * image.n_C : input, image, layers, body,
    loss: output === 'softmax' ? 'softmax_cross_entropy' : 'cross_entropy',
    train: { learningRate: 0.05, iterations: 12, batch: 'full', seed: 3, logEvery: 4 },
  };
}

/** ResNet's identity block: out = relu(conv(conv(x)) + x). */
const identityBlock = network('identity', [6, 6, 2], [
  conv(3, 'relu', 3, 1, 1), conv(3, 'relu', 3, 1, 1), conv(3, 'linear', 3, 1, 1), { kind: 'max_pool', f: 2, stride: 2 }, flatten, dense(3, 'softmax'),
], [layer(1), { kind: 'residual', activation: { name: 'relu' }, body: [layer(2), layer(3)], shortcut: [] }, layer(4), layer(5), layer(6)]);

/** ResNet's convolutional block: the body halves n_H and n_W, a 1×1 conv of stride 2 the shortcut. */
const convolutionalBlock = network('convolutional', [7, 7, 2], [
  conv(4, 'relu', 3, 2, 1), conv(4, 'linear', 3, 1, 1), conv(4, 'linear', 1, 2, 0), flatten, dense(1, 'sigmoid'),
], [{ kind: 'residual', activation: { name: 'relu' }, body: [layer(1), layer(2)], shortcut: [layer(3)] }, layer(4), layer(5)]);

/** Inception-style: a 3×3 branch, the identity and a 1×1 branch joined along channels (3 + 2 + 2). */
const concatVolumes = network('inception', [5, 5, 2], [
  conv(3, 'relu', 3, 1, 1), conv(2, 'tanh', 1), flatten, dense(3, 'softmax'),
], [{ kind: 'concat', branches: [[layer(1)], [], [layer(2)]] }, layer(3), layer(4)]);

/** A concat of vectors: a dense branch and the identity joined along units (4 + 3). */
const concatVectors = network('skip', 3, [dense(4, 'tanh'), dense(1, 'sigmoid')],
  [{ kind: 'concat', branches: [[layer(1)], []] }, layer(2)]);

/** A concat inside a residual, a residual inside the concat, and a dense shortcut. */
const nestedVectors = network('nested', 4, [
  dense(6, 'relu'), dense(2, 'relu'), dense(6, 'leaky_relu', 0.1), dense(6, 'linear'), dense(8, 'linear'), dense(3, 'softmax'),
], [layer(1), {
  kind: 'residual', activation: { name: 'tanh' },
  body: [{ kind: 'concat', branches: [[layer(2)], [{ kind: 'residual', activation: { name: 'linear' }, body: [layer(3), layer(4)], shortcut: [] }]] }],
  shortcut: [layer(5)],
}, layer(6)]);

/** The same on volumes: a residual's body is a concat (2 + 3 channels) whose second branch is a residual; a 1×1 conv the shortcut. */
const nestedVolumes = network('nested_conv', [4, 4, 3], [conv(2, 'relu', 1), conv(3, 'tanh', 3, 1, 1), conv(5, 'linear', 1), flatten, dense(2, 'softmax')], [{
  kind: 'residual', activation: { name: 'relu' },
  body: [{ kind: 'concat', branches: [[layer(1)], [{ kind: 'residual', activation: { name: 'linear' }, body: [layer(2)], shortcut: [] }]] }],
  shortcut: [layer(3)],
}, layer(4), layer(5)]);

/** ResNet's convolutional block with batch norm on every conv (no b[l]), a normalized dense layer and a layer_norm. */
const batchNormBlock = network('resnet_bn', [6, 6, 2], [
  { ...conv(4, 'relu', 3, 2, 1), norm: 'batch' }, { ...conv(4, 'linear', 3, 1, 1), norm: 'batch' }, { ...conv(4, 'linear', 1, 2, 0), norm: 'batch' },
  flatten, { ...dense(5, 'tanh'), norm: 'batch' }, { kind: 'layer_norm' }, dense(3, 'softmax'),
], [{ kind: 'residual', activation: { name: 'relu' }, body: [layer(1), layer(2)], shortcut: [layer(3)] }, layer(4), layer(5), layer(6), layer(7)]);

/** Seeded values of every parameter of the network, by weights-file key (a running variance positive). */
function weightsOf(spec) {
  const rng = new Rng(spec.name.length, 'blocks-export');
  const draw = (key) => (key.startsWith('running_var') ? 0.5 + rng.uniform() : key.startsWith('gamma') ? 1 + 0.2 * rng.normal() : (key.startsWith('W') ? 0.5 : 0.2) * rng.normal());
  return Object.fromEntries(weightEntries(spec).map(({ key, shape }) => [key, Float64Array.from({ length: size(shape) }, () => draw(key))]));
}

/** m examples, one per row: features in (h, w, c) order, then a label (a class index for softmax). */
function examples(spec, m) {
  const rng = new Rng(m, 'blocks-examples');
  const classes = spec.layers[spec.layers.length - 1].units;
  return Array.from({ length: m }, (_, j) => [...Array.from({ length: spec.inputSize }, () => rng.normal()), classes > 1 ? j % classes : j % 2]);
}

/** X as ONNX's input: rows are examples; an image input goes NCHW. */
function onnxInput(spec, rows, float64) {
  const n0 = spec.inputSize, m = rows.length, image = spec.image;
  const data = float64 ? new Float64Array(n0 * m) : new Float32Array(n0 * m);
  rows.forEach((row, j) => {
    for (let f = 0; f < n0; f++) {
      if (!image) data[j * n0 + f] = row[f];
      else {
        const c = f % image.n_C, w = Math.floor(f / image.n_C) % image.n_W, h = Math.floor(f / (image.n_C * image.n_W));
        data[((j * image.n_C + c) * image.n_H + h) * image.n_W + w] = row[f];
      }
    }
  });
  return new ort.Tensor(float64 ? 'float64' : 'float32', data, image ? [m, image.n_C, image.n_H, image.n_W] : [m, n0]);
}

/** A (m, n[L]) of the ONNX model, by onnxruntime, after Debian's onnx checker accepts the file. */
async function onnxPredictions(spec, weights, rows, float64) {
  const model = onnxModel(spec, weights, { float64 });
  const file = join(scratch(), 'net.onnx');
  writeFileSync(file, model);
  run('/usr/bin/python3', ['-c', 'import onnx, sys\nonnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', file], '.');
  const session = await ort.InferenceSession.create(model);
  const { A } = await session.run({ X: onnxInput(spec, rows, float64) });
  const n = A.dims[1];
  return Array.from({ length: A.dims[0] }, (_, j) => Array.from(A.data.slice(j * n, (j + 1) * n), Number));
}

/** Loads the exported script as a module and prints A = g[L](model(X)) for its training examples. */
const PREDICT = `${LOAD_EXPORTED}model.eval()  # batch norm on its running statistics, as the ONNX model (inference)
X, _ = script.examples(script.read_table(script.HERE / script.DATA))
with torch.no_grad():
    print(json.dumps(script.output_activation(model(torch.as_tensor(X))).tolist()))
`;

/** A and the exported script's folder, from the script's own data: runs PREDICT on `script` in `dir`. */
function scriptPredictions(dir, script) {
  writeFileSync(join(dir, 'predict.py'), PREDICT);
  return JSON.parse(run(torchPython, ['predict.py', script], dir));
}

/** The exported PyTorch script of `spec` with `weights` as its weights file: its folder and A (m, n[L]). */
function pytorchPredictions(spec, weights, rows) {
  const dir = scratch({ 'data.csv': rows.map((row) => row.join(',')).join('\n') + '\n' });
  writeFileSync(join(dir, 'weights.json'), formatWeights(weights, weightEntries(spec)));
  const network = { ...spec, train: { ...spec.train, data: { kind: 'csv', path: join(dir, 'data.csv') } } };
  for (const file of exportPytorch(network, join(dir, 'net.py'), join(dir, 'net.nn'), join(dir, 'weights.json'))) writeFileSync(file.path, file.content);
  return { dir, A: scriptPredictions(dir, 'net.py') };
}

function assertClose(actual, expected, tolerance, what) {
  assert.equal(actual.length, expected.length, `${what}: examples`);
  actual.forEach((row, j) => row.forEach((a, i) => {
    const e = expected[j][i];
    assert.ok(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e)), `${what}: A[${i}] of example ${j} is ${a}, want ${e}`);
  }));
}

/** The engine's A (n[L], m) as rows of examples. */
function byExample(A) {
  return Array.from({ length: A.cols }, (_, j) => Array.from({ length: A.rows }, (_, i) => A.data[i * A.cols + j]));
}

/** Adam with L2 on mini-batches: every trained parameter and both gradient paths of each group move. */
const TRAINING = { learningRate: 0.01, iterations: 12, batch: 6, logEvery: 4, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, l2: 0.1 };

/**
 * Spec §10 on `spec`: the engine trains it; the exported script trains from the same seed to the
 * same costs and weights (1e-9); the ONNX model of the engine's weights predicts as the engine does.
 */
async function assertEqualsEngine(spec) {
  const dir = scratch({ 'data.csv': examples(spec, 12).map((row) => row.join(',')).join('\n') + '\n' });
  const network = { ...spec, train: { ...spec.train, ...TRAINING, data: { kind: 'csv', path: join(dir, 'data.csv') } } };
  const data = loadData(network);
  const result = train(network, data);
  assert.equal(result.divergedAt, undefined);
  for (const file of exportPytorch(network, join(dir, 'net.py'), join(dir, 'net.nn'))) writeFileSync(file.path, file.content);
  const actual = printedJson(run(torchPython, ['net.py', '--save-weights', 'py-weights.json'], dir));
  assertSameCosts(actual.costs, result.costs);
  assert.equal(actual.train_accuracy, result.trainAccuracy);
  assertSameWeights(readJson(join(dir, 'py-weights.json')), Object.fromEntries(Object.entries(result.weights).map(([key, values]) => [key, Array.from(values)])));

  const trainer = new Trainer(network, data.train);
  trainer.step(TRAINING.iterations);
  const weights = trainer.weights();
  const engineA = byExample(trainer.predict(data.train.X));
  const rows = byExample(data.train.X);
  assertClose(await onnxPredictions(network, weights, rows, true), engineA, 1e-12, `${spec.name}, ONNX float64 against the engine`);
  assertClose(await onnxPredictions(network, weights, rows, false), engineA, 1e-5, `${spec.name}, ONNX float32 against the engine`);
}

test('a residual identity block: both exports equal the engine', () => assertEqualsEngine(identityBlock));
test('a residual with a 1×1 conv shortcut of stride 2: both exports equal the engine', () => assertEqualsEngine(convolutionalBlock));
test('a concat of volumes with an empty branch: both exports equal the engine', () => assertEqualsEngine(concatVolumes));
test('a concat of vectors with an empty branch: both exports equal the engine', () => assertEqualsEngine(concatVectors));
test('batch norm in a residual block and layer_norm: both exports equal the engine (training mode in PyTorch, running statistics in ONNX)', () => assertEqualsEngine(batchNormBlock));
test('nested groups, vectors and volumes: both exports equal the engine', async () => {
  await assertEqualsEngine(nestedVectors);
  await assertEqualsEngine(nestedVolumes);
});

test('a network with groups trains alike in 1 process and in 2 (DistributedDataParallel, --spawn 2)', () => {
  const spec = { ...nestedVolumes, train: { ...nestedVolumes.train, batch: 6, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, learningRate: 0.01, l2: 0.1 } };
  const { dir } = pytorchPredictions(spec, weightsOf(spec), examples(spec, 12));
  const one = printedJson(run(torchPython, ['net.py', '--save-weights', 'one.json'], dir));
  // --spawn 2 picks a free port: torchrun's fixed 29500 may be taken by another run on the machine
  const two = printedJson(run(torchPython, ['net.py', '--spawn', '2', '--save-weights', 'two.json'], dir));
  assertSameCosts(two.costs, one.costs);
  assertSameWeights(readJson(join(dir, 'two.json')), readJson(join(dir, 'one.json')));
});

/** A .nn file with every group of spec §12 written out: a block with parameters, repeat, residual with and without shortcut, concat with an empty branch. */
const RESNET_FILE = `block identity(c) {
  residual relu {
    conv2d c relu f: 3 pad: 1
    conv2d c linear f: 3 pad: 1
  }
}

network small_resnet {
  input (7, 7, 2)
  conv2d 4 relu f: 3 pad: 1
  residual relu {
    conv2d 4 relu f: 3 stride: 2 pad: 1
    conv2d 4 linear f: 3 pad: 1
    shortcut {
      conv2d 4 linear f: 1 stride: 2
    }
  }
  repeat 2 {
    identity(4)
  }
  concat {
    branch { conv2d 2 relu f: 1 }
    branch { }
  }
  flatten
  dense 3 softmax
  train {
    data blobs(m: 12, classes: 3, features: 98)
    iterations 4
  }
}
`;

test('nn export of a .nn file with blocks, repeat, residuals and a concat: the ONNX model and the PyTorch script of one weights file agree', async () => {
  const dir = scratch({ 'net.nn': RESNET_FILE });
  const analysis = analyze(RESNET_FILE, { path: join(dir, 'net.nn') });
  assert.deepEqual(analysis.diagnostics.filter((d) => d.severity === 'error'), []);
  const spec = analysis.networks[0].spec;
  assert.equal(spec.layers.length, 11); // 1, the residual 2–4, two identity blocks 5–6 and 7–8, the concat 9, flatten 10, dense 11
  writeFileSync(join(dir, 'weights.json'), formatWeights(weightsOf(spec), weightEntries(spec)));
  nn(['export', 'net.nn', '--to', 'pytorch', '--weights', 'weights.json', '-o', 'net.py'], dir);
  nn(['export', 'net.nn', '--to', 'onnx', '--float64', '--weights', 'weights.json', '-o', 'net.onnx'], dir);
  nn(['export', 'net.nn', '--to', 'onnx', '--weights', 'weights.json', '-o', 'net32.onnx'], dir);
  const script = readFileSync(join(dir, 'net.py'), 'utf8');
  for (const group of ['class SmallResnetResidual2(nn.Module):', 'class SmallResnetResidual5(nn.Module):', 'class SmallResnetResidual7(nn.Module):', 'class SmallResnetConcat9(nn.Module):']) {
    assert.ok(script.includes(group), `the script defines ${group}`);
  }
  // the generator's examples as the script reads them (after the CSV's header row)
  const rows = readFileSync(join(dir, 'net.data.csv'), 'utf8').trim().split('\n').map((line) => line.split(',').map(Number)).filter((row) => !row.some(Number.isNaN));
  const torchA = scriptPredictions(dir, 'net.py');
  for (const [file, float64, tolerance] of [['net.onnx', true, 1e-12], ['net32.onnx', false, 1e-5]]) {
    const session = await ort.InferenceSession.create(readFileSync(join(dir, file)));
    const { A } = await session.run({ X: onnxInput(spec, rows, float64) });
    const n = A.dims[1];
    assertClose(Array.from({ length: A.dims[0] }, (_, j) => Array.from(A.data.slice(j * n, (j + 1) * n), Number)), torchA, tolerance, `nn export --to onnx ${file}`);
  }
});

test('nn export --to pytorch of the .nn file with blocks trains as nn train does (costs, accuracy and weights at 1e-9)', () => {
  const dir = scratch({ 'net.nn': RESNET_FILE });
  const expected = JSON.parse(nn(['train', 'net.nn', '--json', '--save-weights', 'nn-weights.json'], dir));
  nn(['export', 'net.nn', '--to', 'pytorch', '-o', 'net.py'], dir);
  const actual = printedJson(run(torchPython, ['net.py', '--save-weights', 'py-weights.json'], dir));
  assertSameCosts(actual.costs, expected.costs);
  assert.equal(actual.train_accuracy, expected.train_accuracy);
  assertSameWeights(readJson(join(dir, 'py-weights.json')), readJson(join(dir, 'nn-weights.json')));
});
