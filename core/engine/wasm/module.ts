// The kernels module instantiated once per process over its shared memory, and the engine's buffer
// allocation: in that memory while the WASM kernels are in use (they then work on the buffers in
// place), plain Float64Arrays otherwise. Nothing here imports the kernels or the engine's matrices,
// so matrix.ts allocates through it without an import cycle.

import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { kernelBytes } from './bytes';
import { Heap } from './heap';

/** Must equal the maximum the module declares (MAX_PAGES in kernels.wat.mjs). */
const MAX_PAGES = 32768;

/** The module's exports (see the *.wat.mjs generators); addresses are byte offsets. */
export interface KernelExports {
  mm_nn(c: number, cs: number, l: number, lr: number, lc: number, r: number, rs: number, M: number, K: number, N: number, alpha: number): void;
  mm_nt(c: number, cs: number, a: number, b: number, rs: number, M: number, P: number, N: number, alpha: number): void;
  logistic(out: number, z: number, n: number): void;
  hyperbolic_tangent(out: number, z: number, n: number): void;
  exp(out: number, z: number, n: number): void;
  log(out: number, z: number, n: number): void;
  rectifier(out: number, z: number, n: number): void;
  leaky_rectifier(out: number, z: number, n: number, slope: number): void;
  logistic_backward(dz: number, da: number, a: number, n: number): void;
  hyperbolic_tangent_backward(dz: number, da: number, a: number, n: number): void;
  rectifier_backward(dz: number, da: number, z: number, n: number): void;
  leaky_rectifier_backward(dz: number, da: number, z: number, n: number, slope: number): void;
  sub(c: number, a: number, b: number, n: number): void;
  axpy(y: number, yIn: number, x: number, n: number, alpha: number): void;
  moment(out: number, v: number, d: number, n: number, beta: number): void;
  moment2(out: number, s: number, d: number, n: number, beta: number): void;
  rescaled_step(out: number, w: number, v: number, s: number, n: number, alpha: number, c1: number, c2: number, epsilon: number): void;
  mask(out: number, a: number, d: number, n: number, p: number): void;
  hadamard(out: number, a: number, b: number, n: number): void;
  hadamard_add(out: number, c: number, a: number, b: number, n: number): void;
  sum_squares(a: number, n: number): number;
  add_column(z: number, b: number, rows: number, cols: number): void;
  sum_columns(s: number, m: number, rows: number, cols: number, alpha: number): void;
  normalized_exponential(z: number, a: number, s: number, rows: number, cols: number): void;
  normalized_exponential_backward(dz: number, a: number, da: number, s: number, rows: number, cols: number): void;
  cross_entropy(z: number, y: number, n: number): number;
  squared_error(a: number, y: number, n: number): number;
  softmax_cross_entropy(z: number, y: number, s0: number, s1: number, rows: number, cols: number): number;
  // the image kernels (windows.wat.mjs, depthwise.wat.mjs): a grid is m, n_H, n_W, n_C, f, s, p, out_H, out_W
  im2col(cols: number, a: number, ...grid: GridArgs): void;
  col2im(d: number, cols: number, ...grid: GridArgs): void;
  pool_max(out: number, a: number, ...grid: GridArgs): void;
  pool_avg(out: number, a: number, ...grid: GridArgs): void;
  pool_max_backward(d: number, g: number, a: number, ...grid: GridArgs): void;
  pool_avg_backward(d: number, g: number, a: number, ...grid: GridArgs): void;
  depthwise(z: number, a: number, w: number, ...grid: GridArgs): void;
  depthwise_filters(dw: number, a: number, dz: number, ...rest: [...GridArgs, number]): void;
  depthwise_input(d: number, dz: number, w: number, ...grid: GridArgs): void;
  transpose(out: number, x: number, rows: number, cols: number): void;
  add_row(z: number, b: number, rows: number, cols: number): void;
  sum_rows(out: number, x: number, rows: number, cols: number, alpha: number): void;
  // the normalizations of spec §13 (norms.wat.mjs): groups are rows (perRow 1) or columns (0)
  norm_moments(mean: number, variance: number, m: number, rows: number, cols: number, perRow: number): void;
  norm_standardize(out: number, m: number, mean: number, variance: number, rows: number, cols: number, perRow: number, epsilon: number): void;
  norm_standardize_backward(dm: number, d: number, xhat: number, variance: number, rows: number, cols: number, perRow: number, epsilon: number): void;
  norm_scale_shift(out: number, m: number, gamma: number, beta: number, rows: number, cols: number, perRow: number): void;
  norm_scale_shift_backward(dm: number, dgamma: number, dbeta: number, d: number, xhat: number, gamma: number, rows: number, cols: number, perRow: number, alpha: number): void;
  // self-attention's (T, T) part of spec §15 (attention.wat.mjs): a work area of attentionWork doubles, m examples, then T, d, h, causal
  attention(o: number, alpha: number, q: number, k: number, v: number, work: number, ...sizes: HeadsArgs): void;
  attention_backward(dq: number, dk: number, dv: number, dO: number, alpha: number, q: number, k: number, v: number, row: number, work: number, ...sizes: HeadsArgs): void;
}

/** m, then T, d, h and causal (0 or 1): one attention call's sizes. */
export type HeadsArgs = [m: number, T: number, d: number, h: number, causal: number];

/** A window sweep as the image kernels take it: m, n_H, n_W, n_C, f, s, p, out_H, out_W. */
export type GridArgs = [m: number, n_H: number, n_W: number, n_C: number, f: number, s: number, p: number, out_H: number, out_W: number];

export interface WasmModule {
  module: WebAssembly.Module;
  heap: Heap;
  exports: KernelExports;
  /** 1, or 2 to split large products over a second core (the default where there is one; NN_THREADS=1 keeps one) */
  threads: number;
}

let loaded: WasmModule | null | undefined;

/** The instantiated module, or undefined if it is not built or this runtime cannot run it. */
export function loadWasm(): WasmModule | undefined {
  if (loaded === undefined) {
    loaded = null;
    const bytes = kernelBytes();
    if (bytes && WebAssembly.validate(bytes)) {
      try {
        const heap = new Heap(MAX_PAGES);
        const module = compileOptimized(bytes);
        const exports = new WebAssembly.Instance(module, { env: { memory: heap.memory } }).exports as unknown as KernelExports;
        loaded = { module, heap, exports, threads: process.env.NN_THREADS === '1' ? 1 : Math.min(2, availableParallelism()) };
      } catch {
        // no shared memory here (or no room for it): the TypeScript kernels do the work
      }
    }
  }
  return loaded ?? undefined;
}

/**
 * The module compiled by V8's optimising compiler at once. By default V8 starts WebAssembly on its
 * baseline compiler and optimises a function only after it has run a while in that thread; the
 * helper thread, which runs a product's bands now and then, could stay on baseline code — 2–3×
 * slower — and two threads were no faster than one. The flag is V8's, process-wide, so it is set
 * only around this compilation (and left on if the process was started with it).
 */
function compileOptimized(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module {
  setFlagsFromString('--no-liftoff');
  try {
    return new WebAssembly.Module(bytes);
  } finally {
    if (!process.execArgv.includes('--no-liftoff')) setFlagsFromString('--liftoff');
  }
}

/** The module when the engine should use it now: built, runnable, and not turned off by NN_KERNELS=ts. */
export function wasmInUse(): WasmModule | undefined {
  return process.env.NN_KERNELS === 'ts' ? undefined : loadWasm();
}

/** A zero-filled buffer where the engine's kernels work on it in place. */
export function allocateFor(length: number): Float64Array {
  return inHeap(length) ?? new Float64Array(length);
}

/** A buffer in the kernels' memory, or undefined when they are off or it is full (2 GiB). */
export function inHeap(length: number): Float64Array | undefined {
  try {
    return wasmInUse()?.heap.allocate(length);
  } catch (e) {
    if (e instanceof RangeError) return undefined; // the memory cannot grow: this buffer lives outside it
    throw e;
  }
}

/** Whether `a` lives in the kernels' memory (a buffer of `allocateFor`, or a view of one). */
export function inKernelMemory(a: Float64Array): boolean {
  return !!loaded && loaded.heap.address(a) !== -1;
}

/** Gives the block of a buffer made by `allocateFor` back to the memory; anything else is left alone. */
export function freeBlock(a: Float64Array): void {
  loaded?.heap.free(a);
}
