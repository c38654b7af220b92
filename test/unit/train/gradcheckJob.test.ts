// core/services/session/gradcheck.ts, the gradient check job of `nn gradcheck` and of the editor's
// thread: like training, it checks memory before it reads the data (issue 19: the editor's thread
// loaded the data without that check), counting the whole data set but only the check's examples.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { DataError } from '../../../core/engine';
import { analyzeFile } from '../../../core/language';
import { checkGradients } from '../../../core/services/session/gradcheck';

const examples = path.resolve(__dirname, '../../../../examples');

function network(file: string) {
  const spec = analyzeFile(path.join(examples, file)).networks[0].spec;
  assert.ok(spec, file);
  return spec;
}

test('a data set the machine has no room for is refused with the figure, before it is generated or read', () => {
  // planar's data is flower(m: 400): 1,000 bytes hold neither it nor the network's buffers.
  assert.throws(() => checkGradients(network('planar.nn'), { available: 1000 }), (e: unknown) =>
    e instanceof DataError && /^checking the gradients of `planar` needs .+, but this machine has about .+ available/.test(e.message));
});

test('with room, the check runs on the network as training would start it', () => {
  const r = checkGradients(network('planar.nn'));
  assert.equal(r.network, 'planar');
  assert.equal(r.verdict, 'fine');
});
