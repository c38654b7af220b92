// The panel's conv sections: the state their messages fold into and survives a reload, the tile
// sheets' geometry and colours, the image captions.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMessage, toPlain, type Report, type ViewMessage } from '../../../core/services/protocol';
import type { RGB } from '../../../webview/colors';
import { imageCaption, Reveal } from '../../../webview/images';
import { scaleLabels } from '../../../webview/colorScale';
import { rampPixels } from '../../../webview/pixels';
import { initialState, reduce, restored } from '../../../webview/reducer';
import { GAP, imagePixels, perRowFor, sheetPixels, sheetSize, tileOrigin, type Sheet } from '../../../webview/tiles';

const images = { set: 'test' as const, n_H: 2, n_W: 2, n_C: 1, indices: [0, 5], pixels: new Float32Array([0, 255, 255, 0, 9, 9, 9, 9]), labels: new Float32Array([3, 8]) };
const started: Report = { type: 'started', network: 'lenet', iterations: 10, learningRate: 0.1, m: 100, images };
const snapshot = (iteration: number, predicted: number[]): Report => ({
  type: 'snapshot', iteration, W: [], b: [], shapes: [],
  conv: {
    filters: [{ l: 1, f: 1, channels: 1, filters: 2, shown: 2, data: { scale: 0.5, levels: new Float32Array([127, -127]) } }],
    example: 5, set: 'test',
    maps: [{ l: 0, n_H: 2, n_W: 2, n_C: 1, shown: 1, data: { scale: 1, levels: new Float32Array([0, 127, 127, 0]) } }],
    predicted: new Float32Array(predicted),
  },
});

test('started brings the image grid, snapshots the filters, maps and predictions; a reload keeps them', () => {
  let s = [started, snapshot(4, [3, 2])].map((r) => toPlain(r) as ViewMessage).reduce(reduce, initialState);
  assert.deepEqual(s.images?.labels, [3, 8]);
  assert.deepEqual(s.conv?.predicted, [3, 2]);
  assert.equal(s.conv?.iteration, 4);
  assert.equal(s.conv?.example, 5);
  assert.deepEqual(s.conv?.filters[0].data, { scale: 0.5, levels: [127, -127] });
  const reloaded = restored(JSON.parse(JSON.stringify(s)));
  assert.deepEqual(reloaded.conv, s.conv, 'the state survives setState/getState (JSON)');
  assert.deepEqual(reloaded.images, s.images);
  s = reduce(s, toPlain(started) as ViewMessage);
  assert.equal(s.conv, undefined, 'a new run starts without the old run’s filters');
  assert.deepEqual(s.images?.indices, [0, 5]);
});

test('showExample is an intent and a command with an index ≥ 0', () => {
  assert.deepEqual(checkMessage({ type: 'showExample', index: 3 }, true), { type: 'showExample', index: 3 });
  assert.deepEqual(checkMessage({ type: 'showExample', index: 0 }), { type: 'showExample', index: 0 });
  assert.match(checkMessage({ type: 'showExample', index: -1 }, true) as string, /index must be an integer ≥ 0/);
  assert.match(checkMessage({ type: 'showExample', index: 1.5 }) as string, /index must be an integer ≥ 0/);
  assert.match(checkMessage({ type: 'showExample' }) as string, /index/);
});

test('drawn: the page’s counts of what it drew, an intent only', () => {
  const drawn = { iteration: 10, filters: 2, maps: 5, images: 36 };
  assert.deepEqual(checkMessage({ type: 'drawn', drawn }, true), { type: 'drawn', drawn });
  assert.match(checkMessage({ type: 'drawn', drawn: { ...drawn, maps: -1 } }, true) as string, /maps must be an integer ≥ 0/);
  assert.match(checkMessage({ type: 'drawn' }, true) as string, /drawn: expected an object/);
  assert.match(checkMessage({ type: 'drawn', drawn }) as string, /unknown message type/, 'the worker never gets it');
});

test('tile sheets: a filter’s channels stacked in its column, wrapping into bands, thin gaps at any zoom', () => {
  const sheet: Sheet = { h: 2, w: 3, tiles: 6 * 2, group: 2, perRow: 4, scale: 10 }; // 6 filters of 2 channels, tiles 20 × 30 px
  const band = 2 * 20 + GAP;
  assert.deepEqual(sheetSize(sheet), { width: 4 * (30 + GAP) - GAP, height: band + 8 + band });
  assert.deepEqual(tileOrigin(sheet, 0), { x: 0, y: 0 });
  assert.deepEqual(tileOrigin(sheet, 1), { x: 0, y: 20 + GAP }, 'channel 1 of filter 0 under channel 0');
  assert.deepEqual(tileOrigin(sheet, 2), { x: 30 + GAP, y: 0 }, 'filter 1 beside filter 0');
  assert.deepEqual(tileOrigin(sheet, 9), { x: 0, y: band + 8 + 20 + GAP }, 'filter 4 starts the second band, a wider gap below the first; its channel 1');
  assert.deepEqual(sheetSize({ h: 2, w: 2, tiles: 3, group: 1, perRow: 2, scale: 1 }), { width: 2 + GAP + 2, height: 2 + GAP + 2 }, 'maps: the same gap between bands');
  assert.equal(perRowFor(5, 8, 300), 7, '7 tiles of 40 px with 2 px gaps fit in 300 px');
  assert.equal(perRowFor(5, 8, 10), 1, 'at least one');
});

test('sheet pixels: one diverging scale for the whole sheet, each value a scale × scale block, gaps transparent', () => {
  const neg: RGB = [255, 0, 0], zero: RGB = [0, 0, 0], pos: RGB = [0, 0, 255], frame: RGB = [9, 9, 9];
  const sheet: Sheet = { h: 1, w: 1, tiles: 3, group: 1, perRow: 3, scale: 1 };
  const { width } = sheetSize(sheet);
  const px = sheetPixels(sheet, [2, -1, 0], { neg, zero, pos, frame });
  const at = (x: number) => [...px.slice(4 * x, 4 * x + 4)];
  assert.deepEqual(at(0), [0, 0, 255, 255], 'the largest |v| is full blue');
  assert.deepEqual(at(1), [0, 0, 0, 0], 'a gap is transparent');
  assert.deepEqual(at(1 + GAP), [128, 0, 0, 255], '−1 against a scale of 2 is half way to red');
  assert.deepEqual(at(width - 1), [0, 0, 0, 255], '0 is the zero colour');
  const big: Sheet = { h: 1, w: 2, tiles: 1, group: 1, perRow: 1, scale: 4 }; // 4 × 8 pixels
  const blocks = sheetPixels(big, [1, -1], { neg, zero, pos, frame });
  const pixel = (x: number, y: number) => [...blocks.slice(4 * (y * 8 + x), 4 * (y * 8 + x) + 4)];
  assert.deepEqual(pixel(0, 0), [9, 9, 9, 255], 'a frame around a tile drawn 4 px a value or more');
  assert.deepEqual(pixel(2, 2), [0, 0, 255, 255], 'value 0 fills the first 4 × 4 block');
  assert.deepEqual(pixel(5, 2), [255, 0, 0, 255], 'value 1 the next');
});

test('image pixels: grey for one channel, RGB for three', () => {
  assert.deepEqual([...imagePixels([7, 200], 1, 1, 1, 1)], [200, 200, 200, 255]);
  assert.deepEqual([...imagePixels([1, 2, 3, 4, 5, 6], 3, 1, 1, 3)], [4, 5, 6, 255]);
});

test('captions: predicted ŷ and true y, a mistake marked in text', () => {
  assert.equal(imageCaption(7, 7), 'ŷ 7 · y 7');
  assert.equal(imageCaption(3, 8), '✗ ŷ 3 · y 8');
  assert.equal(imageCaption(undefined, 8), 'ŷ – · y 8');
  assert.equal(imageCaption(0, 1, ['cat', 'dog']), '✗ ŷ cat · y dog', 'an image folder’s class names');
});

test('a click on an image brings its feature maps into view once they are those of the clicked image', () => {
  const reveal = new Reveal();
  assert.equal(reveal.shown(5), false, 'nothing was clicked: a snapshot alone never scrolls');
  reveal.clicked(7);
  assert.equal(reveal.shown(5), false, 'the maps still shown are the previous example\'s');
  assert.equal(reveal.shown(7), true, 'the clicked example\'s maps arrived');
  assert.equal(reveal.shown(7), false, 'and only once: the next snapshots leave the scroll alone');
});

test('a heat map\'s colour scale runs from −max (neg) through 0 (background) to +max (pos), with those values', () => {
  const neg: RGB = [200, 0, 0], zero: RGB = [0, 0, 0], pos: RGB = [0, 0, 200];
  const px = rampPixels(5, neg, zero, pos);
  const at = (x: number) => Array.from(px.slice(4 * x, 4 * x + 3));
  assert.deepEqual([at(0), at(2), at(4)], [neg, zero, pos]);
  assert.deepEqual(scaleLabels(0.5312), ['−0.5312', '0', '0.5312']);
  assert.deepEqual(scaleLabels(0), ['0', '0', '0']);
});
