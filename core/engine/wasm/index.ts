// Which kernels the engine runs: the WebAssembly SIMD ones when the module is built and this
// runtime has SIMD128, else (or with NN_KERNELS=ts in the environment) the TypeScript reference.
// A network takes its kernels when it is made; matrix.ts allocates to match (module.ts).

import type { Kernels } from '../../foundation/kernels';
import { checkInterrupt } from '../interrupt';
import { jsKernels } from '../kernels';
import { cost } from '../losses';
import { wasmKernels, type FastKernels } from './kernels';
import { loadWasm, wasmInUse } from './module';
import { Helper } from './threads';

export { loadWasm, type WasmModule } from './module';

let fast: FastKernels | undefined;

/** The WASM kernels (made once; the second thread starts on the first product worth splitting). */
export function wasmKernelSet(): FastKernels | undefined {
  const wasm = loadWasm();
  if (!wasm) return undefined;
  let helper: Helper | undefined;
  fast ??= wasmKernels(wasm.heap, wasm.exports, cost,
    () => (wasm.threads < 2 ? undefined : (helper ??= new Helper(wasm.module, wasm.heap, wasm.exports))));
  return fast;
}

/** The kernels a new network runs on; each product first checks for a Stop (interrupt.ts). */
export function defaultKernels(): Kernels {
  const k = (wasmInUse() && wasmKernelSet()) || jsKernels;
  return {
    ...k,
    mul: (C, A, B, alpha) => (checkInterrupt(), k.mul(C, A, B, alpha)),
    mulBT: (C, A, B, alpha) => (checkInterrupt(), k.mulBT(C, A, B, alpha)),
    mulAT: (C, A, B, alpha) => (checkInterrupt(), k.mulAT(C, A, B, alpha)),
  };
}
