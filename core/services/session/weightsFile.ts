// A weights file (spec §7) written from a job's weights: Save Weights in the training panel, and a
// PyTorch export of the weights the panel trained (OUT.weights.json). Its keys and shapes are the
// network's own (weightEntries: W1, b1, gamma3, …; pools and flatten have none, l still counts them).

import { formatWeights, type WeightsValues } from '../../data/weights';
import { writeFileAtomic } from '../../data/write';
import type { NetworkSpec } from '../../foundation/model';
import { weightEntries } from '../../layers';

/** The weights file's text; throws on weights JSON cannot hold (not finite, after a divergence). */
export function weightsText(spec: NetworkSpec, weights: WeightsValues): string {
  return formatWeights(weights, weightEntries(spec));
}

/** Writes the file atomically at `path` (a link is followed: the user chose the path in a save dialog); rejects, never throws. */
export async function writeWeightsFile(path: string, spec: NetworkSpec, weights: WeightsValues): Promise<void> {
  await writeFileAtomic(path, weightsText(spec, weights));
}
