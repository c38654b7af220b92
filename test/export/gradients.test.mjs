// Backprop against PyTorch autograd on the same weights and examples, for ResNet's convolutional
// block with batch norm on the body and on the projection shortcut. `nn gradcheck` gives this block
// 1e-7–4e-7 on examples/resnet.nn with a normalized shortcut, just over the course's "fine"; this
// test says whether that is backprop or the difference quotient's rounding: the engine's dθ must
// equal autograd's (training mode, batch statistics) within 1e-12 relative, parameter by parameter.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { LOAD_EXPORTED, nn, python, run, scratch } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { analyze } = require('../../out/core/language/index.js');
const { loadData } = require('../../out/core/data/dataset.js');
const { initialize } = require('../../out/core/engine/init.js');
const { Network } = require('../../out/core/engine/network.js');
const { costAndGradient } = require('../../out/core/engine/gradcheck.js');

const torchPython = python('torch', 'python3-torch');

const PROJECTION = `network projection {
  input (8, 8, 2)
  conv2d 4 relu f: 3 pad: same norm: batch
  residual relu {
    conv2d 8 relu f: 4 stride: 2 pad: 1 norm: batch
    conv2d 8 linear f: 3 pad: same norm: batch
    shortcut {
      conv2d 8 linear f: 2 stride: 2 norm: batch
    }
  }
  global_avg_pool
  dense 3 softmax

  train {
    data blobs(m: 16, classes: 3, features: 128)
    seed 2
  }
}
`;

/** The exported model with the editor's initial weights, one training-mode J on the examples, autograd's dθ in the course's layout. */
const AUTOGRAD = `${LOAD_EXPORTED}model.train()
given = json.load(open(sys.argv[2]))
X = torch.tensor(given["X"], dtype=torch.float64)
Y = torch.tensor(given["Y"], dtype=torch.float64)
J = script.loss_sum(model(X, None), Y) / X.shape[0]
J.backward()
grads = {key: script.to_course(script.tensor(model, where).grad, shape).ravel().tolist()
         for key, where, shape, *_ in script.PARAMETERS if not key.startswith("running")}
print(json.dumps({"J": J.item(), "grads": grads}))
`;

/** Columns of an engine matrix (features × examples) as rows of examples. */
const byExample = (M) => Array.from({ length: M.cols }, (_, j) => Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]));

test('backprop through a projection block with batch norm on body and shortcut equals PyTorch autograd (1e-12)', () => {
  const dir = scratch({ 'net.nn': PROJECTION, 'autograd.py': AUTOGRAD });
  const spec = analyze(PROJECTION, { path: join(dir, 'net.nn') }).networks[0].spec;
  const { train } = loadData(spec);
  const net = new Network(spec, initialize(spec));
  const J = costAndGradient(net, net.allocate(train.m), net.resident(train.X), net.resident(train.Y), true);
  writeFileSync(join(dir, 'examples.json'), JSON.stringify({ X: byExample(train.X), Y: byExample(train.Y) }));
  nn(['export', 'net.nn', '--to', 'pytorch', '-o', 'net.py'], dir);
  const torch = JSON.parse(run(torchPython, ['autograd.py', 'net.py', 'examples.json'], dir));
  assert.ok(Math.abs(torch.J - J) <= 1e-12 * J, `J: ${J} against autograd's ${torch.J}`);
  const keys = net.dTheta.flatMap((layer, l) => Object.keys(layer ?? {}).map((name) => [`${name}${l}`, layer[name]]));
  assert.deepEqual(keys.map(([key]) => key).sort(), Object.keys(torch.grads).sort());
  for (const [key, dTheta] of keys) {
    const engine = dTheta.data.slice(0, dTheta.rows * dTheta.cols), expected = torch.grads[key];
    const scale = Math.max(...expected.map(Math.abs));
    const worst = Math.max(...expected.map((g, k) => Math.abs(g - engine[k])));
    assert.ok(worst <= 1e-12 * scale, `d${key}: differs from autograd by ${worst} (largest entry ${scale})`);
  }
});
