// Spec §8 in the language: the parser reads conv lines, the checker reports every rule on the
// causing line with its code, and LeNet-5 checks clean with the spec the engine gets.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, formatText, type Diagnostic } from '../../../core/language';
import { syntaxShapes } from '../../../core/language/shapes';
import { analyzeWith } from './helpers';

const body = (lines: string[]) => ['network n {', ...lines.map((l) => `  ${l}`), '}', ''].join('\n');

export const LENET = body([
  'input (28, 28, 1)',
  'conv2d 6 relu f: 5',
  'max_pool f: 2',
  'conv2d 16 relu f: 5',
  'max_pool f: 2',
  'flatten',
  'dense 120 relu',
  'dense 84 relu',
  'dense 10 softmax',
]);

function diagnostics(text: string): Diagnostic[] {
  return analyze(text, { files: null }).diagnostics;
}

/** The one diagnostic of `code` in `text`, which must be the only one with that code. */
function only(text: string, code: string): Diagnostic {
  const found = diagnostics(text).filter((d) => d.code === code);
  assert.equal(found.length, 1, `${code} in:\n${text}\n${JSON.stringify(diagnostics(text).map((d) => `${d.code} ${d.message}`))}`);
  return found[0];
}

test('LeNet-5 checks with no diagnostic; its spec has the image and every layer kind', () => {
  const a = analyze(LENET, { files: null });
  assert.deepEqual(a.diagnostics, []);
  const net = a.networks[0];
  assert.equal(net.params, 44426);
  assert.equal(net.inputSize, 784);
  assert.deepEqual(net.image, { n_H: 28, n_W: 28, n_C: 1 });
  assert.deepEqual(net.spec?.image, { n_H: 28, n_W: 28, n_C: 1 });
  assert.deepEqual(net.spec?.layers.map((l) => l.kind), ['conv2d', 'max_pool', 'conv2d', 'max_pool', 'flatten', 'dense', 'dense', 'dense']);
  assert.deepEqual(net.spec?.layers[0], { kind: 'conv2d', filters: 6, activation: { name: 'relu' }, f: 5, stride: 1, pad: 0 });
  assert.deepEqual(net.spec?.layers[1], { kind: 'max_pool', f: 2, stride: 2 });
  assert.equal(net.spec?.loss, 'softmax_cross_entropy');
});

test('LayerInfo of LeNet-5: 4-tuples with m first, W (f, f, n_C[l−1], n_C[l]), windows resolved', () => {
  const [c1, p2, c3, , f5, d6] = analyze(LENET, { files: null }).networks[0].layers;
  assert.deepEqual([c1.kind, c1.index, c1.W, c1.b, c1.Z, c1.A, c1.params], ['conv2d', 1, [5, 5, 1, 6], [1, 1, 1, 6], ['m', 24, 24, 6], ['m', 24, 24, 6], 156]);
  assert.deepEqual(c1.window, { f: 5, stride: 1, pad: 0 });
  assert.deepEqual([p2.A, p2.W, p2.params, p2.window], [['m', 12, 12, 6], [], 0, { f: 2, stride: 2, pad: 0 }]);
  assert.deepEqual([c3.W, c3.params], [[5, 5, 6, 16], 2416]);
  assert.deepEqual([f5.A, f5.Z, f5.units, f5.output], [[256, 'm'], [], 256, { kind: 'vector', n: 256 }]);
  assert.deepEqual([d6.W, d6.Z, d6.input], [[120, 256], [120, 'm'], { kind: 'vector', n: 256 }]);
  assert.equal(c1.range.start.line, 3);
});

test('pad: same means p = (f − 1)/2; valid means 0; stride defaults to 1 for conv2d and to f for pools', () => {
  const net = analyze(body(['input (32, 32, 3)', 'conv2d 8 relu f: 3 pad: same', 'conv2d 8 relu f: 3 pad: valid stride: 1', 'avg_pool f: 3', 'flatten', 'dense 1 sigmoid']), { files: null }).networks[0];
  assert.deepEqual(net.layers.map((l) => l.A), [['m', 32, 32, 8], ['m', 30, 30, 8], ['m', 10, 10, 8], [800, 'm'], [1, 'm']]);
  assert.deepEqual(net.spec?.layers[2], { kind: 'avg_pool', f: 3, stride: 3 });
});

test('NN304: a window larger than its input names the formula with its numbers, on the f option', () => {
  const d = only(body(['input (8, 8, 1)', 'conv2d 2 relu f: 5', 'conv2d 2 relu f: 5', 'flatten', 'dense 1 sigmoid']), 'NN304');
  assert.match(d.message, /n_H\[2\] = ⌊\(4 \+ 2·0 − 5\)\/1⌋ \+ 1 = 0/);
  assert.equal(d.range.start.line, 4);
  assert.equal(d.range.start.column, 17);
});

test('NN305: a stride that leaves rows unused is a warning saying how many; the network still trains', () => {
  const a = analyze(body(['input (28, 28, 1)', 'conv2d 6 relu f: 3 stride: 3', 'flatten', 'dense 1 sigmoid']), { files: null });
  const d = a.diagnostics.find((x) => x.code === 'NN305')!;
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /stride 3 leaves the last 1 row and 1 column unused: n_H\[1\] = ⌊\(28 \+ 2·0 − 3\)\/3⌋ \+ 1 = 9/);
  assert.ok(a.networks[0].spec);
  const tall = only(body(['input (28, 27, 1)', 'max_pool f: 2', 'flatten', 'dense 1 sigmoid']), 'NN305');
  assert.match(tall.message, /leaves the last 1 column unused: n_W\[1\]/);
});

test('NN305 stays quiet where no input is lost: only padding left over, or a window narrower than its stride (ResNet\'s downsampling)', () => {
  const codes = (lines: string[]) => analyze(body(lines), { files: null }).diagnostics.map((d) => d.code);
  // (14 + 2·1 − 3) mod 2 = 1: the unused row is the bottom padding's, zeros
  assert.deepEqual(codes(['input (14, 14, 8)', 'conv2d 16 relu f: 3 stride: 2 pad: 1', 'flatten', 'dense 1 sigmoid']), []);
  // a 1×1 window at stride 2 skips every other row throughout, the last one included, by design
  assert.deepEqual(codes(['input (14, 14, 8)', 'conv2d 16 linear f: 1 stride: 2', 'flatten', 'dense 1 sigmoid']), []);
  // the paper's convolutional block on 14×14: body and shortcut both 7×7, checked clean
  assert.deepEqual(codes(['input (14, 14, 8)', 'residual relu {', '  conv2d 16 relu f: 3 stride: 2 pad: 1', '  conv2d 16 linear f: 3 pad: same',
    '  shortcut { conv2d 16 linear f: 1 stride: 2 }', '}', 'flatten', 'dense 1 sigmoid']), []);
  // real rows still count: pad 1 with (15 + 2 − 3) mod 3 = 2 leaves one input row beyond the padding
  assert.match(only(body(['input (15, 15, 1)', 'conv2d 4 relu f: 3 stride: 3 pad: 1', 'flatten', 'dense 1 sigmoid']), 'NN305').message, /leaves the last 2 rows and 2 columns unused/);
});

test('NN306: same with an even f or a stride other than 1, each with the fix the docs describe', () => {
  const even = only(body(['input (28, 28, 1)', 'conv2d 6 relu f: 4 pad: same', 'flatten', 'dense 1 sigmoid']), 'NN306');
  assert.match(even.message, /f = 4 is even/);
  assert.deepEqual(even.fixes?.map((f) => [f.title, f.edits[0].newText]), [['Change f to 5', '5']]);
  const strided = only(body(['input (28, 28, 1)', 'conv2d 6 relu f: 5 stride: 2 pad: same', 'flatten', 'dense 1 sigmoid']), 'NN306');
  assert.match(strided.message, /stride 2/);
  assert.deepEqual(strided.fixes?.map((f) => f.edits[0].newText), ['2']);
});

test('NN307: dense right after an image-shaped layer, naming the layer and its volume', () => {
  const d = only(body(['input (28, 28, 1)', 'conv2d 6 relu f: 5', 'dense 10 softmax']), 'NN307');
  assert.match(d.message, /layer 1 \(`conv2d`\) gives image volumes \(24, 24, 6\)/);
  assert.equal(d.range.start.line, 4);
  only(body(['input (28, 28, 1)', 'dense 10 softmax']), 'NN307');
});

test('NN308: conv or pool after flatten, after a dense layer, or on a vector input', () => {
  assert.match(only(body(['input (28, 28, 1)', 'flatten', 'max_pool f: 2', 'dense 1 sigmoid']), 'NN308').message, /layer 1 \(`flatten`\) gives vectors of 784/);
  assert.match(only(body(['input (28, 28, 1)', 'flatten', 'dense 4 relu', 'conv2d 2 relu f: 1', 'dense 1 sigmoid']), 'NN308').message, /layer 2 \(`dense`\)/);
  assert.match(only(body(['input 784', 'conv2d 2 relu f: 3', 'flatten', 'dense 1 sigmoid']), 'NN308').message, /the input gives vectors of 784: declare the input as an image/);
});

test('NN309: flatten on vectors', () => {
  const d = only(body(['input 10', 'flatten', 'dense 1 sigmoid']), 'NN309');
  assert.equal(d.range.start.line, 3);
});

test('NN224: the last layer must be dense', () => {
  const d = only(body(['input (28, 28, 1)', 'conv2d 6 relu f: 5', 'flatten']), 'NN224');
  assert.equal(d.range.start.line, 4);
  assert.equal(analyze(body(['input (28, 28, 1)', 'conv2d 6 relu f: 5', 'flatten']), { files: null }).networks[0].spec, undefined);
});

test('NN223: options on the wrong statement, keep_prob only on dense; NN208 for unknown ones', () => {
  assert.match(only(body(['input (28, 28, 1)', 'conv2d 6 relu f: 5 keep_prob: 0.5', 'flatten', 'dense 1 sigmoid']), 'NN223').message, /`keep_prob` is an option of `dense`, not of `conv2d`/);
  assert.match(only(body(['input (28, 28, 1)', 'max_pool f: 2 pad: 1', 'flatten', 'dense 1 sigmoid']), 'NN223').message, /`pad` is an option of `conv2d` and `depthwise_conv2d`, not of `max_pool` \(which takes f, stride\)/);
  assert.match(only(body(['input (28, 28, 1)', 'flatten stride: 2', 'dense 1 sigmoid']), 'NN223').message, /not of `flatten` \(which takes no option\)/);
  assert.match(only(body(['input 2', 'dense 1 sigmoid f: 2']), 'NN223').message, /`f` is an option of `conv2d`, `max_pool`, `avg_pool` and `depthwise_conv2d`, not of `dense`/);
  assert.match(only(body(['input (28, 28, 1)', 'conv2d 6 relu f: 5 strde: 2', 'flatten', 'dense 1 sigmoid']), 'NN208').message, /did you mean `stride`/);
  only(body(['input (28, 28, 1)', 'conv2d 6 relu f: 5 f: 3', 'flatten', 'dense 1 sigmoid']), 'NN303');
});

test('NN418: f and stride are positive integers, pad an integer ≥ 0 or same/valid', () => {
  for (const bad of ['f: 0', 'f: 2.5', 'f: 5 stride: 0', 'f: 5 pad: -1', 'f: 5 pad: 1.5', 'f: 5 pad: full', 'f: 5 stride: same']) {
    only(body(['input (28, 28, 1)', `conv2d 6 relu ${bad}`, 'flatten', 'dense 1 sigmoid']), 'NN418');
  }
  only(body(['input (28, 28, 1)', 'max_pool f: 2 stride: -2', 'flatten', 'dense 1 sigmoid']), 'NN418');
});

test('NN226: conv2d and pools need f', () => {
  assert.match(only(body(['input (28, 28, 1)', 'conv2d 6 relu stride: 2', 'flatten', 'dense 1 sigmoid']), 'NN226').message, /add `f: 3`/);
  only(body(['input (28, 28, 1)', 'avg_pool', 'flatten', 'dense 1 sigmoid']), 'NN226');
});

test('NN225 and NN215: the image input is three positive integers', () => {
  assert.match(only(body(['input (28, 28)', 'flatten', 'dense 1 sigmoid']), 'NN225').message, /has 2 sizes/);
  only(body(['input (28, 28, 1, 1)', 'flatten', 'dense 1 sigmoid']), 'NN225');
  assert.match(only(body(['input (28, 0, 1)', 'flatten', 'dense 1 sigmoid']), 'NN215').message, /not 0/);
});

test('NN301, NN302, NN310: 4-tuple annotations against the expected shapes', () => {
  const w = only(body(['input (28, 28, 1)', 'conv2d 6 relu f: 5  W: (5, 5, 3, 6)', 'flatten', 'dense 1 sigmoid']), 'NN301');
  assert.equal(w.message, 'W[1] must be (f, f, n_C[0], n_C[1]) = (5, 5, 1, 6), not (5, 5, 3, 6)');
  assert.match(only(body(['input (28, 28, 1)', 'conv2d 6 relu f: 5  Z: (m, 24, 24)', 'flatten', 'dense 1 sigmoid']), 'NN301').message, /\(m, 24, 24, 6\)/);
  assert.match(only(body(['input (28, 28, 1)', 'max_pool f: 2  A: (m, 12, 12, 6)', 'flatten  A: (196, m)', 'dense 1 sigmoid']), 'NN301').message, /A\[1\] must be \(m, n_H\[1\], n_W\[1\], n_C\[1\]\) = \(m, 14, 14, 1\)/);
  assert.match(only(body(['input (28, 28, 1)', 'flatten  A: (28, m)', 'dense 1 sigmoid']), 'NN301').message, /A\[1\] must be \(n\[1\], m\) = \(784, m\)/);
  assert.match(only(body(['input 2', 'dense 1 sigmoid  W: (1, 2, 1, 1)']), 'NN301').message, /two dimensions/);
  assert.match(only(body(['input (28, 28, 1)', 'max_pool f: 2  W: (2, 2)', 'flatten', 'dense 1 sigmoid']), 'NN310').message, /`max_pool` has no parameters, so no W\[1\]/);
  assert.match(only(body(['input (28, 28, 1)', 'flatten  Z: (784, m)', 'dense 1 sigmoid']), 'NN310').message, /only reshapes/);
  const m = only(body(['input (2, 1, 1)', 'conv2d 1 relu f: 1  Z: (300, 2, 1, 1)', 'flatten', 'dense 1 sigmoid', 'train {', '  data flower(m: 400)', '}']), 'NN302');
  assert.match(m.message, /m = 400/);
});

test('an image input names its tuple where the data has another feature count', () => {
  const d = analyzeWith(body(['input (2, 2, 1)', 'flatten', 'dense 1 sigmoid', 'train {', '  data xor(m: 10)', '}'])).diagnostics.find((x) => x.code === 'NN505')!;
  assert.match(d.message, /input n\[0\] is 2·2·1 = 4/);
  assert.equal(d.fixes, undefined, 'no fix rewrites the tuple as one number');
  const csv = '1,2,3,4,0\n5,6,7,8,1\n';
  const c = analyzeWith(body(['input (3, 1, 1)', 'flatten', 'dense 1 sigmoid', 'train {', '  data "d.csv"', '}']), { 'd.csv': csv }).diagnostics.find((x) => x.code === 'NN503')!;
  assert.match(c.message, /n\[0\] = 3·1·1 = 3 feature columns/);
  assert.deepEqual(analyzeWith(body(['input (2, 2, 1)', 'flatten', 'dense 1 sigmoid', 'train {', '  data "d.csv"', '}']), { 'd.csv': csv }).diagnostics, []);
});

test('conv activations follow the dense rules: unknown names, softmax only on the output', () => {
  only(body(['input (28, 28, 1)', 'conv2d 6 rleu f: 5', 'flatten', 'dense 1 sigmoid']), 'NN202');
  only(body(['input (28, 28, 1)', 'conv2d 6 softmax f: 5', 'flatten', 'dense 1 sigmoid']), 'NN216');
  only(body(['input (28, 28, 1)', 'conv2d 0 relu f: 5', 'flatten', 'dense 1 sigmoid']), 'NN215');
});

test('a network that starts with a window layer is offered an image input', () => {
  const d = only(body(['conv2d 6 relu f: 5', 'flatten', 'dense 1 sigmoid']), 'NN210');
  assert.equal(d.fixes?.[0].edits[0].newText, '  input (28, 28, 1)\n');
});

test('the memory estimate counts conv volumes and the im2col scratch', () => {
  // 1000 examples of 256×256×3 through 64 filters of 3×3: im2col alone is 1000·254²·27·8 bytes ≈ 14 GB.
  const d = only(body(['input (256, 256, 3)', 'conv2d 64 relu f: 3', 'flatten', 'dense 1 sigmoid', 'train {', '  data xor(m: 1000)', '}']), 'NN701');
  assert.match(d.message, /im2col scratch \(m = 1000, 254, 254, 64\)/);
  assert.match(d.message, /fewer filters n_C\[1\]/);
  assert.equal(d.range.start.line, 3);
  // The same network on few examples stays under the warning mark.
  assert.equal(diagnostics(body(['input (256, 256, 3)', 'conv2d 64 relu f: 3', 'flatten', 'dense 1 sigmoid', 'train {', '  data xor(m: 2)', '}'])).filter((x) => /NN70/.test(x.code)).length, 0);
});

test('broken conv lines: no throw, the error on its line, later lines still read', () => {
  for (const line of ['conv2d', 'conv2d 6', 'conv2d relu f: 5', 'conv2d 6 relu f:', 'conv2d 6 relu f: (', 'max_pool f 2', 'flatten (', 'input (28, 28', 'input ()', 'input (28,, 1)', 'conv2d 6 relu f: 5 W: (5, 5, 1', 'avg_pool f: 2 stride:']) {
    const text = body(['input (28, 28, 1)', line, 'flatten', 'dense 1 sigmoid', 'dense 1 sigmoud']);
    const ds = diagnostics(text);
    assert.ok(ds.some((d) => d.range.start.line === 3 && d.severity === 'error'), `${line}: ${JSON.stringify(ds)}`);
    assert.ok(ds.some((d) => d.code === 'NN202' && d.range.start.line === 6), `${line}: later lines are still checked`);
  }
});

test('formatting keeps window options with their statement, aligns annotations, and is idempotent', () => {
  const messy = ['network   n {', 'input   ( 28,28 , 1 )', '    conv2d 6  relu f:5   stride:1 W:(5,5,1,6)', 'conv2d 6 relu f: 5 Z: (m, 20, 20, 6)', 'max_pool  f:2', 'flatten A:(600,m)', 'dense 10 softmax', '}', ''].join('\n');
  const once = formatText(messy);
  assert.equal(once, [
    'network n {',
    '  input (28, 28, 1)',
    '  conv2d 6 relu f: 5 stride: 1  W: (5, 5, 1, 6)',
    '  conv2d 6 relu f: 5            Z: (m, 20, 20, 6)',
    '  max_pool f: 2',
    '  flatten  A: (600, m)',
    '  dense 10 softmax',
    '}',
    '',
  ].join('\n'));
  assert.equal(formatText(once), once);
  assert.equal(formatText(LENET), LENET);
  assert.deepEqual(diagnostics(once), []);
});

test('shapes from the syntax alone count l over every layer kind', () => {
  const shapesOf = (lines: string[]) => [...syntaxShapes(analyze(body(lines), { files: null }).ast.networks[0]).values()].map((s) => [s.l, s.parameters?.W]);
  // Every kind's shapes follow from the lines above it, image layers too.
  assert.deepEqual(shapesOf(['input (28, 28, 1)', 'conv2d 6 relu f: 5', 'flatten', 'dense 120 relu', 'dense 10 softmax']),
    [[1, [5, 5, 1, 6]], [2, undefined], [3, [120, 3456]], [4, [10, 120]]]);
  // A broken conv line hides what depends on its output, up to the dense layer whose n[l] its line gives.
  assert.deepEqual(shapesOf(['input (28, 28, 1)', 'conv2d 6 relu f: 0', 'flatten', 'dense 120 relu', 'dense 10 softmax']), [[4, [10, 120]]]);
});

test('a misspelt conv line is one unknown statement, not also a network with no layer', () => {
  const ds = diagnostics(body(['input (28, 28, 1)', 'conv2 6 relu f: 5']));
  assert.deepEqual(ds.map((d) => d.code), ['NN201']);
  assert.match(ds[0].message, /did you mean `conv2d`/);
});

test('after a dense layer on volumes the lines below are still checked, as if flatten were there', () => {
  const codes = diagnostics(body(['input (28, 28, 1)', 'conv2d 6 relu f: 5', 'dense 10 relu', 'dense 1 sigmoid  W: (1, 3)']))
    .map((d) => `${d.range.start.line}:${d.code} ${d.message.split(/, (?:but|not) /)[0]}`);
  assert.deepEqual(codes, ['4:NN307 `dense` takes column vectors', '5:NN301 W[3] must be (n[3], n[2]) = (1, 10)']);
});
