// Issue 20's bars, written as .nn files the way a student writes them: each of spec §12–13's seven
// cases (batch norm on dense and on conv, a residual with the identity and with a projection
// shortcut, a concat with an empty branch, depthwise, a block with parameters used in a repeat)
// trains with `nn train` and with its exported PyTorch script (float64, one thread) to the same
// costs, the same final weights and the same running statistics within 1e-9 (helpers.mjs's
// trainAlike compares every key of the weights files). Then a small ResNet of the course checks
// clean and `nn shapes` counts exactly the parameters of the exported nn.Module, with the output
// layer at the l that §12's numbering gives it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LOAD_EXPORTED, nn, python, readJson, run, scratch, trainAlike } from './helpers.mjs';

const torchPython = python('torch', 'python3-torch');

/**
 * Mini-batches of 5 out of 12 (the last batch holds 2), momentum and L2: γ, β and W all move, and μ,
 * σ² change per batch. Not Adam: a batch-normalized layer feeding another through active ReLUs and
 * a max pool has dβ = 0 but for float noise (about 1e-16: the next normalization removes a shift),
 * and Adam's first step α·g/(|g| + ε) makes that noise a 1e-9 difference (docs/resnet.md, "Equal
 * to PyTorch"); blocks.test.mjs holds Adam with batch norm to the same equality on a net without one.
 */
const TRAIN = ['data blobs(m: 12, classes: 3, features: FEATURES)', 'optimizer momentum(beta: 0.9)', 'learning_rate 0.05', 'l2 0.05', 'batch 5', 'iterations 9', 'log_every 2', 'seed 4'];

/** A .nn file: `blocks` before the network, `layers` inside it, the common training settings. */
function file({ blocks = '', input, layers }) {
  const features = Array.isArray(input) ? input.reduce((a, b) => a * b) : input;
  const shape = Array.isArray(input) ? `(${input.join(', ')})` : input;
  const train = TRAIN.map((line) => `    ${line.replace('FEATURES', features)}\n`).join('');
  return `${blocks}network case {\n  input ${shape}\n${layers.map((line) => `  ${line}\n`).join('')}  train {\n${train}  }\n}\n`;
}

/** nn train and the exported script agree; the weights file holds each normalized layer's running statistics. */
function assertTrainsAlike(source, normalized = []) {
  const dir = trainAlike({ 'net.nn': source }, torchPython);
  const weights = readJson(join(dir, 'nn-weights.json'));
  for (const l of normalized) {
    for (const key of [`gamma${l}`, `beta${l}`, `running_mean${l}`, `running_var${l}`]) assert.ok(key in weights, `the weights file has ${key}`);
    assert.ok(weights[`running_mean${l}`].flat(Infinity).some((x) => x !== 0), `running_mean${l} moved from its start`);
  }
}

test('held-out: batch norm on a dense layer (BatchNorm1d)', () => {
  assertTrainsAlike(file({ input: 4, layers: ['dense 6 relu norm: batch', 'dense 5 tanh norm: batch', 'dense 3 softmax'] }), [1, 2]);
});

test('held-out: batch norm on conv layers (BatchNorm2d)', () => {
  assertTrainsAlike(file({ input: [6, 6, 2], layers: ['conv2d 3 relu f: 3 norm: batch', 'max_pool f: 2', 'conv2d 4 linear f: 1 norm: batch', 'flatten', 'dense 3 softmax'] }), [1, 3]);
});

test('held-out: a residual with the identity shortcut', () => {
  assertTrainsAlike(file({
    input: [5, 5, 2],
    layers: ['conv2d 3 relu f: 3 pad: same', 'residual relu {', '  conv2d 3 relu f: 3 pad: same', '  conv2d 3 linear f: 3 pad: same', '}', 'flatten', 'dense 3 softmax'],
  }));
});

test('held-out: a residual with a projection shortcut of stride 2, batch normalized', () => {
  assertTrainsAlike(file({
    input: [7, 7, 2],
    layers: ['residual relu {', '  conv2d 4 relu f: 3 stride: 2 pad: 1 norm: batch', '  conv2d 4 linear f: 3 pad: same norm: batch',
      '  shortcut {', '    conv2d 4 linear f: 1 stride: 2 norm: batch', '  }', '}', 'global_avg_pool', 'dense 3 softmax'],
  }), [1, 2, 3]);
});

test('held-out: a concat with an empty branch', () => {
  assertTrainsAlike(file({
    input: [5, 5, 2],
    layers: ['concat {', '  branch { conv2d 2 relu f: 1 }', '  branch { }', '  branch {', '    conv2d 2 relu f: 1', '    conv2d 3 tanh f: 3 pad: same', '  }', '}', 'flatten', 'dense 3 softmax'],
  }));
});

test('held-out: depthwise-separable convolutions, the depthwise one batch normalized', () => {
  assertTrainsAlike(file({
    input: [6, 6, 3],
    layers: ['depthwise_conv2d relu f: 3 pad: same norm: batch', 'conv2d 4 relu f: 1', 'depthwise_conv2d relu f: 2 stride: 2', 'global_avg_pool', 'dense 3 softmax'],
  }), [1]);
});

test('held-out: a block with parameters used inside a repeat', () => {
  assertTrainsAlike(file({
    blocks: 'block unit(n_C, k) {\n  conv2d n_C relu f: k pad: same norm: batch\n}\n\n',
    input: [5, 5, 1],
    layers: ['repeat 2 {', '  unit(3, 3)', '}', 'unit(2, 1)', 'flatten', 'dense 3 softmax'],
  }), [1, 2, 3]);
});

/** A small ResNet as the course's assignment writes it: identity and convolutional blocks, batch norm, a repeat. */
const SMALL_RESNET = `block identity_block(n_C) {
  residual relu {
    conv2d n_C relu f: 3 pad: same norm: batch
    conv2d n_C linear f: 3 pad: same norm: batch
  }
}

block convolutional_block(n_C, s) {
  residual relu {
    conv2d n_C relu f: 3 stride: s pad: 1 norm: batch
    conv2d n_C linear f: 3 pad: same norm: batch
    shortcut {
      conv2d n_C linear f: 1 stride: s norm: batch
    }
  }
}

network small_resnet {
  input (9, 9, 1)
  conv2d 4 relu f: 3 pad: same norm: batch
  identity_block(4)
  convolutional_block(8, 2)
  repeat 2 {
    identity_block(8)
  }
  global_avg_pool
  dense 3 softmax

  train {
    data blobs(m: 12, classes: 3, features: 81)
  }
}
`;

/** The exported module's parameter count (nn.Module.parameters(): W, b, γ, β; not the running statistics) and its layers' names. */
const COUNT = `${LOAD_EXPORTED}print(json.dumps({"parameters": sum(p.numel() for p in model.parameters()), "children": [name for name, _ in model.named_children()]}))
`;

/** Every layer entry of `nn shapes --json`, groups opened, in the order written. */
const layersOf = (entries) => entries.flatMap((entry) => (entry.children ? layersOf(entry.children) : [entry]));

test('held-out: a small ResNet checks clean and nn shapes counts the exported PyTorch model\'s parameters', () => {
  const dir = scratch({ 'net.nn': SMALL_RESNET, 'count.py': COUNT });
  assert.deepEqual(JSON.parse(nn(['check', 'net.nn', '--json'], dir)), [], 'no errors, warnings or hints');
  const shapes = JSON.parse(nn(['shapes', 'net.nn', '--json'], dir));
  const layers = layersOf(shapes.layers);
  // §12's numbering: 1 stem, 2–3 identity, 4–5 the body and 6 the shortcut, 7–10 the repeat, 11 the pool, 12 the output
  assert.deepEqual(layers.map((layer) => layer.index), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const output = layers[layers.length - 1];
  assert.deepEqual([output.kind, output.index], ['dense', 12]);
  nn(['export', 'net.nn', '--to', 'pytorch', '-o', 'net.py'], dir);
  const torch = JSON.parse(run(torchPython, ['count.py', 'net.py'], dir));
  assert.equal(shapes.params, torch.parameters);
  assert.equal(shapes.params, 3687);
  assert.equal(torch.children[torch.children.length - 1], 'dense12', 'the exported output layer carries its l');
});
