// Initial weights (spec §4): W[l] from N(0, 1) times a per-layer scale, b[l] = 0.

import { DEFAULT_RANDOM_SCALE, type InitSpec, denseOnly, type DenseSpec, type NetworkSpec } from '../model';
import { matrix, type Matrix } from './matrix';
import { Rng } from './prng';

/** Default per layer: he for the relu family, xavier for the others. */
export function defaultInit(layer: DenseSpec): InitSpec {
  const relu = layer.activation.name === 'relu' || layer.activation.name === 'leaky_relu';
  return { kind: relu ? 'he' : 'xavier' };
}

/** The factor on N(0, 1) for W[l], n[l−1] = fanIn. */
export function initScale(init: InitSpec, fanIn: number): number {
  switch (init.kind) {
    case 'zeros': return 0;
    case 'random': return init.scale ?? DEFAULT_RANDOM_SCALE;
    case 'xavier': return Math.sqrt(1 / fanIn);
    case 'he': return Math.sqrt(2 / fanIn);
  }
}

/**
 * W[l], b[l] for l = 1…L (index 0 unused, as in the course). Draws come from the 'init' stream of
 * the seed, layer by layer, each W row-major; `zeros` draws nothing.
 */
export function initialize(spec: NetworkSpec): { W: Matrix[]; b: Matrix[] } {
  const rng = new Rng(spec.train.seed, 'init');
  const W: Matrix[] = [matrix(0, 0)];
  const b: Matrix[] = [matrix(0, 0)];
  let fanIn = spec.inputSize;
  for (const layer of denseOnly(spec).layers) {
    const w = matrix(layer.units, fanIn);
    const init = spec.train.init ?? defaultInit(layer);
    if (init.kind !== 'zeros') {
      const scale = initScale(init, fanIn);
      for (let p = 0; p < w.data.length; p++) w.data[p] = rng.normal() * scale;
    }
    W.push(w);
    b.push(matrix(layer.units, 1));
    fanIn = layer.units;
  }
  return { W, b };
}
