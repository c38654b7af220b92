// The engine's big buffers as Float64Array views of one shared WebAssembly memory, so the WASM
// kernels work on them in place. Shared, because a shared memory's buffer is never detached when it
// grows: a view made before a grow stays valid (a plain memory would empty every view).
// A block comes back when its owner frees it (`free`: a trainer gives back all it holds when it is
// disposed) or, for one nobody frees, when its array is garbage-collected (FinalizationRegistry).
// Garbage collection alone is not enough: V8 sees a few bytes per array, not the megabytes of
// memory behind it, so it may not collect for hundreds of megabytes (docs/engine.md, "Memory").

const PAGE = 65536;
const ALIGN = 64; // a cache line: vector loads never straddle one needlessly

/** Bytes of the block that holds `length` doubles: whole cache lines, at least one. */
function blockSize(length: number): number {
  return Math.max(ALIGN, Math.ceil((length * 8) / ALIGN) * ALIGN);
}

export class Heap {
  readonly memory: WebAssembly.Memory;
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private readonly registry = new FinalizationRegistry<[number, number]>(([start, size]) => this.release(start, size));
  /** free blocks [start, size], sorted by start, never adjacent (merged) */
  private gaps: Array<[number, number]> = [];
  private top = ALIGN; // address 0 stays unused

  constructor(maximumPages: number) {
    this.memory = new WebAssembly.Memory({ initial: 16, maximum: maximumPages, shared: true });
    this.buffers.add(this.memory.buffer);
  }

  /** A zero-filled array of `length` doubles in the memory. */
  allocate(length: number): Float64Array {
    const size = blockSize(length);
    const start = this.takeFree(size) ?? this.takeTop(size);
    const array = new Float64Array(this.memory.buffer, start, length);
    array.fill(0);
    this.registry.register(array, [start, size], array);
    return array;
  }

  /**
   * Gives back the block of an array `allocate` returned, at once. Anything else — a view made
   * with subarray, an array from elsewhere, one already freed — is left alone. The array must not
   * be used afterwards: its memory goes to the next allocation.
   */
  free(array: Float64Array): void {
    if (this.registry.unregister(array)) this.release(array.byteOffset, blockSize(array.length));
  }

  /** The byte address of `a` in the memory, or −1 if `a` lives elsewhere. */
  address(a: Float64Array): number {
    return this.buffers.has(a.buffer) ? a.byteOffset : -1;
  }

  private takeFree(size: number): number | undefined {
    const index = this.gaps.findIndex(([, s]) => s >= size);
    if (index < 0) return undefined;
    const [start, s] = this.gaps[index];
    if (s === size) this.gaps.splice(index, 1);
    else this.gaps[index] = [start + size, s - size];
    return start;
  }

  /** Throws RangeError, leaving the heap as it was, when the memory cannot grow that far. */
  private takeTop(size: number): number {
    const start = this.top;
    const needed = Math.ceil((start + size) / PAGE) - this.memory.buffer.byteLength / PAGE;
    if (needed > 0) {
      this.memory.grow(needed);
      this.buffers.add(this.memory.buffer); // a new, longer SharedArrayBuffer over the same memory
    }
    this.top = start + size;
    return start;
  }

  private release(start: number, size: number): void {
    let i = this.gaps.findIndex(([s]) => s > start);
    if (i < 0) i = this.gaps.length;
    this.gaps.splice(i, 0, [start, size]);
    // merge with the next block, then with the previous one
    if (i + 1 < this.gaps.length && start + size === this.gaps[i + 1][0]) {
      this.gaps[i][1] += this.gaps[i + 1][1];
      this.gaps.splice(i + 1, 1);
    }
    if (i > 0 && this.gaps[i - 1][0] + this.gaps[i - 1][1] === start) {
      this.gaps[i - 1][1] += this.gaps[i][1];
      this.gaps.splice(i, 1);
      i--;
    }
    // a free block at the top is given back to the bump pointer
    const [s, z] = this.gaps[i];
    if (s + z === this.top) {
      this.top = s;
      this.gaps.splice(i, 1);
    }
  }
}
