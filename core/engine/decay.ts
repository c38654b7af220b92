// Learning-rate decay (spec §9): the step of iteration i (one batch) uses α_i = α / (1 + R·⌊i/K⌋)
// (inverse) or α·R^⌊i/K⌋ (exponential). α is the user's, read at every step (the panel may change
// it mid-run), so the schedule is applied to whatever α is now, never stored.

import type { DecaySpec } from '../foundation/model';
import { wholePower } from '../foundation/powers';

export function decayedRate(alpha: number, decay: DecaySpec | undefined, i: number): number {
  if (!decay) return alpha;
  const epochs = Math.floor(i / decay.every);
  return decay.kind === 'inverse' ? alpha / (1 + decay.rate * epochs) : alpha * wholePower(decay.rate, epochs);
}
