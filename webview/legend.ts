// Names the decision boundary shows: its axes (the CSV header's feature names, else x1 and x2, as
// the course writes the features of an example) and its classes (`passed = 1`, `y = 1`). Pure.

import type { Plain, Points } from '../core/services/protocol';

export function axisNames(points: Plain<Points> | undefined): [string, string] {
  return points?.names ? [points.names[0], points.names[1]] : ['x1', 'x2'];
}

/** One name per class colour: two for one output unit (P(y = 1)), else one per softmax output. */
export function classNames(points: Plain<Points> | undefined, outputs: number): string[] {
  const label = points?.names?.[2] ?? 'y';
  return Array.from({ length: outputs === 1 ? 2 : outputs }, (_, k) => `${label} = ${k}`);
}

/** How many of the points are training examples and how many test examples. */
export function pointCounts(points: Plain<Points> | undefined): { train: number; test: number } {
  const n = points?.x.length ?? 0;
  const train = points?.train ?? n;
  return { train, test: n - train };
}
