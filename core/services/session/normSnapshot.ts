// What the panel shows of a normalized layer as it trains (issue 20): γ[l] and β[l], and for
// `norm: batch` the running mean μ and variance σ² that evaluation uses, per unit or channel. The
// parameters are found by their weights-file names (spec §13), so any kind that normalizes shows.

import type { WeightsValues } from '../../data/weights';
import type { NetworkSpec } from '../../foundation/model';
import { engineLayers } from '../../layers';
import type { NormSnapshot } from '../protocol';
import { pool } from './snapshots';

/** Values per quantity at most: a wider layer's units are averaged in neighbouring groups, as W's heat map pools its cells. */
export const NORM_UNITS = 64;

/** The running statistics (batch norm's only), by weights-file name, and the snapshot's field for each. */
const RUNNING = [['running_mean', 'mean'], ['running_var', 'variance']] as const;

/** Layers l holding a γ[l], in order; undefined when the network has none. */
export function normLayers(spec: NetworkSpec): Array<{ l: number; names: Set<string> }> | undefined {
  const found = engineLayers(spec)
    .map(({ l, engine }) => ({ l, names: new Set(engine.parameters.map((p) => p.name)) }))
    .filter(({ names }) => names.has('gamma'));
  return found.length ? found : undefined;
}

/** The snapshot of each layer of `layers` from the trainer's `weights` (its copies by key). */
export function normSnapshots(layers: NonNullable<ReturnType<typeof normLayers>>, weights: WeightsValues, units = NORM_UNITS): NormSnapshot[] {
  return layers.map(({ l, names }) => {
    const at = (name: string): Float32Array => {
      const values = weights[`${name}${l}`];
      return pool({ rows: values.length, cols: 1, data: values }, units, 1).data;
    };
    const snapshot: NormSnapshot = { l, units: weights[`gamma${l}`].length, gamma: at('gamma'), beta: at('beta') };
    for (const [name, field] of RUNNING) if (names.has(name)) snapshot[field] = at(name);
    return snapshot;
  });
}
