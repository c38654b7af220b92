// The engine's big buffers as Float64Array views of one shared WebAssembly memory, so the WASM
// kernels work on them in place. Shared, because a shared memory's buffer is never detached when it
// grows: a view made before a grow stays valid (a plain memory would empty every view).
// Blocks come back when their array is garbage-collected (FinalizationRegistry); the engine keeps
// each allocated array for as long as it uses any view of it (matrix.ts `view` is a subarray).

const PAGE = 65536;
const ALIGN = 64; // a cache line: vector loads never straddle one needlessly

export class Heap {
  readonly memory: WebAssembly.Memory;
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private readonly registry = new FinalizationRegistry<[number, number]>(([start, size]) => this.release(start, size));
  /** free blocks [start, size], sorted by start, never adjacent (merged) */
  private free: Array<[number, number]> = [];
  private top = ALIGN; // address 0 stays unused

  constructor(maximumPages: number) {
    this.memory = new WebAssembly.Memory({ initial: 16, maximum: maximumPages, shared: true });
    this.buffers.add(this.memory.buffer);
  }

  /** A zero-filled array of `length` doubles in the memory. */
  allocate(length: number): Float64Array {
    const size = Math.max(ALIGN, Math.ceil((length * 8) / ALIGN) * ALIGN);
    const start = this.takeFree(size) ?? this.takeTop(size);
    const array = new Float64Array(this.memory.buffer, start, length);
    array.fill(0);
    this.registry.register(array, [start, size]);
    return array;
  }

  /** The byte address of `a` in the memory, or −1 if `a` lives elsewhere. */
  address(a: Float64Array): number {
    return this.buffers.has(a.buffer) ? a.byteOffset : -1;
  }

  private takeFree(size: number): number | undefined {
    const index = this.free.findIndex(([, s]) => s >= size);
    if (index < 0) return undefined;
    const [start, s] = this.free[index];
    if (s === size) this.free.splice(index, 1);
    else this.free[index] = [start + size, s - size];
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
    let i = this.free.findIndex(([s]) => s > start);
    if (i < 0) i = this.free.length;
    this.free.splice(i, 0, [start, size]);
    // merge with the next block, then with the previous one
    if (i + 1 < this.free.length && start + size === this.free[i + 1][0]) {
      this.free[i][1] += this.free[i + 1][1];
      this.free.splice(i + 1, 1);
    }
    if (i > 0 && this.free[i - 1][0] + this.free[i - 1][1] === start) {
      this.free[i - 1][1] += this.free[i][1];
      this.free.splice(i, 1);
      i--;
    }
    // a free block at the top is given back to the bump pointer
    const [s, z] = this.free[i];
    if (s + z === this.top) {
      this.top = s;
      this.free.splice(i, 1);
    }
  }
}
