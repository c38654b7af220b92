// The `weights "FILE.json"` setting (spec §4, §6): the trainer's initial W and b, read and checked
// with the same parser the checker uses, so a file the checker accepted loads the same way here.

import { DataError } from '../../engine';
import { readRegularFile } from '../../data/read';
import { parseWeights, type WeightsValues } from '../../data/weights';
import { weightEntries } from '../../layers';
import type { NetworkSpec } from '../../foundation/model';

/** The file's parameters by key (row-major), or undefined when the spec names no file. Throws DataError. */
export function initialWeights(spec: NetworkSpec): WeightsValues | undefined {
  const path = spec.train.weights;
  if (!path) return undefined;
  let text: string;
  try {
    text = readRegularFile(path, 'weights');
  } catch (e) {
    throw new DataError(`cannot read the weights file ${path}: ${e instanceof Error ? e.message : e}`, path);
  }
  const { values, problems } = parseWeights(text, weightEntries(spec));
  if (!values) throw new DataError(`the weights file ${path} does not fit network '${spec.name}': ${problems.map((p) => p.message).join('; ')}`, path);
  return values;
}
