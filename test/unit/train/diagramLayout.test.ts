// The network diagram's layout (webview/diagram/layout.ts), in Node: on every example network as
// the language server's nn/shapes describes it, and on nested groups as docs/part3.md writes them
// (fixtures until the language nests them), nothing covers anything and every arrow carries the
// shape its consumer takes in.

import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { shapesOf } from '../../../core/adapters/lsp/shapes';
import { analyzeFile, type NetworkInfo } from '../../../core/language';
import { exampleDims } from '../../../core/layers/describe';
import type { LayerEntry } from '../../../core/services/format/shapesJson';
import { formatShape, layoutDiagram, type DiagramData, type Layout, type Measure, type Rect } from '../../../webview/diagram/layout';
import type { ViewMessage } from '../../../core/services/protocol';
import { initialState, reduce, restored, type ViewState } from '../../../webview/reducer';
import { ROOT } from '../language/helpers';
import { group, INPUTS, NESTED } from './diagramFixtures';

/** Wider than the page's fonts measure (12 px sans-serif, 11 px monospace), so the checks hold there too. */
const measure: Measure = (text, font) => text.length * (font === 'shape' ? 7 : 7.5);

const overlap = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Rect, b: Rect): boolean => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

/** Boxes, arrow labels and frame labels never overlap; frames nest or stand apart; all within the page. */
function assertNothingCovered(layout: Layout, what: string): void {
  const solid: Array<{ name: string; rect: Rect }> = [
    ...layout.boxes.map((b) => ({ name: `box ${b.id}`, rect: b })),
    ...layout.arrows.filter((a) => a.label).map((a) => ({ name: `label ${a.label!.text} → ${a.to}`, rect: a.label! })),
    ...layout.frames.map((f) => ({ name: `frame label ${f.label}`, rect: f.labelBox })),
  ];
  for (let i = 0; i < solid.length; i++) {
    assert.ok(inside(solid[i].rect, { x: 0, y: 0, w: layout.width, h: layout.height }), `${what}: ${solid[i].name} leaves the page`);
    for (let j = i + 1; j < solid.length; j++) {
      assert.ok(!overlap(solid[i].rect, solid[j].rect), `${what}: ${solid[i].name} and ${solid[j].name} overlap`);
    }
  }
  for (const f of layout.frames) {
    for (const g of layout.frames) {
      if (f !== g && overlap(f, g)) assert.ok(inside(f, g) || inside(g, f), `${what}: frames ${f.label} and ${g.label} cross`);
    }
  }
  // A vertical line that passes a label it does not carry would cross it out.
  for (const a of layout.arrows) {
    for (const [[x0, y0], [x1, y1]] of a.points.slice(1).map((p, i) => [a.points[i], p])) {
      if (x0 !== x1) continue;
      const segment = { x: x0, y: Math.min(y0, y1), w: 0.001, h: Math.abs(y1 - y0) };
      for (const s of solid) {
        if (s.rect === a.label || !overlap(segment, s.rect)) continue;
        // An arrow may end on a box's edge, not run through one.
        assert.ok(false, `${what}: the arrow to ${a.to} runs through ${s.name}`);
      }
    }
  }
}

function exampleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? exampleFiles(file) : name.endsWith('.nn') ? [file] : [];
  });
}

/**
 * The diagram of each network of `file` as nn/shapes describes it, checked against the checker's own
 * shapes; also without the inputs nn/shapes sends, so that what the layout works out along the
 * tree is checked too.
 */
function checkFile(file: string): Array<{ layout: Layout; name: string }> {
  const { networks } = analyzeFile(file);
  return networks.flatMap((network) => {
    const data = shapesOf(networks, { uri: '', name: network.name }) as DiagramData;
    return [data, { ...data, inputs: undefined }].map((given, i) => checkLayout(network, given, `${path.relative(ROOT, file)} · ${network.name}${i ? ' (inputs worked out)' : ''}`));
  });
}

function checkLayout(network: NetworkInfo, data: DiagramData, what: string): { layout: Layout; name: string } {
  const layout = layoutDiagram(data, measure);
  assertNothingCovered(layout, what);
  for (const layer of network.layers) {
    const into = layout.arrows.filter((a) => a.to === `l${layer.index}`);
    assert.equal(into.length, 1, `${what}: one arrow into layer ${layer.index}`);
    assert.deepEqual(into[0].shape, exampleDims(layer.input), `${what}: the arrow into layer ${layer.index}`);
    const box = layout.boxes.find((b) => b.id === `l${layer.index}`)!;
    assert.equal(box.line, layer.range.start.line, `${what}: layer ${layer.index}'s line`);
  }
  const last = network.layers[network.layers.length - 1];
  if (last) assert.deepEqual(layout.arrows.find((a) => a.to === 'output')?.shape, exampleDims(last.output));
  return { layout, name: network.name };
}

test('every example network: nothing covered, and the arrow into each layer carries the shape the checker gives its input', () => {
  const files = exampleFiles(path.join(ROOT, 'examples'));
  assert.ok(files.length >= 8);
  let checked = 0;
  for (const file of files) {
    for (const { layout } of checkFile(file)) {
      // A straight network is one column: every arrow goes straight down, each labelled. The
      // examples with groups (resnet.nn, the residual lesson) draw skips beside the column.
      if (layout.frames.length === 0) assert.ok(layout.arrows.every((a) => a.label && a.points.every(([x]) => x === a.points[0][0])));
      checked++;
    }
  }
  assert.ok(checked >= 20, `${checked} layouts`);
});

test('a ResNet with a shortcut, a concat with an empty branch, a repeat of a block use (test/fixtures/resnet.nn): the checker\'s input of every layer on its arrow', () => {
  const [{ layout }, worked] = checkFile(path.join(ROOT, 'test/fixtures/resnet.nn'));
  assert.deepEqual(worked.layout, layout, 'the inputs the layout works out are the checker\'s');
  assert.deepEqual(layout.frames.map((f) => f.label), ['residual relu', 'residual relu', 'concat', 'repeat', 'pair(32)', 'pair(32)']);
  assert.deepEqual(layout.boxes.filter((b) => b.role === 'join').map((b) => b.title), ['⊕ relu', '⊕ relu', 'concat along n_C']);
  // The identity skip and the empty branch are drawn as skips with the shape they carry.
  assert.deepEqual(layout.arrows.filter((a) => a.skip).map((a) => a.label?.text), ['(m, 15, 15, 8)', '(m, 8, 8, 16)']);
  // The concat's join takes 8 + 8 + 16 channels and gives 32.
  const join = layout.boxes.find((b) => b.title === 'concat along n_C')!;
  assert.deepEqual(layout.arrows.filter((a) => a.to === join.id).map((a) => a.shape[3]), [8, 8, 16]);
  const repeat = layout.frames.find((f) => f.kind === 'repeat')!;
  assert.deepEqual(layout.arrows.filter((a) => a.to === repeat.id).map((a) => a.label?.text), ['(m, 8, 8, 32)']);
});

test('LeNet-5 on the digits reads as the course draws it: boxes, windows and parameter counts', () => {
  const { networks } = analyzeFile(path.join(ROOT, 'examples/digits/digits.nn'));
  const layout = layoutDiagram(shapesOf(networks, { uri: '' }) as DiagramData, measure);
  assert.deepEqual(layout.boxes.map((b) => b.title), ['X = A[0]', 'conv2d 6 relu', 'max_pool', 'conv2d 16 relu', 'max_pool', 'flatten', 'dense 120 relu', 'dense 84 relu', 'dense 10 softmax', 'ŷ = A[8]']);
  assert.equal(layout.boxes[1].detail, 'l = 1 · f 5 · 156 params');
  assert.equal(layout.boxes[2].detail, 'l = 2 · f 2 s 2');
  assert.equal(layout.boxes[1].tip, 'W[1] (5, 5, 1, 6), b[1] (1, 1, 1, 6)');
  assert.deepEqual(layout.arrows.map((a) => a.label?.text), ['(m, 28, 28, 1)', '(m, 24, 24, 6)', '(m, 12, 12, 6)', '(m, 8, 8, 16)', '(m, 4, 4, 16)', '(256, m)', '(120, m)', '(84, m)', '(10, m)']);
});

test('nested groups: frames, skip connections and joins, nothing covered, every arrow the shape its consumer takes in', () => {
  const layout = layoutDiagram(NESTED, measure);
  assertNothingCovered(layout, 'nested');
  for (const [l, dims] of Object.entries(INPUTS)) {
    const into = layout.arrows.filter((a) => a.to === `l${l}`);
    assert.equal(into.length, 1, `one arrow into layer ${l}`);
    assert.deepEqual(into[0].shape, dims, `the arrow into layer ${l}`);
    assert.equal(layout.boxes.find((b) => b.id === `l${l}`)?.line, NESTED.lines![Number(l) - 1]);
  }
  assert.deepEqual(layout.frames.map((f) => `${f.kind}:${f.label}:${f.depth}`), [
    'residual:residual relu:0', 'residual:residual relu:0', 'concat:concat:0', 'residual:residual linear:1', 'repeat:repeat 1:0', 'block:pair(144):1',
  ]);
  // A residual's join takes body and shortcut (or skip) of the residual's output shape; the identity
  // skip is drawn as one, beside the body.
  const joins = layout.boxes.filter((b) => b.role === 'join');
  assert.deepEqual(joins.map((j) => j.title), ['⊕ relu', '⊕ relu', '⊕ linear', 'concat along n_C']);
  const into = (id: string) => layout.arrows.filter((a) => a.to === id);
  const [identity, convBlock, inner, concat] = joins.map((j) => into(j.id));
  assert.deepEqual(identity.map((a) => [a.skip ?? false, formatShape(a.shape)]), [[false, '(m, 32, 32, 16)'], [true, '(m, 32, 32, 16)']]);
  const skip = identity[1];
  const body = layout.boxes.find((b) => b.id === 'l2')!;
  assert.ok(skip.points[0][0] > body.x + body.w, 'the identity skip runs to the right of the body');
  assert.deepEqual(convBlock.map((a) => formatShape(a.shape)), ['(m, 16, 16, 32)', '(m, 16, 16, 32)'], 'body and shortcut meet in the same shape');
  assert.deepEqual(inner.map((a) => a.skip ?? false), [false, true]);
  // The branches stand side by side and their channels add up to the concat's (the empty branch passes its input's 32).
  const channels = concat.map((a) => a.shape[3] as number);
  assert.deepEqual(channels, [64, 16, 32, 32]);
  assert.equal(channels.reduce((s, c) => s + c, 0), 144);
  const xs = concat.map((a) => a.points[0][0]);
  assert.deepEqual([...xs].sort((a, b) => a - b), xs, 'branches left to right in their order');
  // The shortcut's conv stands to the right of the body's.
  assert.ok(layout.boxes.find((b) => b.id === 'l6')!.x > layout.boxes.find((b) => b.id === 'l5')!.x + layout.boxes.find((b) => b.id === 'l5')!.w);
  // The arrow out of each group carries its A; the last one reaches ŷ.
  assert.deepEqual(into('output').map((a) => a.shape), [[10, 'm']]);
});

test('a vector network with a concat of dense branches joins along n', () => {
  const dense = (index: number, units: number): LayerEntry => ({ index, kind: 'dense', units, activation: 'relu', A: [units, 'm'], params: 1 });
  const data: DiagramData = {
    X: [2, 'm'],
    json: { network: 'v', m: null, params: 0, layers: [group('concat', 2, [7, 'm'], [group('branch', 3, [4, 'm'], [dense(1, 4)]), group('branch', 4, [3, 'm'], [dense(2, 3)])]), dense(3, 1)] },
  };
  const layout = layoutDiagram(data, measure);
  assertNothingCovered(layout, 'vector concat');
  assert.equal(layout.boxes.find((b) => b.role === 'join')?.title, 'concat along n');
  assert.deepEqual(layout.arrows.filter((a) => a.to === 'l3').map((a) => a.shape), [[7, 'm']]);
});

test('the training panel keeps the network\'s diagram and its fold across a reload (state through JSON)', () => {
  const network: ViewMessage = { type: 'network', name: 'resnet', uri: 'file:///r.nn', file: 'r.nn', layers: [], diagram: NESTED };
  const state = { ...reduce(initialState, network), diagramFolded: true };
  const back = restored(JSON.parse(JSON.stringify(state)) as ViewState);
  assert.deepEqual(back.network?.diagram, NESTED);
  assert.equal(back.diagramFolded, true);
  // What was saved is laid out as what was sent.
  assert.deepEqual(layoutDiagram(back.network!.diagram!, measure), layoutDiagram(NESTED, measure));
});
