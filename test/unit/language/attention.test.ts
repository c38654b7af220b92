// Spec §15 in .nn files: positional_encoding, self_attention heads: h [causal] and layer_norm on a
// sequence are checked, numbered and counted like any layer; NN330 (h does not divide d) with its
// fixes; NN311 on a vector input; the hover of a self_attention line in the course's notation with
// the batch-first layout beside.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../core/language';
import { layerHoverLines } from '../../../core/language/hoverLayer';
import { layerShapes } from '../../../core/language/layerShapes';
import type { LayerShapes } from '../../../core/layers';

const SOURCE = `network enc {
  input sequence(steps: 6, features: 8)
  positional_encoding
  residual linear { self_attention heads: 2 causal }
  layer_norm
  residual linear {
    dense 16 relu
    dense 8 linear
  }
  layer_norm
  dense 3 softmax
}
`;

test('the §15 encoder block checks clean: kinds, l and parameter counts (4·d² + 4·d for attention)', () => {
  const { diagnostics, networks } = analyze(SOURCE);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(networks[0].layers.map((l) => [l.index, l.kind, l.params]),
    [[1, 'positional_encoding', 0], [2, 'self_attention', 4 * 64 + 4 * 8], [3, 'layer_norm', 16], [4, 'dense', 8 * 16 + 16], [5, 'dense', 16 * 8 + 8], [6, 'layer_norm', 16], [7, 'dense', 27]]);
  assert.deepEqual(networks[0].spec?.layers[1], { kind: 'self_attention', heads: 2, causal: true });
});

test('NN330: heads that do not divide d, on the value, naming the divisors, with the nearest as fixes', () => {
  const { diagnostics } = analyze(SOURCE.replace('heads: 2', 'heads: 3'));
  const d = diagnostics.find((x) => x.code === 'NN330')!;
  assert.equal(d.range.start.line, 4);
  assert.match(d.message, /h must be a divisor of 8: 1, 2, 4 or 8/);
  assert.deepEqual(d.fixes?.map((f) => f.edits[0].newText), ['4', '2']);
  assert.equal(diagnostics.filter((x) => x.severity === 'error').length, 1, 'the layers below are still checked, and clean');
});

test('self_attention on vectors is NN311, and heads: is required and a positive integer', () => {
  const vectors = analyze(SOURCE.replace('input sequence(steps: 6, features: 8)', 'input 8').replace('  positional_encoding\n', ''));
  assert.match(vectors.diagnostics.find((x) => x.code === 'NN311')!.message, /`self_attention` attends over the steps of a sequence/);
  assert.ok(analyze(SOURCE.replace('heads: 2 ', '')).diagnostics.some((x) => x.code === 'NN226'));
  assert.ok(analyze(SOURCE.replace('heads: 2', 'heads: 0')).diagnostics.some((x) => x.code === 'NN418'));
});

test('hover on a self_attention line: Q_j, K_j, V_j (d_k, T), S_j and α_j (T, T) per head, the equations, the batch-first layout', () => {
  const { networks } = analyze(SOURCE);
  const hover = layerHoverLines(layerShapes(networks[0].layers[1]) as LayerShapes, { network: 'enc' }).join('\n');
  assert.match(hover, /2 heads of d_k = 4 · causal/);
  assert.match(hover, /Q_j\[2\], K_j\[2\], V_j\[2\] \| `\(d_k, T\) per example = \(4, 6\)` · PyTorch `\(m, 2, 6, 4\)`/);
  assert.match(hover, /S_j\[2\], α_j\[2\] \| `\(T, T\) per example = \(6, 6\)` · PyTorch `\(m, 2, 6, 6\)`/);
  assert.match(hover, /S_j = Q_jᵀ·K_j \/ √d_k, S_j\[t, t′\] = −∞ for t′ > t \(causal\)/);
  assert.match(hover, /4·d·d \+ 4·d = 4·8·8 \+ 4·8 = 288/);
});
