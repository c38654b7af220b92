// Spec §13 in the language: `norm: batch` on dense and conv2d lines — what it resolves to, its
// mistakes (NN419 unknown value, NN420 one value per unit, NN223 on a pool), formatting, hover with
// γ[l], β[l], the running statistics and the equations, inlay hints and completion.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, formatText, type Diagnostic } from '../../../core/language';
import type { NetworkSpec } from '../../../core/foundation/model';
import { networkShapes } from '../../../core/layers';
import { layerHint, layerHoverLines } from '../../../core/language/hoverLayer';
import { layerSuggestions } from '../../../core/language/layerCompletion';
import { lex } from '../../../core/language/lexer';

/** A network with `lines` between `network n {` and its train block of `settings`. */
function net(lines: string[], settings: string[] = []): string {
  return ['network n {', ...lines.map((l) => `  ${l}`), '  train {', ...settings.map((s) => `    ${s}`), '  }', '}', ''].join('\n');
}

function run(text: string): { diagnostics: Diagnostic[]; spec?: NetworkSpec } {
  const a = analyze(text, { files: null });
  return { diagnostics: a.diagnostics, spec: a.networks[0]?.spec };
}

const codes = (text: string) => run(text).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`);

const DENSE = ['input 3', 'dense 4 relu  norm: batch', 'dense 1 sigmoid'];
const CONV = ['input (6, 6, 2)', 'conv2d 3 relu f: 3  norm: batch', 'flatten', 'dense 1 sigmoid'];

test('`norm: batch` resolves on dense and conv2d lines, and a layer without it keeps its spec', () => {
  const dense = run(net(DENSE));
  assert.deepEqual(dense.diagnostics, []);
  assert.deepEqual(dense.spec?.layers[0], { kind: 'dense', units: 4, activation: { name: 'relu' }, norm: 'batch' });
  assert.deepEqual(dense.spec?.layers[1], { kind: 'dense', units: 1, activation: { name: 'sigmoid' } });
  const conv = run(net(CONV));
  assert.deepEqual(conv.diagnostics, []);
  assert.deepEqual(conv.spec?.layers[0], { kind: 'conv2d', filters: 3, activation: { name: 'relu' }, f: 3, stride: 1, pad: 0, norm: 'batch' });
});

test('an unknown normalization is NN419 on its value, with the close one as a fix', () => {
  const { diagnostics } = run(net(['input 3', 'dense 4 relu  norm: bach', 'dense 1 sigmoid']));
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.equal(d.code, 'NN419');
  assert.deepEqual([d.range.start.line, d.range.start.column, d.range.end.column], [3, 23, 27]);
  assert.match(d.message, /unknown normalization `bach`; did you mean `batch`\?/);
  assert.equal(d.fixes?.[0].edits[0].newText, 'batch');
  assert.deepEqual(codes(net(['input 3', 'dense 4 relu  norm: 2', 'dense 1 sigmoid'])), ['3:23 NN419']);
  assert.deepEqual(codes(net(['input 3', 'dense 4 relu  norm: batch(0.1)', 'dense 1 sigmoid'])), ['3:28 NN419']);
});

test('`norm: batch` with `batch 1` is NN420 on the option: one value per unit has no variance', () => {
  const { diagnostics } = run(net(DENSE, ['batch 1']));
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.equal(d.code, 'NN420');
  assert.equal(d.severity, 'error');
  assert.deepEqual([d.range.start.line, d.range.start.column, d.range.end.column], [3, 17, 28]);
  assert.match(d.message, /each of its 4 units over the mini-batch, but `batch 1` gives it one value: its variance σ² is 0/);
  assert.deepEqual(codes(net(DENSE, ['batch 2'])), []);
  assert.deepEqual(codes(net(DENSE, ['batch full'])), []);
  // a conv layer's channel has n_H·n_W values per example: PyTorch's BatchNorm2d takes one image
  assert.deepEqual(codes(net(CONV, ['batch 1'])), []);
  assert.deepEqual(codes(net(['input (3, 3, 2)', 'conv2d 3 relu f: 3  norm: batch', 'flatten', 'dense 1 sigmoid'], ['batch 1'])), ['3:23 NN420']);
});

test('`norm:` is an option of dense, conv2d and depthwise_conv2d only (spec §12)', () => {
  const { diagnostics } = run(net(['input (6, 6, 2)', 'max_pool f: 2  norm: batch', 'flatten', 'dense 1 sigmoid']));
  assert.deepEqual(diagnostics.map((d) => d.code), ['NN223']);
  assert.match(diagnostics[0].message, /`norm` is an option of `dense`, `conv2d` and `depthwise_conv2d`, not of `max_pool`/);
});

test('the formatter keeps `norm: batch` and is idempotent', () => {
  const text = net(['input 3', 'dense 4 relu norm: batch', 'dense 1 sigmoid']);
  const once = formatText(text);
  assert.ok(once.includes('dense 4 relu  norm: batch') || once.includes('dense 4 relu norm: batch'), once);
  assert.equal(formatText(once), once);
});

test('the hover of a batch-normalized layer shows γ[l], β[l], the running statistics and §13\'s equations', () => {
  const spec = run(net(DENSE)).spec!;
  const text = layerHoverLines(networkShapes(spec)[0], { network: 'n' }).join('\n');
  assert.ok(text.includes('| W[1], dW[1] | `(n[1], n[0]) = (4, 3)` |'), text);
  assert.ok(text.includes('| γ[1], dγ[1] | `(n[1], 1) = (4, 1)` |'), text);
  assert.ok(text.includes('| β[1], dβ[1] | `(n[1], 1) = (4, 1)` |'), text);
  assert.ok(text.includes('| running_mean[1], running_var[1] | `(n[1], 1) = (4, 1)` |'), text);
  assert.ok(!text.includes('b[1]'), 'β[1] replaces b[1]');
  assert.ok(text.includes('`Z_norm = (Z[1] − μ) / √(σ² + ε), ε = 1e-5`'), text);
  assert.ok(text.includes('`running_var = 0.9·running_var + 0.1·σ²·m_b/(m_b − 1)`'), text);
  assert.ok(text.includes('**20** parameters: n[1]·n[0] + 2·n[1] = 4·3 + 2·4'), text);
  assert.equal(layerHint(networkShapes(spec)[0]), 'W (4, 3) · γ, β (4, 1)');

  const conv = run(net(CONV)).spec!;
  const convText = layerHoverLines(networkShapes(conv)[0], { network: 'n', m: 50 }).join('\n');
  assert.ok(convText.includes('| γ[1], dγ[1] | `(1, 1, 1, n_C[1]) = (1, 1, 1, 3)` · PyTorch `(3,)` |'), convText);
  assert.ok(convText.includes('| Z[1], A[1], dZ[1] | `(m, n_H[1], n_W[1], n_C[1]) = (50, 4, 4, 3)` · PyTorch `(50, 3, 4, 4)` |'), convText);
  assert.ok(convText.includes('per channel over the m·n_H[1]·n_W[1] values'), convText);
  assert.ok(convText.includes('`f·f·n_C[0]·n_C[1] + 2·n_C[1] = 3·3·2·3 + 2·3 = 60`'), convText);
});

test('completion offers `norm:` on a layer line and `batch` after it', () => {
  const at = (line: string) => {
    const tokens = lex(line).tokens.filter((t) => t.kind !== 'newline' && t.kind !== 'eof');
    const s = layerSuggestions(tokens);
    return Array.isArray(s) ? s.map((x) => x.label) : s;
  };
  assert.ok((at('  dense 4 relu ') as string[]).includes('norm:'));
  assert.deepEqual(at('  dense 4 relu norm: '), ['batch']);
});

test('`layer_norm` is a layer of its own: γ[l], β[l] (n[l], 1), no activation, 2·n[l] parameters', () => {
  const { diagnostics, spec } = run(net(['input 3', 'dense 4 relu', 'layer_norm', 'dense 1 sigmoid']));
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(spec?.layers[1], { kind: 'layer_norm' });
  const shapes = networkShapes(spec!)[1];
  assert.equal(shapes.params, 8);
  const text = layerHoverLines(shapes, { network: 'n' }).join('\n');
  assert.ok(text.includes('**Layer 2** of `n` · layer_norm · 4 features per example'), text);
  assert.ok(text.includes('| γ[2], dγ[2] | `(n[2], 1) = (4, 1)` |'), text);
  assert.ok(text.includes('| A[2], dA[2] | `(n[2], m) = (4, m)` |'), text);
  assert.ok(text.includes('`A[2] = γ[2]·(A[1] − μ) / √(σ² + ε) + β[2], ε = 1e-5`'), text);
  assert.ok(text.includes('**8** parameters: 2·n[2] = 2·4'), text);
  assert.equal(formatText(net(['input 3', 'dense 4 relu', 'layer_norm', 'dense 1 sigmoid'])).includes('  layer_norm\n'), true);
});

test('`layer_norm` on image volumes is NN307 on its keyword, naming it', () => {
  const { diagnostics } = run(net(['input (4, 4, 1)', 'layer_norm', 'flatten', 'dense 1 sigmoid']));
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`), ['3:3 NN307']);
  assert.match(diagnostics[0].message, /^`layer_norm` takes column vectors, but the input gives image volumes \(4, 4, 1\)/);
  const { diagnostics: args } = run(net(['input 3', 'layer_norm relu', 'dense 1 sigmoid']));
  assert.ok(args.length > 0 && args.every((d) => d.severity === 'error'), 'layer_norm takes no activation');
});

test('NN420 also when the last mini-batch of an epoch, or the whole training set, is one example', () => {
  const flower = (m: number, batch: string) => net(['input 2', 'dense 4 relu  norm: batch', 'dense 1 sigmoid'], [`data flower(m: ${m})`, batch]);
  const last = run(flower(401, 'batch 100')).diagnostics;
  assert.deepEqual(last.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`), ['3:17 NN420']);
  assert.match(last[0].message, /the last mini-batch of each epoch holds one example \(m = 401 = 4·100 \+ 1\)/);
  assert.deepEqual(codes(flower(400, 'batch 100')), []);
  assert.deepEqual(codes(flower(402, 'batch 100')), []);
  assert.deepEqual(codes(flower(401, 'batch full')), []);
  assert.deepEqual(codes(flower(401, 'batch 500')), [], 'a batch over m is the whole set');
});
