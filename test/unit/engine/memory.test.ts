// The engine gives its WebAssembly memory back: that memory can only grow, and garbage collection
// alone returns it far too late (V8 sees a few bytes per array, not the megabytes behind it), so a
// trainer frees all it holds when disposed and prediction reuses its buffers. Measured on the
// kernels' memory itself: it must not grow when trainers come and go or predictions change width.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Trainer } from '../../../core/engine';
import { matrix } from '../../../core/foundation/matrix';
import { Rng } from '../../../core/foundation/prng';
import { loadWasm } from '../../../core/engine/wasm';
import { labelsFor, makeSpec, randomMatrix } from './helpers';

function memoryBytes(): number {
  const wasm = loadWasm();
  assert.ok(wasm, 'the WASM kernels are not built: run `npm run build` first');
  return wasm.heap.memory.buffer.byteLength;
}

// 2-300-300-1: about 6 MB of parameters, gradients and buffers per trainer.
const spec = makeSpec([2, 300, 300, 1], ['tanh', 'tanh', 'sigmoid'], 'cross_entropy', { iterations: 1000, learningRate: 0.1 });
const rng = new Rng(5, 'memory');
const data = { X: randomMatrix(rng, 2, 200), Y: labelsFor('cross_entropy', rng, 1, 200), m: 200 };

test('trainers created and disposed in turn (Reset) reuse the same memory', () => {
  const use = (): void => {
    const t = new Trainer(spec, data);
    t.step(1);
    t.predict(data.X);
    t.dispose();
  };
  use();
  const before = memoryBytes();
  for (let i = 0; i < 30; i++) use(); // ~180 MB if nothing came back
  assert.equal(memoryBytes(), before);
});

test('a mini-batch trainer gives its batch buffers back too', () => {
  const batched = makeSpec([2, 300, 1], ['tanh', 'sigmoid'], 'cross_entropy', { iterations: 100, batch: 64 });
  const big = { X: randomMatrix(rng, 2, 4000), Y: labelsFor('cross_entropy', rng, 1, 4000), m: 4000 };
  const use = (): void => {
    const t = new Trainer(batched, big);
    t.step(2);
    t.dispose();
  };
  use();
  const before = memoryBytes();
  for (let i = 0; i < 20; i++) use();
  assert.equal(memoryBytes(), before);
});

test('the optimizer\'s v and s and the dropout masks are given back with the trainer', () => {
  const course2 = makeSpec([2, 300, 300, 1], ['tanh', 'tanh', 'sigmoid'], 'cross_entropy',
    { iterations: 100, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, l2: 0.1 });
  course2.layers[0].keepProb = 0.8;
  course2.layers[1].keepProb = 0.8;
  const use = (): void => {
    const t = new Trainer(course2, data);
    t.step(2);
    t.dispose();
  };
  use();
  const before = memoryBytes();
  for (let i = 0; i < 30; i++) use(); // ~300 MB if nothing came back
  assert.equal(memoryBytes(), before);
});

test('predictions of changing widths (train set, test set, boundary grid) allocate nothing after the widest', () => {
  const t = new Trainer(spec, data);
  const grid = matrix(2, 1600); // plain memory, as the session's grid: copied in for the kernels
  const test = matrix(2, 50);
  for (let j = 0; j < 1600; j++) [grid.data[j], grid.data[1600 + j]] = [j / 1600, 1 - j / 1600];
  const gridOutputs = Float64Array.from(t.predict(grid).data.subarray(0, 1600));
  t.predict(data.X);
  t.predict(test);
  const before = memoryBytes();
  for (let i = 0; i < 20; i++) {
    t.predict(data.X);
    t.predict(test);
    assert.deepEqual(Array.from(t.predict(grid).data.subarray(0, 1600)), Array.from(gridOutputs), 'the same outputs each time');
  }
  assert.equal(memoryBytes(), before);
  t.dispose();
});

test('a disposed trainer refuses to step instead of writing memory it gave back', () => {
  const t = new Trainer(spec, data);
  t.dispose();
  assert.throws(() => t.step(1), /disposed/);
  assert.throws(() => t.predict(data.X), /disposed/);
});
