// The network diagram's fixtures: nested groups as docs/part3.md writes them in `nn shapes --json`.

import type { GroupEntry, JsonDims, LayerEntry, ShapesEntry } from '../../../core/services/format/shapesJson';
import type { DiagramData } from '../../../webview/diagram/layout';

// Fixtures in docs/part3.md's nesting: a ResNet-style stem, an identity block, a convolutional block
// with its shortcut, an Inception-style concat with an empty branch and a residual inside a branch,
// a repeat and a block use. `inputs` is each layer's input, worked out by hand.
export const conv = (index: number, filters: number, A: JsonDims, more: Partial<LayerEntry> = {}): LayerEntry => ({ index, kind: 'conv2d', filters, activation: 'relu', f: 3, stride: 1, pad: 1, A, params: 10, ...more });
export const group = (kind: GroupEntry['kind'], line: number, A: JsonDims, children: ShapesEntry[], more: Partial<GroupEntry> = {}): GroupEntry => ({ kind, line, A, params: 0, children, ...more });

export const NESTED: DiagramData = {
  X: ['m', 32, 32, 3],
  lines: [3, 5, 6, 9, 10, 12, 16, 18, 19, 21, 22, 26, 27, 28],
  json: {
    network: 'resnet', m: 100, params: 0, layers: [
      conv(1, 16, ['m', 32, 32, 16]),
      group('residual', 4, ['m', 32, 32, 16], [conv(2, 16, ['m', 32, 32, 16]), conv(3, 16, ['m', 32, 32, 16], { activation: 'linear' })], { activation: 'relu' }),
      group('residual', 8, ['m', 16, 16, 32], [
        conv(4, 32, ['m', 16, 16, 32], { stride: 2 }), conv(5, 32, ['m', 16, 16, 32], { activation: 'linear' }),
        group('shortcut', 11, ['m', 16, 16, 32], [conv(6, 32, ['m', 16, 16, 32], { f: 1, stride: 2, pad: 0, activation: 'linear' })]),
      ], { activation: 'relu' }),
      group('concat', 14, ['m', 16, 16, 144], [
        group('branch', 15, ['m', 16, 16, 64], [conv(7, 64, ['m', 16, 16, 64], { f: 1, pad: 0 })]),
        group('branch', 17, ['m', 16, 16, 16], [conv(8, 8, ['m', 16, 16, 8], { f: 1, pad: 0 }), conv(9, 16, ['m', 16, 16, 16], { f: 5, pad: 2 })]),
        group('branch', 20, ['m', 16, 16, 32], [
          group('residual', 20, ['m', 16, 16, 32], [conv(10, 32, ['m', 16, 16, 32], { activation: 'linear' })], { activation: 'linear' }),
        ]),
        group('branch', 23, ['m', 16, 16, 32], []),
      ]),
      group('repeat', 25, ['m', 16, 16, 144], [
        group('block', 26, ['m', 16, 16, 144], [conv(11, 144, ['m', 16, 16, 144]), conv(12, 144, ['m', 16, 16, 144])], { name: 'pair', args: [144] }),
      ], { count: 1 }),
      { index: 13, kind: 'global_avg_pool', A: [144, 'm'], params: 0 },
      { index: 14, kind: 'dense', units: 10, activation: 'softmax', A: [10, 'm'], params: 1450 },
    ],
  },
};
export const INPUTS: Record<number, JsonDims> = {
  1: ['m', 32, 32, 3], 2: ['m', 32, 32, 16], 3: ['m', 32, 32, 16], 4: ['m', 32, 32, 16], 5: ['m', 16, 16, 32], 6: ['m', 32, 32, 16],
  7: ['m', 16, 16, 32], 8: ['m', 16, 16, 32], 9: ['m', 16, 16, 8], 10: ['m', 16, 16, 32], 11: ['m', 16, 16, 144], 12: ['m', 16, 16, 144],
  13: ['m', 16, 16, 144], 14: [144, 'm'],
};

