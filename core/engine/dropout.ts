// Inverted dropout's masks (spec §9): D[l] = (U < P) with U uniform from the seed's own 'dropout'
// stream, drawn entry by entry (row-major) for each layer l in order, one draw per step. Its own
// stream, so dropout never changes the initial weights, the data or the batches, and a run with the
// same seed draws the same masks.

import type { Matrix } from './matrix';
import { Rng } from '../foundation/prng';

export class DropoutMasks {
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = new Rng(seed, 'dropout');
  }

  /** Fills D with 1 where an entry is kept (probability P) and 0 where it is dropped. */
  draw(D: Matrix, keepProb: number): void {
    const d = D.data;
    for (let p = 0, n = D.rows * D.cols; p < n; p++) d[p] = this.rng.uniform() < keepProb ? 1 : 0;
  }
}

/**
 * keep_prob of layers l = 0…L (1: no dropout). Never on the output layer, as the spec says (the
 * checker refuses it there; the engine ignores it, so predictions stay whole), nor on the input.
 */
export function keepProbs(layers: ReadonlyArray<{ keepProb?: number }>): number[] {
  return [1, ...layers.map((layer, index) => (index === layers.length - 1 ? 1 : layer.keepProb ?? 1))];
}
