// A weights file (spec §7) written from a job's weights: Save Weights in the training panel, and a
// PyTorch export of the weights the panel trained (OUT.weights.json). The layout is the resolved
// network's: pools and flatten have no parameters and no keys, l still counts them (spec §8).

import { formatWeights } from '../../data/weights';
import { writeFileAtomic } from '../../data/write';
import type { LayerShapes } from '../../layers';
import type { WeightsData } from '../protocol';

/** The weights file's text: `weights` holds one W and one b per layer (empty for a layer without parameters). */
export function weightsText(layers: readonly LayerShapes[], weights: WeightsData): string {
  return formatWeights(weights, layers.map((layer) => layer.parameters));
}

/** Writes the file atomically at `path` (a link is followed: the user chose the path in a save dialog). */
export function writeWeightsFile(path: string, layers: readonly LayerShapes[], weights: WeightsData): Promise<void> {
  return writeFileAtomic(path, weightsText(layers, weights));
}
