// An optimizer (spec §9): one record per optimizer, as activations and losses are — its arguments
// with their defaults, its hover and completion text, the moments it keeps and its update of a
// list of parameters θ with their gradients dθ. An optimizer never knows which layer a θ belongs
// to, only that each dθ has its θ's shape. The checker, hover, completion, the engine and the
// memory estimate read these records (index.ts lists them).

import type { Kernels } from '../../foundation/kernels';
import type { Matrix } from '../../foundation/matrix';
import type { OptimizerName, OptimizerSpec } from '../../foundation/model';

/** The course's names of an optimizer's moments: v_dθ (first) and s_dθ (second). */
export type MomentName = 'v' | 's';

/** One moment matrix per parameter, in the order of the parameter list (θ's shape, zeros at first). */
export type Moments = Partial<Record<MomentName, Matrix[]>>;

/** An argument of the optimizer's call, e.g. `adam(beta1: 0.9)`, with its default and the range the checker holds it to. */
export interface OptimizerParam {
  name: string;
  symbol: string;
  default: number;
  check: 'beta' | 'epsilon';
  doc: string;
}

export interface OptimizerKind<K extends OptimizerName = OptimizerName> {
  name: K;
  /** its arguments, each named and optional, in the order hover lists them */
  params: readonly OptimizerParam[];
  /** the update of W[l] (b[l] the same with db[l]), in the course's symbols */
  rule: readonly string[];
  doc: string;
  /** the moments it keeps, each one copy of every θ */
  moments: readonly MomentName[];
  /**
   * The same update in the PyTorch export, for one θ (`theta`) with its gradient `d`, its moments
   * (and any running product) in the dict `state`, its arguments in `group`, learning rate `lr` and
   * update count `t`.
   */
  torch: readonly string[];
  /**
   * θ −= … for every θ with its dθ, with learning rate α (decayed already), at an update t = 1, 2, …
   * whose β^t `power` gives: a running product, the same bits on every engine (powers.ts).
   */
  update(spec: Extract<OptimizerSpec, { kind: K }>, k: Kernels, state: Moments, params: Matrix[], grads: Matrix[], alpha: number, power: Power): void;
}

/** β^t at the update being made, t its count (1 on the first update). */
export type Power = (beta: number) => number;

/** A made optimizer: its spec and moments bound, for one network's parameter list. */
export interface Optimizer {
  readonly spec: OptimizerSpec;
  /** v_dθ and s_dθ per parameter, when it keeps them */
  readonly state: Moments;
  update(params: Matrix[], grads: Matrix[], alpha: number, t: number): void;
}

/** β of a moving average: in [0, 1). */
export const beta = (name: string, symbol: string, value: number, doc: string): OptimizerParam =>
  ({ name, symbol, default: value, check: 'beta', doc: `${doc}; in [0, 1)` });

/** ε of a division by a root mean square: > 0. */
export const epsilon = (value: number): OptimizerParam =>
  ({ name: 'epsilon', symbol: 'ε', default: value, check: 'epsilon', doc: 'keeps the division away from 0; > 0' });
