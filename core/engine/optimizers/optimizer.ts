// What every optimizer module is (spec §9): its moments and its update of a list of parameters θ
// with their gradients dθ. An optimizer never knows which layer a θ belongs to — W[l] and b[l] of a
// dense layer today, a conv layer's filters later — only that each dθ has its θ's shape.

import type { OptimizerName, OptimizerSpec } from '../../foundation/model';
import type { Kernels } from '../../foundation/kernels';
import type { Matrix } from '../matrix';

/** The course's names of an optimizer's moments: v_dθ (first) and s_dθ (second). */
export type MomentName = 'v' | 's';

/** One moment matrix per parameter, in the order of the parameter list (θ's shape, zeros at first). */
export type Moments = Partial<Record<MomentName, Matrix[]>>;

export interface OptimizerModule<K extends OptimizerName> {
  /** the moments it keeps, each one copy of every θ */
  moments: readonly MomentName[];
  /** θ −= … for every θ with its dθ at update t = 1, 2, … with learning rate α (decayed already) */
  update(spec: Extract<OptimizerSpec, { kind: K }>, k: Kernels, state: Moments, params: Matrix[], grads: Matrix[], alpha: number, t: number): void;
}

/** A made optimizer: its spec and moments bound, for one network's parameter list. */
export interface Optimizer {
  readonly spec: OptimizerSpec;
  /** v_dθ and s_dθ per parameter, when it keeps them */
  readonly state: Moments;
  update(params: Matrix[], grads: Matrix[], alpha: number, t: number): void;
}
