// The checker's report of how much memory training a network takes (NN701 above a fixed limit,
// NN702 above a lower mark), and the words for it that training's refusal uses too
// (core/services/session/limits.ts). The figure itself is the engine's (core/engine/footprint.ts): the
// editor and training count the same bytes.

import { examplesOf, footprint, type MemoryEstimate, type MemoryPart } from '../engine/footprint';
import { features } from '../layers';
import type { NetworkNode, TrainSpec } from '../foundation/model';
import type { LayerInfo } from './api';
import type { CheckContext } from './context';
import type { CheckedTrain } from './settings';

/** Above this the checker reports an error (NN701): no training run needs more in this tool. */
export const MEMORY_LIMIT = 16e9;
/** From this on the checker warns (NN702): training will take a large share of a laptop's memory. */
export const MEMORY_WARNING = 1e9;

/** The engine's footprint of checked layers (all of a network's), on `m` examples when the data says how many. */
export function checkedFootprint(layers: LayerInfo[], train: Pick<TrainSpec, 'data' | 'test' | 'batch' | 'optimizer'>, m: number | undefined, body?: readonly NetworkNode[]): MemoryEstimate {
  const net = { inputSize: features(layers[0].input), image: layers[0].input.kind === 'volume', layers, body, train };
  return footprint(net, examplesOf(train, m));
}

/** "about 1.6 GB of memory, most of it for W[1] and dW[1] (1000, 100000): 1.2 GB" */
export function describeNeed(e: MemoryEstimate): string {
  return `about ${formatBytes(e.bytes)} of memory, most of it for ${e.dominant.what}: ${formatBytes(e.dominant.bytes)}`;
}

/** What to make smaller, for the largest part. */
export function memoryHint(part: MemoryPart): string {
  const l = part.layer;
  if (part.kind === 'parameters') return `use fewer units n[${l}]${l === 1 ? ' or input features n[0]' : ` or n[${l - 1}]`}`;
  if (part.kind === 'examples') return part.volume ? `use fewer examples m, a smaller batch, or fewer filters n_C[${l}]` : `use fewer examples m or fewer units n[${l}]`;
  return 'use fewer examples m or input features n[0]';
}

/** A byte count in words a reader takes in at a glance: 512 bytes, 3.4 MB, 16 GB, 800 TB (1 GB = 10⁹ bytes). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let i = 0;
  while (value >= 999.5 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  if (value >= 999.5) return `${bytes.toPrecision(2)} bytes`;
  return `${i === 0 || value >= 9.95 ? Math.round(value) : value.toFixed(1)} ${units[i]}`;
}

/**
 * NN701 / NN702 on the line of the largest part, for a network whose shapes are all known; returns
 * the estimate, which the network's NetworkInfo keeps for the editor (one count per check).
 */
export function checkMemory(ctx: CheckContext, layers: LayerInfo[], train: CheckedTrain, m: number | undefined, body?: readonly NetworkNode[]): MemoryEstimate {
  const e = checkedFootprint(layers, { ...train.spec, data: train.data?.source, test: train.test?.source }, m, body);
  if (e.bytes < MEMORY_WARNING) return e;
  const part = e.dominant;
  const range = part.layer > 0 ? layers[part.layer - 1].range : (train.data?.node.range ?? layers[0].range);
  if (e.bytes > MEMORY_LIMIT) {
    ctx.report('NN701', range, `training needs ${describeNeed(e)}, more than the limit of ${formatBytes(MEMORY_LIMIT)}: ${memoryHint(part)}`);
  } else {
    ctx.report('NN702', range, `training needs ${describeNeed(e)}: make sure the machine has that much free`);
  }
  return e;
}
