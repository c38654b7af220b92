// The panel's maps through time (issues 21–22): the probe reads a⟨t⟩, c⟨t⟩ and the gates of a
// recurrent layer, and α of every attention head, from what the layer's own forward pass keeps.
// Checked against A[l] of a forward pass over a whole batch (the layer's output, example j's
// column), against the course's equations written out entry by entry, and for its bounds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerSpec, NetworkSpec } from '../../../core/foundation/model';
import type { WeightsValues } from '../../../core/data/weights';
import { Network } from '../../../core/engine/network';
import { fromInitial } from '../../../core/engine/trainer';
import { weightEntries } from '../../../core/layers';
import { columns } from '../../../core/services/session/convSnapshot';
import { shownCharacter, timeLayers, timeMaps, timeTraces, tokenLabels, TIME_CELLS, TIME_VALUES } from '../../../core/services/session/timeSnapshot';
import type { TimeTrace } from '../../../core/layers';
import { rnnNetwork, sequenceData } from '../layers/sequenceNets';
import { uniform } from '../wasm/helpers';

const M = 3;
const sigma = (z: number): number => 1 / (1 + Math.exp(-z));

/** Every parameter of the spec uniform in [−1, 1), seeded: values no initialisation would give, so nothing lines up by chance. */
function randomWeights(spec: NetworkSpec, seed = 5): WeightsValues {
  const r = uniform(seed);
  return Object.fromEntries(weightEntries(spec).map(({ key, shape }) => [key, new Float64Array(shape.reduce((p, d) => p * d, 1)).map(() => r())]));
}

/** A[l] (rows, M) of a forward pass over all M examples at once, copied. */
function batchOutputs(spec: NetworkSpec, weights: WeightsValues, X: ReturnType<typeof sequenceData>['X'], l: number): Float64Array {
  const net = new Network(spec, fromInitial(spec, weights));
  try {
    const buffers = net.allocate(M, false);
    net.forward(net.resident(X), buffers);
    return buffers.A[l].data.slice(0, buffers.A[l].rows * M);
  } finally {
    net.dispose();
  }
}

/** The trace named `name` (and head) of layer l. */
function traceOf(found: Array<{ l: number; traces: TimeTrace[] }>, l: number, name: string, head?: number): TimeTrace {
  const trace = found.find((f) => f.l === l)?.traces.find((t) => t.name === name && t.head === head);
  assert.ok(trace, `layer ${l} shows ${name}${head ? ` of head ${head}` : ''}`);
  return trace;
}

const at = (trace: TimeTrace, i: number, t: number): number => trace.values.data[i * trace.values.cols + t];

/** W·[h; x⟨t⟩] + b for unit i, W (n_a, n_a + n_x) row-major from the weights file. */
function affine(W: Float64Array, b: Float64Array, h: number[], x: number[], i: number): number {
  const cols = h.length + x.length;
  let z = b[i];
  h.forEach((v, q) => (z += W[i * cols + q] * v));
  x.forEach((v, q) => (z += W[i * cols + h.length + q] * v));
  return z;
}

/** x⟨t⟩ of example j of the (T·n_x, m) layout. */
const stepOf = (X: Float64Array, m: number, n_x: number, t: number, j: number): number[] => Array.from({ length: n_x }, (_, q) => X[(t * n_x + q) * m + j]);

const T = 5, n_x = 2, n_a = 3;

test('lstm: a⟨t⟩ is example j’s column of the layer’s own A[l]; c⟨t⟩, Γf, Γi, Γo follow the course’s equations', () => {
  const spec = rnnNetwork({ T, n: n_x }, [{ kind: 'lstm', units: n_a } as LayerSpec]);
  const weights = randomWeights(spec);
  const { X } = sequenceData(spec, M);
  assert.deepEqual(timeLayers(spec), [1], 'the lstm shows maps, the dense output does not');
  const A = batchOutputs(spec, weights, X, 1);
  for (let j = 0; j < M; j++) {
    const found = timeTraces(spec, weights, columns(X, [j]), [1]);
    assert.deepEqual(found[0].traces.map((t) => t.name), ['a⟨t⟩', 'c⟨t⟩', 'Γf', 'Γi', 'Γo']);
    const [a, c, f, u, o] = ['a⟨t⟩', 'c⟨t⟩', 'Γf', 'Γi', 'Γo'].map((name) => traceOf(found, 1, name));
    for (const trace of [a, c, f, u, o]) assert.deepEqual([trace.values.rows, trace.values.cols, trace.rows], [n_a, T, 'units']);
    let aPrev = [0, 0, 0], cPrev = [0, 0, 0];
    for (let t = 0; t < T; t++) {
      const x = stepOf(X.data, M, n_x, t, j);
      const gate = (name: string, i: number) => affine(weights[`W${name}1`], weights[`b${name}1`], aPrev, x, i);
      const cNow = [], aNow = [];
      for (let i = 0; i < n_a; i++) {
        const [Gf, Gi, Go] = ['f', 'i', 'o'].map((g) => sigma(gate(g, i)));
        cNow[i] = Gf * cPrev[i] + Gi * Math.tanh(gate('c', i));
        aNow[i] = Go * Math.tanh(cNow[i]);
        for (const [trace, want] of [[f, Gf], [u, Gi], [o, Go], [c, cNow[i]], [a, aNow[i]]] as const) assert.ok(Math.abs(at(trace, i, t) - want) < 1e-12, `${trace.name} unit ${i + 1}, t = ${t + 1}: ${at(trace, i, t)} against ${want}`);
        assert.equal(at(a, i, t), A[(t * n_a + i) * M + j], `a⟨${t + 1}⟩ unit ${i + 1} of example ${j} is A[1]'s entry`);
      }
      [aPrev, cPrev] = [aNow, cNow];
    }
  }
});

test('gru: a⟨t⟩ is the layer’s own output; Γr and Γu follow the lecture’s equations', () => {
  const spec = rnnNetwork({ T, n: n_x }, [{ kind: 'gru', units: n_a } as LayerSpec]);
  const weights = randomWeights(spec, 8);
  const { X } = sequenceData(spec, M);
  const A = batchOutputs(spec, weights, X, 1);
  const j = 2;
  const found = timeTraces(spec, weights, columns(X, [j]), [1]);
  assert.deepEqual(found[0].traces.map((t) => t.name), ['a⟨t⟩', 'Γr', 'Γu']);
  const [a, r, u] = ['a⟨t⟩', 'Γr', 'Γu'].map((name) => traceOf(found, 1, name));
  for (let t = 0; t < T; t++) {
    const cPrev = t === 0 ? [0, 0, 0] : Array.from({ length: n_a }, (_, i) => at(a, i, t - 1));
    const x = stepOf(X.data, M, n_x, t, j);
    for (let i = 0; i < n_a; i++) {
      assert.ok(Math.abs(at(r, i, t) - sigma(affine(weights.Wr1, weights.br1, cPrev, x, i))) < 1e-12, `Γr unit ${i + 1}, t = ${t + 1}`);
      assert.ok(Math.abs(at(u, i, t) - sigma(affine(weights.Wu1, weights.bu1, cPrev, x, i))) < 1e-12, `Γu unit ${i + 1}, t = ${t + 1}`);
      assert.equal(at(a, i, t), A[(t * n_a + i) * M + j]);
    }
  }
});

test('a bidirectional rnn shows both directions, the reverse one marked ←, each equal to its half of A[l]', () => {
  const spec = rnnNetwork({ T, n: n_x }, [{ kind: 'rnn', units: 2, activation: { name: 'tanh' }, bidirectional: true } as LayerSpec]);
  const weights = randomWeights(spec, 3);
  const { X } = sequenceData(spec, M);
  const A = batchOutputs(spec, weights, X, 1);
  const found = timeTraces(spec, weights, columns(X, [1]), [1]);
  assert.deepEqual(found[0].traces.map((t) => [t.name, t.title]), [['a⟨t⟩', 'hidden state'], ['a⟨t⟩ ←', 'hidden state, reverse direction']]);
  found[0].traces.forEach((trace, d) => {
    for (let t = 0; t < T; t++) for (let i = 0; i < 2; i++) assert.equal(at(trace, i, t), A[((t * 2 + d) * 2 + i) * M + 1]);
  });
});

test('self_attention: α of every head is the row softmax of Q_jᵀ·K_j/√d_k, masked when causal, for example j alone', () => {
  for (const causal of [false, true]) {
    const d = 4, h = 2, dk = d / h;
    const spec = rnnNetwork({ T, n: d }, [{ kind: 'self_attention', heads: h, ...(causal ? { causal: true } : {}) } as LayerSpec]);
    const weights = randomWeights(spec, 11);
    const { X } = sequenceData(spec, M);
    const j = 1;
    const found = timeTraces(spec, weights, columns(X, [j]), [1]);
    assert.deepEqual(found[0].traces.map((t) => [t.name, t.head, t.rows]), [['α', 1, 'queries'], ['α', 2, 'queries']]);
    const project = (P: string, t: number) => {
      const x = stepOf(X.data, M, d, t, j);
      return Array.from({ length: d }, (_, r) => affine(weights[`W${P}1`], weights[`b${P}1`], [], x, r));
    };
    for (let head = 1; head <= h; head++) {
      const alpha = traceOf(found, 1, 'α', head);
      assert.deepEqual([alpha.values.rows, alpha.values.cols], [T, T]);
      for (let t = 0; t < T; t++) {
        const q = project('Q', t).slice((head - 1) * dk, head * dk);
        const keys = causal ? t + 1 : T;
        const s = Array.from({ length: keys }, (_, u) => project('K', u).slice((head - 1) * dk, head * dk).reduce((sum, k, r) => sum + k * q[r], 0) / Math.sqrt(dk));
        const most = Math.max(...s);
        const total = s.reduce((sum, v) => sum + Math.exp(v - most), 0);
        for (let u = 0; u < T; u++) {
          const want = u < keys ? Math.exp(s[u] - most) / total : 0;
          assert.ok(Math.abs(at(alpha, t, u) - want) < 1e-12, `${causal ? 'causal ' : ''}α of head ${head} at (${t + 1}, ${u + 1}): ${at(alpha, t, u)} against ${want}`);
        }
      }
    }
  }
});

test('the gates and α are marked as lying in [0, 1] and do; a⟨t⟩ and c⟨t⟩, signed, are not marked', () => {
  const layers: LayerSpec[] = [
    { kind: 'lstm', units: n_a, bidirectional: true } as LayerSpec,
    { kind: 'gru', units: n_a } as LayerSpec,
    { kind: 'rnn', units: n_a, activation: { name: 'tanh' } } as LayerSpec,
    { kind: 'self_attention', heads: 2 } as LayerSpec,
  ];
  const marked: string[] = [];
  for (const layer of layers) {
    const spec = rnnNetwork({ T, n: 4 }, [layer]);
    const { X } = sequenceData(spec, M);
    const { maps } = timeMaps(timeTraces(spec, randomWeights(spec, 13), columns(X, [0]), [1]));
    for (const m of maps) {
      // the levels are of the largest |value|: back to values, within a level's rounding
      const top = Math.max(...m.map.data.map(Math.abs));
      const values = [...m.map.data].map((v) => (v * m.map.scale) / top);
      if (m.bounds) {
        marked.push(m.name);
        assert.ok(values.every((v) => v >= 0 && v <= 1 + 1e-9), `${m.name} lies in [0, 1]: ${values}`);
      } else assert.ok(values.some((v) => v < 0), `${m.name} of ${layer.kind} is signed: ${values}`);
    }
  }
  assert.deepEqual(marked, ['Γf', 'Γi', 'Γo', 'Γf ←', 'Γi ←', 'Γo ←', 'Γr', 'Γu', 'α', 'α']);
});

test('the maps are pooled to TIME_CELLS a side and capped at TIME_VALUES cells, whole maps left out and counted', () => {
  const trace = (rows: number, cols: number, name: string): TimeTrace => ({ name, title: name, rows: 'units', values: { rows, cols, data: new Float64Array(rows * cols).map((_, p) => p % 7 - 3) } });
  const long = timeMaps([{ l: 1, traces: [trace(200, 500, 'a⟨t⟩')] }]);
  assert.deepEqual([long.maps[0].map.rows, long.maps[0].map.cols, long.maps[0].shape, long.omitted], [TIME_CELLS, TIME_CELLS, [200, 500], 0]);
  assert.ok(long.maps[0].map.data.every((v) => Number.isInteger(v) && Math.abs(v) <= 127), 'levels −127…127');
  const many = timeMaps([{ l: 1, traces: Array.from({ length: 12 }, (_, k) => trace(64, 64, `m${k}`)) }, { l: 2, traces: [trace(2, 3, 'small')] }]);
  assert.equal(many.maps.length, TIME_VALUES / (64 * 64));
  assert.equal(many.omitted, 12 - many.maps.length + 1, 'the small map after the cap is left out too: the maps shown are the first ones');
  const small = timeMaps([{ l: 3, traces: [trace(3, 4, 'a⟨t⟩')] }]);
  assert.deepEqual([...small.maps[0].map.data], [...Float32Array.from({ length: 12 }, (_, p) => Math.sign(p % 7 - 3) * Math.round((127 * Math.abs(p % 7 - 3)) / 3))], 'a small map is sent cell for cell');
  assert.equal(small.maps[0].map.scale, 3);
});

test('token labels: the vocabulary’s characters with a line break and a space shown, else the ids', () => {
  const X = { rows: 4, cols: 2, data: Float64Array.from([0, 1, 2, 0, 3, 2, 1, 3]) };
  assert.deepEqual(tokenLabels(X, 1, ['\n', ' ', 'a', '\u202e']), ['␣', '⏎', 'a', 'U+202E']);
  assert.deepEqual(tokenLabels(X, 0), ['0', '2', '3', '1']);
  assert.equal(shownCharacter('<'), '<', 'text, never markup: the webview sets it as textContent');
});
