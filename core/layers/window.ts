// What the language layer reads off a layer spec without switching on kinds itself: its window and
// whether it computes a Z[l] of its own, as the kind's record says.

import type { LayerSpec } from '../foundation/model';
import { kindOf } from './index';

/** f, stride and pad of a conv2d or pool layer (pools never pad); undefined for kinds without a window. */
export function windowOf(spec: LayerSpec): { f: number; stride: number; pad: number } | undefined {
  return kindOf(spec).window?.(spec);
}

/** Whether layer l computes a Z[l]: kinds with an activation do; flatten and the pools only pass A[l−1] on. */
export function hasZ(spec: LayerSpec): boolean {
  return kindOf(spec).hasZ;
}
