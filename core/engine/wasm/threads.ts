// The second core: a worker_threads helper with its own instance of the kernels module over the
// same shared memory works on a large product together with the calling thread. The product is cut
// into a few bands written into a control block in that memory; both threads claim bands with an
// atomic counter until none is left, so a helper that is slow to wake (a busy machine) costs
// nothing: the caller then simply does every band itself. Small products never get here.

import { Worker } from 'node:worker_threads';
import type { Heap } from './heap';

/** Products below this many floating-point operations (2·M·K·N) run on one thread. */
export const SPLIT_FLOPS = 4e6;
/** Most bands a product is cut into (control block slots). */
export const BANDS = 16;
/** How long the helper keeps watching for the next job before it sleeps: a training step posts
 * its products a fraction of a millisecond apart, and waking from Atomics.wait costs about that. */
const SPIN_MS = 2;
/** Products left to the caller alone after the helper held up two in a row (a busy machine). */
const BACK_OFF = 16;

export interface Band {
  op: 'mm_nn' | 'mm_nt';
  ints: number[];
}

// Control block (int32 slots): the posted job number; claims (job number · 1024 + next band);
// bands done; band count; α (the double at index ALPHA); each band's op and its ≤ 10 integers.
const POSTED = 0, CLAIM = 1, DONE = 2, COUNT = 3, ALPHA = 2, BAND = 8, SLOT = 12;
const INTS = BAND + BANDS * SLOT;
const JOBS = 1 << 20; // job numbers wrap; 10 bits of the claim word count bands

/** Claims and runs bands of job `job` until none is left (both threads run this same loop). */
const WORK = `(ints, alpha, k, job) => {
  for (;;) {
    const claim = Atomics.load(ints, ${CLAIM});
    if (claim >>> 10 !== job || (claim & 1023) >= ints[${COUNT}]) return;
    if (Atomics.compareExchange(ints, ${CLAIM}, claim, claim + 1) !== claim) continue;
    const s = ${BAND} + (claim & 1023) * ${SLOT}; // the band's op, then its integers (no allocation here)
    if (ints[s] === 0) k.mm_nn(ints[s + 1], ints[s + 2], ints[s + 3], ints[s + 4], ints[s + 5], ints[s + 6], ints[s + 7], ints[s + 8], ints[s + 9], ints[s + 10], alpha[${ALPHA}]);
    else k.mm_nt(ints[s + 1], ints[s + 2], ints[s + 3], ints[s + 4], ints[s + 5], ints[s + 6], ints[s + 7], ints[s + 8], alpha[${ALPHA}]);
    Atomics.add(ints, ${DONE}, 1);
    Atomics.notify(ints, ${DONE});
  }
}`;

// The helper's whole program: watch for a job number (then sleep until one comes), help with it.
const HELPER = `
const { workerData: { module, memory, control } } = require('node:worker_threads');
const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ints = new Int32Array(memory.buffer, control, ${INTS});
const alpha = new Float64Array(memory.buffer, control, ${INTS / 2});
const work = ${WORK};
for (let seen = 0; ; ) {
  for (const start = performance.now(); Atomics.load(ints, ${POSTED}) === seen && performance.now() - start < ${SPIN_MS}; );
  Atomics.wait(ints, ${POSTED}, seen);
  seen = Atomics.load(ints, ${POSTED});
  work(ints, alpha, k, seen);
}`;

type Work = (ints: Int32Array, alpha: Float64Array, k: unknown, job: number) => void;
// The very source the helper runs, so both threads claim bands the same way.
const work = new Function(`return ${WORK}`)() as Work;

export class Helper {
  /** the control block as doubles (α) — kept: the heap frees the blocks of collected arrays */
  private readonly block: Float64Array;
  private readonly ints: Int32Array;
  private readonly worker: Worker;
  private job = 0;
  private skip = 0;
  private late = 0; // products in a row where the caller waited for the helper longer than it worked

  constructor(module: WebAssembly.Module, heap: Heap, private readonly exports: unknown) {
    const block = (this.block = heap.allocate(INTS / 2));
    this.ints = new Int32Array(block.buffer, block.byteOffset, INTS);
    this.worker = new Worker(HELPER, { eval: true, workerData: { module, memory: heap.memory, control: block.byteOffset } });
    this.worker.unref(); // an idle helper never keeps the process alive
  }

  /**
   * Whether to share the next product. Not for a while after the caller twice in a row waited
   * longer for the helper's last band than it spent on its own bands: two threads on a busy machine
   * are then slower than one, and the caller alone keeps its speed.
   */
  available(): boolean {
    if (this.skip === 0) return true;
    this.skip--;
    return false;
  }

  /** Runs the bands (at most BANDS) on this thread and the helper; returns when all are done. */
  run(bands: Band[], alpha: number): void {
    const { ints } = this;
    this.job = (this.job + 1) % JOBS;
    bands.forEach((band, i) => {
      ints[BAND + i * SLOT] = band.op === 'mm_nn' ? 0 : 1;
      ints.set(band.ints, BAND + i * SLOT + 1);
    });
    this.block[ALPHA] = alpha;
    ints[COUNT] = bands.length;
    ints[DONE] = 0;
    Atomics.store(ints, CLAIM, this.job << 10);
    Atomics.store(ints, POSTED, this.job);
    Atomics.notify(ints, POSTED);
    const start = performance.now();
    work(ints, this.block, this.exports, this.job);
    const own = performance.now();
    for (let done = Atomics.load(ints, DONE); done < bands.length; done = Atomics.load(ints, DONE)) {
      Atomics.wait(ints, DONE, done);
    }
    this.late = performance.now() - own > own - start ? this.late + 1 : 0;
    if (this.late >= 2) [this.skip, this.late] = [BACK_OFF, 0];
  }
}
