// Shared set-up for the WASM kernel tests: the module (the build must have assembled it — a test
// that silently fell back to TypeScript would compare TypeScript with itself) and seeded matrices
// living in its memory.

import * as assert from 'node:assert/strict';
import type { Matrix } from '../../../core/engine/matrix';
import { loadWasm, wasmKernelSet, type WasmModule } from '../../../core/engine/wasm';
import type { FastKernels } from '../../../core/engine/wasm/kernels';

export function wasm(): WasmModule & { kernels: FastKernels } {
  const module = loadWasm();
  const kernels = wasmKernelSet();
  assert.ok(module && kernels, 'the WASM kernels are not built: run `npm run build` first');
  return { ...module, kernels };
}

/** A small seeded generator (mulberry32), uniform in [−1, 1). */
export function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** A (rows, cols) matrix in the WASM memory, filled from `fill` (zeros without it). */
export function heapMatrix(rows: number, cols: number, fill?: () => number): Matrix {
  const data = wasm().heap.allocate(rows * cols);
  if (fill) for (let p = 0; p < data.length; p++) data[p] = fill();
  return { rows, cols, data };
}

/** |a − b| ≤ tolerance·scale entry by entry (scale per entry, or one number for all). */
export function assertClose(actual: Float64Array, expected: Float64Array, tolerance: number, scale: Float64Array | number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let p = 0; p < expected.length; p++) {
    const s = typeof scale === 'number' ? scale : scale[p];
    const ok = Object.is(actual[p], expected[p]) || Math.abs(actual[p] - expected[p]) <= tolerance * s;
    if (!ok) assert.fail(`${what}: entry ${p} is ${actual[p]}, expected ${expected[p]} (±${tolerance * s})`);
  }
}
