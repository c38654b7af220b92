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

test('a freed block is reused at once, so allocating and freeing in turn never grows the memory', () => {
  const heap = new Heap(4096);
  const keep = heap.allocate(10);
  const first = heap.allocate(100_000); // 800 KB
  const address = heap.address(first);
  heap.free(first);
  const size = heap.memory.buffer.byteLength;
  for (let i = 0; i < 50; i++) {
    const again = heap.allocate(100_000);
    assert.equal(heap.address(again), address, 'the freed block is handed out again');
    assert.ok(again.every((x) => x === 0), 'zero-filled again');
    again.fill(7);
    heap.free(again);
  }
  assert.equal(heap.memory.buffer.byteLength, size, '50 allocations of 800 KB did not grow the memory');
  assert.ok(heap.address(keep) >= 0);
});

test('free leaves alone what it did not allocate, views and arrays already freed', () => {
  const heap = new Heap(4096);
  const a = heap.allocate(1000);
  const b = heap.allocate(1000);
  heap.free(a.subarray(0, 10)); // a view: a stays allocated
  heap.free(new Float64Array(1000)); // not from this heap
  heap.free(b);
  heap.free(b); // twice: the second call does nothing
  const c = heap.allocate(1000); // takes b's block back
  const d = heap.allocate(1000); // must not be handed b's block a second time
  assert.equal(heap.address(c), heap.address(b));
  assert.ok(heap.address(d) >= heap.address(c) + 8000, 'a block freed twice is not handed out twice');
  assert.ok(heap.address(d) !== heap.address(a) && heap.address(c) !== heap.address(a), 'a view does not free its array');
});
