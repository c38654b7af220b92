import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadData, Trainer, train } from '../../../core/engine';
import { initialize } from '../../../core/engine/init';
import { fromRows } from '../../../core/engine/matrix';
import { Rng } from '../../../core/foundation/prng';
import { byKey, labelsFor, makeSpec, perLayer, randomMatrix } from './helpers';

test('the course planar flower network (4 tanh, α 1.2, 10,000 iterations) reaches about 90% training accuracy', () => {
  const spec = makeSpec([2, 4, 1], ['tanh', 'sigmoid'], 'cross_entropy', {
    data: { kind: 'generator', name: 'flower', args: { m: 400 } }, learningRate: 1.2, iterations: 10000, seed: 3,
  });
  const r = train(spec, loadData(spec));
  assert.ok(r.trainAccuracy !== undefined && r.trainAccuracy >= 0.88, `accuracy ${r.trainAccuracy}`);
  assert.ok(r.finalCost < 0.25, `cost ${r.finalCost}`);
  assert.equal(r.iterations, 10000);
});

test('costs are recorded at 0, every log_every and the last iteration, each before its update', () => {
  const spec = makeSpec([3, 4, 1], ['relu', 'sigmoid'], 'cross_entropy', { iterations: 23, logEvery: 10, learningRate: 0.5 });
  const rng = new Rng(1, 't');
  const data = { X: randomMatrix(rng, 3, 30), Y: labelsFor('cross_entropy', rng, 1, 30), m: 30 };
  const t = new Trainer(spec, data);
  const seen: number[] = [];
  while (!t.done) seen.push(t.step(4).cost);
  assert.deepEqual(t.costs.map(([i]) => i), [0, 10, 20, 22]);
  assert.equal(t.iteration, 23);
  assert.equal(t.costs[3][1], seen[seen.length - 1]);
  // step(k) never runs past `iterations`.
  assert.equal(t.step(10).iteration, 22);
  assert.equal(t.iteration, 23);
  // The recorded cost of iteration 0 is the cost of the initial weights.
  const fresh = new Trainer(spec, data);
  assert.equal(fresh.step(1).cost, t.costs[0][1]);
});

test('a huge learning rate diverges: training stops at once and says where', () => {
  const spec = makeSpec([2, 8, 1], ['relu', 'linear'], 'mse', { iterations: 1000, learningRate: 50 });
  const rng = new Rng(2, 't');
  const data = { X: randomMatrix(rng, 2, 20, -3, 3), Y: randomMatrix(rng, 1, 20), m: 20 };
  const r = train(spec, { train: data });
  assert.ok(r.divergedAt !== undefined && r.divergedAt > 0 && r.divergedAt < 1000, `divergedAt ${r.divergedAt}`);
  assert.equal(r.iterations, r.divergedAt);
  assert.ok(!Number.isFinite(r.finalCost));
  const t = new Trainer(spec, data);
  const res = t.step(1000);
  assert.equal(res.diverged, true);
  assert.equal(t.done, true);
  assert.equal(t.step(1).iteration, res.iteration);
});

test('mini-batches: each epoch visits every example once, in a seeded order', () => {
  // With α = 0 the weights never move, so each step's cost is the cost of its batch alone.
  const spec = makeSpec([1, 1], ['linear'], 'mse', { batch: 4, iterations: 6, learningRate: 0, seed: 4, init: { kind: 'zeros' }, logEvery: 1 });
  // Example j has label j, so A − Y = −j and a batch's cost is Σ j² / (2·|batch|).
  const data = { X: fromRows([Array(10).fill(0)]), Y: fromRows([Array.from({ length: 10 }, (_, j) => j)]), m: 10 };
  const run = () => {
    const t = new Trainer(spec, data);
    t.step(6);
    return t.costs.map(([, c]) => c);
  };
  const costs = run();
  assert.deepEqual(run(), costs);
  const sumSq = (cs: number[], sizes: number[]) => cs.reduce((s, c, i) => s + c * 2 * sizes[i], 0);
  const total = [...Array(10).keys()].reduce((s, j) => s + j * j, 0);
  // Epoch = batches of 4, 4, 2.
  assert.ok(Math.abs(sumSq(costs.slice(0, 3), [4, 4, 2]) - total) < 1e-9);
  assert.ok(Math.abs(sumSq(costs.slice(3, 6), [4, 4, 2]) - total) < 1e-9);
  assert.notDeepEqual(costs.slice(0, 3), costs.slice(3, 6));
});

test('accuracy: sigmoid entry by entry, softmax by argmax, none for mse or a missing test set', () => {
  const X = fromRows([[1, -1, 2]]);
  const sig = makeSpec([1, 1], ['sigmoid'], 'cross_entropy');
  // A = σ(x): 0.73, 0.27, 0.88 against Y = 1, 1, 1 → 2 of 3 right.
  const t = new Trainer(sig, { X, Y: fromRows([[1, 1, 1]]), m: 3 }, { initial: byKey([Float64Array.of(1)], [Float64Array.of(0)]) });
  assert.equal(t.accuracy('train'), 2 / 3);
  assert.equal(t.accuracy('test'), undefined);
  // Z = (x, −x): argmax rows 0, 1, 0 for x = 1, −1, 2; Y says rows 0, 1, 1 → 2 of 3 right.
  const soft = makeSpec([1, 2], ['softmax'], 'softmax_cross_entropy');
  const s = new Trainer(soft, { X, Y: fromRows([[1, 0, 0], [0, 1, 1]]), m: 3 }, { initial: byKey([Float64Array.of(1, -1)], [Float64Array.of(0, 0)]) });
  assert.equal(s.accuracy('train'), 2 / 3);
  const mse = makeSpec([1, 1], ['sigmoid'], 'mse');
  assert.equal(new Trainer(mse, { X, Y: fromRows([[1, 1, 1]]), m: 3 }).accuracy('train'), undefined);
});

test('predict uses the current weights on any number of examples; learningRate can change between steps', () => {
  const spec = makeSpec([2, 3, 1], ['tanh', 'sigmoid'], 'cross_entropy', { iterations: 10, learningRate: 0.5 });
  const rng = new Rng(6, 't');
  const data = { X: randomMatrix(rng, 2, 8), Y: labelsFor('cross_entropy', rng, 1, 8), m: 8 };
  const t = new Trainer(spec, data);
  const grid = randomMatrix(rng, 2, 5);
  const before = Array.from(t.predict(grid).data);
  assert.equal(t.predict(grid).cols, 5);
  t.learningRate = 0;
  t.step(3);
  assert.deepEqual(Array.from(t.predict(grid).data), before);
  t.learningRate = 1;
  t.step(1);
  assert.notDeepEqual(Array.from(t.predict(grid).data), before);
});

test('init: b = 0, he for relu layers and xavier for others by default; zeros and random(SCALE) as asked', () => {
  const spec = makeSpec([400, 300, 200], ['relu', 'tanh'], 'mse', { seed: 5 });
  const { W, b } = perLayer(initialize(spec));
  const std = (d: Float64Array) => Math.sqrt(d.reduce((s, x) => s + x * x, 0) / d.length);
  assert.ok(Math.abs(std(W[1].data) / Math.sqrt(2 / 400) - 1) < 0.02);
  assert.ok(Math.abs(std(W[2].data) / Math.sqrt(1 / 300) - 1) < 0.02);
  assert.ok(b.slice(1).every((m) => m.data.every((x) => x === 0)));
  assert.deepEqual(perLayer(initialize(spec)).W[1].data, W[1].data);
  const random = initialize({ ...spec, train: { ...spec.train, init: { kind: 'random', scale: 0.01 } } });
  assert.ok(Math.abs(std(random[2].W.data) / 0.01 - 1) < 0.02);
  assert.ok(initialize({ ...spec, train: { ...spec.train, init: { kind: 'zeros' } } })[1].W.data.every((x) => x === 0));
});

test('parity data needs a hidden layer: logistic regression stays near chance on the test set, one hidden layer does not', () => {
  const data = { kind: 'generator' as const, name: 'parity', args: { m: 600, features: 20, bits: 2, noise: 0.3 } };
  const run = (sizes: number[], acts: Parameters<typeof makeSpec>[1]) => {
    const spec = makeSpec(sizes, acts, 'cross_entropy', { data, test: { kind: 'fraction', value: 0.3 }, learningRate: 0.1, iterations: 1500 });
    return train(spec, loadData(spec)).testAccuracy!;
  };
  const shallow = run([20, 1], ['sigmoid']);
  const deep = run([20, 8, 1], ['relu', 'sigmoid']);
  assert.ok(shallow < 0.7, `logistic regression: ${shallow}`);
  assert.ok(deep > 0.9, `one hidden layer: ${deep}`);
});
