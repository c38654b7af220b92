// Which kernels the engine runs: the WebAssembly SIMD ones when the module is built and this
// runtime has SIMD128, else (or with NN_KERNELS=ts in the environment) the TypeScript reference.
// The choice is made once per process, on first use; matrix.ts allocates where the choice says.

import { jsKernels, type Kernels } from '../kernels';
import { cost } from '../losses';
import { kernelBytes } from './bytes';
import { Heap } from './heap';
import { wasmKernels, type FastKernels, type KernelExports } from './kernels';
import { Helper } from './threads';
import { availableParallelism } from 'node:os';

/** Must equal the maximum the module declares (MAX_PAGES in kernels.wat.mjs). */
const MAX_PAGES = 32768;

export interface WasmEngine {
  heap: Heap;
  kernels: FastKernels;
  exports: KernelExports;
  /** 1, or 2 to split large products over a second core (the default where there is one; NN_THREADS=1 keeps one) */
  threads: number;
}

let loaded: WasmEngine | null | undefined;

/** The WASM kernels, or undefined if the module is not built or cannot run here. */
export function loadWasm(): WasmEngine | undefined {
  if (loaded === undefined) {
    loaded = null;
    const bytes = kernelBytes();
    if (bytes && WebAssembly.validate(bytes)) {
      const heap = new Heap(MAX_PAGES);
      const module = new WebAssembly.Module(bytes);
      const exports = new WebAssembly.Instance(module, { env: { memory: heap.memory } }).exports as unknown as KernelExports;
      let helper: Helper | undefined; // started on the first product worth splitting
      const engine: WasmEngine = {
        heap,
        exports,
        threads: process.env.NN_THREADS === '1' ? 1 : Math.min(2, availableParallelism()),
        kernels: wasmKernels(heap, exports, cost, () => (engine.threads < 2 ? undefined : (helper ??= new Helper(module, heap, exports)))),
      };
      loaded = engine;
    }
  }
  return loaded ?? undefined;
}

function useWasm(): WasmEngine | undefined {
  return process.env.NN_KERNELS === 'ts' ? undefined : loadWasm();
}

/** The kernels a new network runs on. */
export function defaultKernels(): Kernels {
  return useWasm()?.kernels ?? jsKernels;
}

/** A zero-filled buffer where the default kernels work on it in place. */
export function allocateFor(length: number): Float64Array {
  return useWasm()?.heap.allocate(length) ?? new Float64Array(length);
}
