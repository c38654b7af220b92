// Formatting conv networks (spec §8): `input (28, 28, 1)` keeps the space before its tuple (only a
// call's parenthesis follows its name), window options stay on the layer's head, and 4-tuple
// annotations align in columns like the dense ones.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatText } from '../../../core/language/format';

test('a messy LeNet becomes canonical; formatting it again changes nothing', () => {
  const messy = [
    'network lenet {',
    'input  (28,28,1)',
    '    conv2d 6   relu f:5 stride : 1  W:(5,5,1,6)',
    '  max_pool f: 2  A: (m, 12, 12, 6)',
    '  flatten',
    '  dense 10 softmax',
    '  train {',
    '    data  flower( m:400 )',
    '  }',
    '}',
  ].join('\n');
  const canonical = [
    'network lenet {',
    '  input (28, 28, 1)',
    '  conv2d 6 relu f: 5 stride: 1  W: (5, 5, 1, 6)',
    '  max_pool f: 2                 A: (m, 12, 12, 6)',
    '  flatten',
    '  dense 10 softmax',
    '  train {',
    '    data flower(m: 400)',
    '  }',
    '}',
    '',
  ].join('\n');
  assert.equal(formatText(messy), canonical);
  assert.equal(formatText(canonical), canonical);
});
