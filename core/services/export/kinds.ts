// The per-kind tables of the exporters are typed by this: each kind's entry receives its own spec.

import type { LayerKindName, LayerSpec } from '../../foundation/model';

/** The spec type whose `kind` may be K (PoolSpec for both pools), as core/layers/index.ts has it. */
export type SpecOf<K extends LayerKindName> = LayerSpec extends infer S ? (S extends LayerSpec ? (K extends S['kind'] ? S : never) : never) : never;
