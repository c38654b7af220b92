// A kind declares its trained parameters by name and shape (LayerKind.parameters) and its untrained
// state (LayerKind.state): for every kind in the registry, on networks that use each of them (with
// `norm: batch`, `bidirectional`, tokens and sequences), the declaration equals what its engine
// trains, in order, the weights file's keys are the engine's, and the count is what the exported
// PyTorch module trains. The checker reads the declaration: it builds no engine but the memory
// estimate's, one per layer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAYER_KINDS, kindOf, layerWeightEntries, parameterCount, parameterKey, type LayerKind } from '../../../core/layers';
import { layerHint, layerHoverLines } from '../../../core/language/hoverLayer';
import { networkLayerShapes } from '../../../core/language/layerShapes';
import { formatShapesTable } from '../../../core/services/format/shapesTable';
import { shapesJson } from '../../../core/services/format/shapesJson';
import { pytorchScript } from '../../../core/services/export/pytorch';
import type { NetworkInfo } from '../../../core/language';
import { analyzeWith } from '../language/helpers';
import { pythonWith } from './python';

const network = (name: string, input: string, layers: string[], train: string[]) =>
  [`network ${name} {`, `  input ${input}`, ...layers.map((l) => `  ${l}`), ...train.map((l) => `  ${l}`)].join('\n');
const trained = (data: string, extra: string[] = []) => [...extra, 'train {', `  data ${data}`, '  WEIGHTS', '}', '}', ''];

/** Every built-in kind at least once, each way its parameters change (norm, bidirectional, tokens). */
const NETWORKS = [
  network('vectors', '5', ['dense 4 relu keep_prob: 0.8', 'dense 3 tanh norm: batch', 'dense 2 softmax'], trained('blobs(m: 8, classes: 2, features: 5)')),
  network('images', '(8, 8, 2)', ['conv2d 3 relu f: 3 norm: batch', 'depthwise_conv2d relu f: 3', 'max_pool f: 2', 'conv2d 4 relu f: 1',
    'depthwise_conv2d relu f: 1 norm: batch', 'avg_pool f: 2', 'flatten', 'dense 2 softmax'], trained('blobs(m: 8, classes: 2, features: 128)')),
  network('pooled', '(4, 4, 3)', ['conv2d 2 relu f: 3 pad: same', 'global_avg_pool', 'dense 2 softmax'], trained('blobs(m: 8, classes: 2, features: 48)')),
  network('steps', 'sequence(steps: 4, features: 2)', ['rnn 5 relu bidirectional', 'lstm 3 bidirectional', 'gru 3', 'dense 4 linear', 'layer_norm',
    'positional_encoding', 'self_attention heads: 2', 'lstm 2 return: last', 'dense 1 linear'], trained('adding(m: 8, steps: 4)', ['loss mse'])),
  network('tokens', 'tokens(steps: 4, vocab: 5)', ['embedding 3', 'rnn 3', 'gru 2 bidirectional', 'dense 5 softmax'], trained('reverse(m: 8, steps: 4, vocab: 5)')),
  network('onehot', 'tokens(steps: 4, vocab: 5)', ['lstm 2', 'dense 5 softmax'], trained('reverse(m: 8, steps: 4, vocab: 5)')),
].join('\n');

/** The networks checked clean, with `weights_line` in each train block (the weights-file check reads the declarations too). */
function analyzed(weightsLine = ''): NetworkInfo[] {
  const text = NETWORKS.replaceAll('WEIGHTS', weightsLine);
  const { networks, diagnostics } = analyzeWith(text, { 'w.json': '{}' });
  const errors = diagnostics.filter((d) => d.severity === 'error' && !/^NN50/.test(d.code));
  assert.deepEqual(errors.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`), []);
  return networks;
}

const layers = () => analyzed().flatMap((n) => n.layers.map((layer) => ({ network: n.name, layer })));

test('the networks use every kind of the registry', () => {
  assert.deepEqual([...new Set(layers().map(({ layer }) => layer.kind))].sort(), LAYER_KINDS.map((k) => k.kind).sort());
});

test('each kind declares its engine\'s trained parameters, in order, and its state: names, shapes and the weights file\'s keys', () => {
  for (const { network, layer: { index: l, spec, input, output, named, params } } of layers()) {
    const kind = kindOf(spec);
    const engine = kind.engine(spec, input, output).parameters;
    const where = `${network} layer ${l} (${spec.kind})`;
    const text = (ps: ReadonlyArray<{ name: string; shape: readonly number[] }>) => ps.map((p) => `${p.name} (${p.shape.join(', ')})`);
    assert.deepEqual(text(kind.parameters(spec, input)), text(engine.filter((p) => p.trained)), where);
    assert.deepEqual((kind.state?.(spec, input) ?? []).map((s) => `${text([s])[0]} = ${s.fill}`),
      engine.filter((p) => !p.trained).map((p) => `${text([p])[0]} = ${p.init === 'ones' ? 1 : 0}`), `${where}: state`);
    // the checker's LayerInfo carries the declaration and its count
    assert.deepEqual(text(named), text(kind.parameters(spec, input)), `${where}: LayerInfo.named`);
    assert.equal(params, engine.filter((p) => p.trained).reduce((sum, p) => sum + p.dims[0] * p.dims[1], 0), `${where}: params`);
    assert.deepEqual(layerWeightEntries([{ l, spec, input }]).map((e) => [e.key, e.shape.join(), e.fill]),
      engine.map((p) => [parameterKey(p.name, l), p.shape.join(), p.trained ? undefined : p.init === 'ones' ? 1 : 0]), `${where}: weights keys`);
  }
});

test('W[l] and b[l] of LayerInfo are the course\'s alone: rnn, lstm, gru, embedding, self_attention and layer_norm have none', () => {
  const networks = new Map(analyzed().map((n) => [n.name, n.layers]));
  const layer = (name: string, l: number) => networks.get(name)![l - 1];
  assert.deepEqual([layer('vectors', 1).W, layer('vectors', 1).b], [[4, 5], [4, 1]]);
  assert.deepEqual([layer('vectors', 2).W, layer('vectors', 2).b], [[3, 4], []], 'β[l] replaces b[l]');
  assert.deepEqual([layer('images', 2).W, layer('images', 2).b], [[3, 3, 1, 3], [1, 1, 1, 3]]);
  for (const [name, l] of [['steps', 1], ['steps', 2], ['steps', 3], ['steps', 5], ['steps', 7], ['tokens', 1], ['tokens', 2]] as const) {
    const { kind, W, b, dW, db, named, params } = layer(name, l);
    assert.deepEqual([W, b, dW, db], [[], [], [], []], kind);
    assert.ok(named.length > 0 && params === parameterCount(named), kind);
  }
  // rnn 3 over the 3 features of the embedding: Wax (3, 3), Waa (3, 3), ba (3, 1), not a stacked W (3, 6)
  assert.deepEqual(layer('tokens', 2).named, [{ name: 'Wax', shape: [3, 3] }, { name: 'Waa', shape: [3, 3] }, { name: 'ba', shape: [3, 1] }]);
});

test('the count of every layer is what the exported PyTorch module trains', () => {
  const python = pythonWith('torch');
  const dir = mkdtempSync(join(tmpdir(), 'nn-declared-'));
  writeFileSync(join(dir, 'count.py'), `import importlib.util, json, re, sys, torch
spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(script)
model = script.MODEL()
counts = {}
for name, child in model.named_children():
    counts[re.search(r"(\\d+)$", name).group(1)] = sum(p.numel() for p in child.parameters() if p.requires_grad)
print(json.dumps({"total": sum(p.numel() for p in model.parameters() if p.requires_grad), "layers": counts}))
`);
  for (const info of analyzed()) {
    const file = join(dir, `${info.name}.py`);
    writeFileSync(file, pytorchScript(info.spec!, { data: 'd.csv', source: 'net.nn', script: `${info.name}.py` }));
    const r = spawnSync(python, [join(dir, 'count.py'), file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const torch = JSON.parse(r.stdout) as { total: number; layers: Record<string, number> };
    assert.equal(torch.total, info.params, `${info.name}: the whole network`);
    for (const layer of info.layers) assert.equal(torch.layers[layer.index] ?? 0, layer.params, `${info.name} layer ${layer.index} (${layer.kind})`);
  }
});

test('the checker, hover, inlay hints and nn shapes build no engine: the memory estimate alone asks one per layer', () => {
  const calls: { kind: string; estimate: boolean }[] = [];
  const originals = new Map<LayerKind, LayerKind['engine']>();
  for (const kind of LAYER_KINDS) {
    const engine = kind.engine;
    originals.set(kind, engine);
    kind.engine = (spec, input, output) => {
      calls.push({ kind: kind.kind, estimate: /[/\\]engine[/\\]footprint\.js/.test(new Error().stack ?? '') });
      return engine(spec, input, output);
    };
  }
  try {
    // a weights file in every train block: its check lists each layer's keys
    const networks = analyzed('weights "w.json"');
    const count = networks.reduce((sum, n) => sum + n.layers.length, 0);
    assert.ok(networks.every((n) => n.footprint !== undefined), 'the estimate was counted');
    assert.deepEqual(calls.filter((c) => !c.estimate), [], 'no engine outside the memory estimate');
    assert.equal(calls.length, count, 'one engine per layer, for the estimate');
    calls.length = 0;
    for (const info of networks) {
      formatShapesTable(info);
      shapesJson(info);
      for (const shapes of networkLayerShapes(info)) {
        layerHint(shapes);
        layerHoverLines(shapes, { network: info.name });
      }
    }
    assert.deepEqual(calls, [], 'nn shapes, hover and hints read the declarations');
  } finally {
    for (const [kind, engine] of originals) kind.engine = engine;
  }
});
