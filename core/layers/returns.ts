// `return: sequence | last` (spec §14): what a recurrent layer hands on — every step's a⟨t⟩
// (many-to-many) or a⟨T_x⟩ alone (many-to-one). The option's number (LayerParts) is the index here,
// as `norm:`'s is in NORMS; the language's catalogue lists these words for the checker, completion,
// hover and the grammar.

import type { LayerParts } from './kind';

export type ReturnName = 'sequence' | 'last';
export const RETURNS: readonly ReturnName[] = ['sequence', 'last'];

/** The `return` of a layer's spec from its statement's options: `sequence` when not written (spec §14). */
export function returnOf(options: LayerParts['options']): ReturnName {
  return RETURNS[options.return ?? 0];
}
