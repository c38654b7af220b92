// The optimizers' registry: spec → optimizer. Adding one is a module here and a line in
// OPTIMIZERS; nothing else in the engine looks at an optimizer's kind.

import type { OptimizerName, OptimizerSpec } from '../../foundation/model';
import type { Kernels } from '../../foundation/kernels';
import type { Matrix } from '../matrix';
import { adam } from './adam';
import { gd } from './gd';
import { momentum } from './momentum';
import type { MomentName, Moments, Optimizer, OptimizerModule } from './optimizer';
import { rmsprop } from './rmsprop';

export type { MomentName, Moments, Optimizer } from './optimizer';

const OPTIMIZERS: { [K in OptimizerName]: OptimizerModule<K> } = { gd, momentum, rmsprop, adam };

/** The moments `kind` keeps (v, s): one copy of every θ each (memory estimate, hover). */
export function momentsOf(kind: OptimizerName): readonly MomentName[] {
  return OPTIMIZERS[kind].moments;
}

/**
 * The optimizer of `spec` (absent: gd) for the parameters `params`, its moments made by `allocate`
 * with each θ's shape — the network passes its own allocator, so they are released with it.
 */
export function makeOptimizer(spec: OptimizerSpec | undefined, k: Kernels, params: readonly Matrix[],
  allocate: (rows: number, cols: number) => Matrix): Optimizer {
  const chosen = spec ?? { kind: 'gd' };
  const module = OPTIMIZERS[chosen.kind] as OptimizerModule<OptimizerName>;
  const state: Moments = {};
  for (const name of module.moments) state[name] = params.map((theta) => allocate(theta.rows, theta.cols));
  return {
    spec: chosen,
    state,
    update: (ps, grads, alpha, t) => module.update(chosen, k, state, ps, grads, alpha, t),
  };
}
