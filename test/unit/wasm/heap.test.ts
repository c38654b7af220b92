// The shared memory the WASM kernels work in: aligned, zero-filled buffers whose views stay valid
// when the memory grows, and the kernels' view of which arrays live there.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Heap } from '../../../core/engine/wasm/heap';

test('buffers are 64-byte aligned, zero-filled, disjoint, and survive the memory growing', () => {
  const heap = new Heap(4096);
  const first = heap.allocate(3);
  first.set([1, 2, 3]);
  const arrays = [first];
  for (let i = 0; i < 40; i++) arrays.push(heap.allocate(5000 + i)); // ~1.6 MB: several grows
  assert.ok(heap.memory.buffer.byteLength > 16 * 65536, 'the memory grew');
  assert.deepEqual(Array.from(first), [1, 2, 3]);
  arrays.forEach((a, i) => {
    assert.equal(a.byteOffset % 64, 0);
    assert.ok(a.every((x) => x === 0) || i === 0);
    assert.ok(heap.address(a) >= 0, 'a view made before a grow is still recognised');
    if (i > 0) assert.ok(a.byteOffset >= arrays[i - 1].byteOffset + arrays[i - 1].length * 8, 'no overlap');
  });
  assert.equal(heap.address(new Float64Array(4)), -1);
  assert.equal(heap.address(first.subarray(1)), first.byteOffset + 8);
});

test('a heap that cannot grow says so with a RangeError and stays usable', () => {
  const heap = new Heap(20);
  assert.throws(() => heap.allocate(20 * 65536), RangeError);
  const after = heap.allocate(100);
  after.fill(1);
  assert.ok(after.byteOffset + 800 <= heap.memory.buffer.byteLength);
});
