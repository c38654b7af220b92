// Assembles the kernels module from its WAT generators with wabt (the build's only use of it), so
// no binary is checked in: `npm run build` writes dist/kernels.wasm and embeds it in the bundles.
import wabt from 'wabt';
import { attentionWat } from './attention.wat.mjs';
import { depthwiseWat } from './depthwise.wat.mjs';
import { elementwiseWat } from './elementwise.wat.mjs';
import { mathWat } from './math.wat.mjs';
import { normsWat } from './norms.wat.mjs';
import { productsWat } from './products.wat.mjs';
import { windowsWat } from './windows.wat.mjs';

/** Pages of 64 KiB; shared memories need a maximum. 2 GiB covers a 12288×20000 float64 input. */
export const MAX_PAGES = 32768;

export function kernelsWat(blocks) {
  return [
    '(module',
    `(import "env" "memory" (memory 1 ${MAX_PAGES} shared))`,
    productsWat(blocks),
    mathWat(),
    elementwiseWat(),
    windowsWat(),
    depthwiseWat(),
    normsWat(),
    attentionWat(),
    ')',
  ].join('\n');
}

export async function assembleKernels(blocks) {
  const w = await wabt();
  const features = { simd: true, threads: true, bulk_memory: true };
  const module = w.parseWat('kernels.wat', kernelsWat(blocks), features);
  try {
    module.validate(features);
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
