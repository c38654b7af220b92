// The kernels module's bytes. `npm run build` assembles them from the WAT generators beside this
// file and embeds them in the bundles as NN_KERNELS_WASM (base64), so dist/cli.js and dist/worker.js
// need no file next to them; code run unbundled (the unit tests, from out/) reads the build's
// dist/kernels.wasm instead.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

declare const NN_KERNELS_WASM: string | undefined;

/** undefined when neither is there (an unbuilt checkout): the engine then uses the TypeScript kernels. */
export function kernelBytes(): Uint8Array<ArrayBuffer> | undefined {
  if (typeof NN_KERNELS_WASM === 'string') return new Uint8Array(Buffer.from(NN_KERNELS_WASM, 'base64'));
  try {
    return new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', '..', 'dist', 'kernels.wasm')));
  } catch {
    return undefined;
  }
}
