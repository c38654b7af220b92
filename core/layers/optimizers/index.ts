// Every optimizer, by name: the table the checker, hover, completion, the engine and the memory
// estimate read (optimizer.ts). Adding one is a module here and a line in BUILT_IN.

import type { Kernels } from '../../foundation/kernels';
import type { Matrix } from '../../foundation/matrix';
import type { OptimizerName, OptimizerSpec } from '../../foundation/model';
import { adam } from './adam';
import { gd } from './gd';
import { momentum } from './momentum';
import type { MomentName, Moments, Optimizer, OptimizerKind } from './optimizer';
import { RunningPowers } from './powers';
import { rmsprop } from './rmsprop';

export type { MomentName, Moments, Optimizer, OptimizerKind, OptimizerParam, Power } from './optimizer';
export { RunningPowers } from './powers';

/** The optimizers the language is born with, gd first (the default): the type system checks that each name has its record. */
const BUILT_IN: { readonly [K in OptimizerName]: OptimizerKind<K> } = { gd, momentum, rmsprop, adam };

/** Every optimizer, in the order hover and completion list them; the first is the default. */
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = Object.values(BUILT_IN) as OptimizerKind[];

/** The optimizer of a network without an `optimizer` setting (spec §9): gd. */
export const DEFAULT_OPTIMIZER: OptimizerSpec = { kind: gd.name };

/** The record of `kind`. */
export function optimizerKind(kind: OptimizerName): OptimizerKind {
  return BUILT_IN[kind] as OptimizerKind;
}

/** The arguments of `kind` with the spec's defaults, by name. */
export function optimizerDefaults(kind: OptimizerName): Record<string, number> {
  return Object.fromEntries(optimizerKind(kind).params.map((p) => [p.name, p.default]));
}

/** The moments `kind` keeps (v, s): one copy of every θ each (memory estimate, hover). */
export function momentsOf(kind: OptimizerName): readonly MomentName[] {
  return optimizerKind(kind).moments;
}

/**
 * The optimizer of `spec` (absent: gd) for the parameters `params`, its moments made by `allocate`
 * with each θ's shape — the network passes its own allocator, so they are released with it.
 */
export function makeOptimizer(spec: OptimizerSpec | undefined, k: Kernels, params: readonly Matrix[],
  allocate: (rows: number, cols: number) => Matrix): Optimizer {
  const chosen = spec ?? DEFAULT_OPTIMIZER;
  const record = optimizerKind(chosen.kind);
  const state: Moments = {};
  for (const name of record.moments) state[name] = params.map((theta) => allocate(theta.rows, theta.cols));
  const powers = new RunningPowers(); // β^t lives as long as the moments: one optimizer per run
  return {
    spec: chosen,
    state,
    update: (ps, grads, alpha, t) => record.update(chosen, k, state, ps, grads, alpha, (beta) => powers.of(beta, t)),
  };
}
