// How many entries the default gradient check compares: as many as a fixed amount of arithmetic
// allows, so that the check finishes in seconds on any network the editor runs (LeNet-5 on digits
// took 3 minutes with 20,000 entries). The work is counted, not timed, so a check repeats exactly
// on any machine. Each entry costs two forward passes on the examples; perturbed.ts serves the
// products of dense layers before the moved entry and all but one row of its own, while a conv
// layer is computed again whole (its products are not served).

import type { NetworkSpec } from '../foundation/model';
import { engineLayers, features, size } from '../layers';

/** Multiply-adds a default check may spend: about 4 s of CPU here on LeNet-5 (312 entries; 20,000 took 3 minutes). */
export const GRADCHECK_WORK = 1e10;

/** Multiply-adds of two forward passes of one example with an entry of layer l moved, by l (index l − 1). */
export function workPerEntry(spec: NetworkSpec): number[] {
  const layers = engineLayers(spec);
  const macs = layers.map((layer) => (layer.engine.parameters.length > 0 ? features(layer.output) * layer.fanIn : 0));
  const dense = layers.map((layer) => layer.spec.kind === 'dense');
  return layers.map((_, i) => {
    // A moved dense entry changes one row of W[l]·A[l−1] (m additions): then g(Z[l]) again, n[l] a column.
    let work = dense[i] ? features(layers[i].output) : macs[i];
    for (let j = 0; j < layers.length; j++) if (j > i || (j < i && !dense[j])) work += macs[j];
    return 2 * work;
  });
}

/** Entries a check on `examples` examples compares within `work` multiply-adds, between `least` and `most`. */
export function entriesWithin(spec: NetworkSpec, examples: number, most: number, work = GRADCHECK_WORK, least = 200): number {
  const perEntry = workPerEntry(spec);
  const layers = engineLayers(spec);
  let count = 0;
  let total = 0;
  layers.forEach((layer, i) => {
    const n = layer.engine.parameters.reduce((sum, p) => sum + (p.trained ? size(p.dims) : 0), 0);
    count += n;
    total += n * perEntry[i];
  });
  if (count === 0) return most;
  const average = (total / count) * examples; // what an entry of a uniform sample costs
  return Math.max(least, Math.min(most, Math.floor(work / average)));
}
