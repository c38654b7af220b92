// Initial weights (spec §4): W[l] from N(0, 1) times a per-layer scale, b[l] = 0.

import { DEFAULT_RANDOM_SCALE, type Activation, type InitSpec, type NetworkSpec } from '../foundation/model';
import { engineLayers } from '../layers';
import { activationKind } from '../layers/activations';
import { matrix, type Matrix } from './matrix';
import { Rng } from '../foundation/prng';

/** Default per layer (dense or conv2d): he for the relu family, xavier for the others. */
export function defaultInit(layer: { activation: Activation }): InitSpec {
  return { kind: activationKind(layer.activation).reluFamily ? 'he' : 'xavier' };
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
 * W[l], b[l] for l = 1…L (index 0 unused, as in the course; 0×0 for a layer without parameters).
 * Draws come from the 'init' stream of the seed, layer by layer, each W row-major — for conv2d the
 * (f, f, n_C[l−1], n_C[l]) order — with fan-in n[l−1], or f·f·n_C[l−1] for conv2d (spec §8);
 * `zeros` draws nothing.
 */
export function initialize(spec: NetworkSpec): { W: Matrix[]; b: Matrix[] } {
  const rng = new Rng(spec.train.seed, 'init');
  const W: Matrix[] = [matrix(0, 0)];
  const b: Matrix[] = [matrix(0, 0)];
  for (const { engine, fanIn } of engineLayers(spec)) {
    const shapes = engine.parameters;
    const w = shapes ? matrix(...shapes.W) : matrix(0, 0);
    const init = spec.train.init ?? defaultInit(engine);
    if (shapes && init.kind !== 'zeros') {
      const scale = initScale(init, fanIn);
      for (let p = 0; p < w.data.length; p++) w.data[p] = rng.normal() * scale;
    }
    W.push(w);
    b.push(shapes ? matrix(...shapes.b) : matrix(0, 0));
  }
  return { W, b };
}
