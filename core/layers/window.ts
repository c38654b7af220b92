// What the language layer reads off a layer spec without switching on kinds itself (conv-common:
// kind switches stay in core/layers): its window and whether it computes a Z[l] of its own.

import type { LayerSpec } from '../foundation/model';

/** f, stride and pad of a conv2d or pool layer (pools never pad); undefined for dense and flatten. */
export function windowOf(spec: LayerSpec): { f: number; stride: number; pad: number } | undefined {
  switch (spec.kind) {
    case 'conv2d':
      return { f: spec.f, stride: spec.stride, pad: spec.pad };
    case 'max_pool':
    case 'avg_pool':
      return { f: spec.f, stride: spec.stride, pad: 0 };
    default:
      return undefined;
  }
}

/** Whether layer l computes a Z[l]: every kind but flatten, which only reshapes A[l−1] into A[l]. */
export function hasZ(spec: LayerSpec): boolean {
  return spec.kind !== 'flatten';
}
