// Initial parameters (spec §4, §13, §14): W[l] from N(0, 1) times a per-layer scale, b[l] = 0,
// γ[l] = 1, β[l] = 0, running statistics 0 and 1, embeddings N(0, 1)·0.01.

import { DEFAULT_RANDOM_SCALE, type Activation, type InitSpec, type NetworkSpec } from '../foundation/model';
import { engineLayers, type ParameterSpec } from '../layers';
import { activationKind } from '../layers/activations';
import { matrix, type Matrix } from './matrix';
import { Rng } from '../foundation/prng';

/** Every layer's parameters by name, l = 1…L (index 0 unused, `{}`; a layer without parameters has none). */
export type NetworkParameters = Array<Record<string, Matrix>>;

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
 * Every parameter of l = 1…L, visited in l order and then in the order the kind lists them
 * (docs/part3.md). Draws come from the 'init' stream of the seed, each W row-major — for conv2d
 * the (f, f, n_C[l−1], n_C[l]) order — with fan-in n[l−1], or f·f·n_C[l−1] for conv2d (spec §8);
 * `zeros` draws nothing, nor do parameters that start at a constant.
 */
export function initialize(spec: NetworkSpec): NetworkParameters {
  const rng = new Rng(spec.train.seed, 'init');
  const out: NetworkParameters = [{}];
  for (const { engine, fanIn } of engineLayers(spec)) {
    const layer: Record<string, Matrix> = {};
    for (const p of engine.parameters) {
      const theta = (layer[p.name] = matrix(...p.dims));
      const init = startOf(p, spec.train.init ?? (p.init === 'small' ? { kind: 'random', scale: DEFAULT_RANDOM_SCALE } : defaultInit(engine)));
      if (init === 'ones') theta.data.fill(1);
      else if (init !== 'zeros' && init.kind !== 'zeros') {
        const scale = initScale(init, p.fanIn ?? fanIn);
        for (let q = 0; q < theta.data.length; q++) theta.data[q] = rng.normal() * scale;
      }
    }
    out.push(layer);
  }
  return out;
}

/** What `p` starts from: a constant, or the network's (or its default) random initialisation. */
function startOf(p: ParameterSpec, random: InitSpec): InitSpec | 'zeros' | 'ones' {
  return p.init === 'zeros' || p.init === 'ones' ? p.init : random;
}
