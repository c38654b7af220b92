// Spec §3 as code: the shape of every matrix of layer l, from n[l] and n[l−1].

import type { Activation } from '../model';
import type { LayerInfo, MatrixShape, Range } from './api';

export function layerInfo(index: number, units: number, previousUnits: number, activation: Activation, range: Range): LayerInfo {
  const W: MatrixShape = [units, previousUnits];
  const b: MatrixShape = [units, 1];
  return {
    index, units, activation, range,
    W, b, dW: [...W], db: [...b],
    Z: [units, 'm'], A: [units, 'm'], dZ: [units, 'm'], dA: [units, 'm'],
    params: units * previousUnits + units,
  };
}

export interface ExpectedShape {
  rows: number;
  /** a number for W/b/dW/db, 'm' for Z/A/dZ/dA */
  cols: number | 'm';
  /** the rule in the course's notation, e.g. `(n[2], n[1])` */
  rule: string;
}

/** What annotation NAME of layer l must be; undefined for a name that is no matrix of a layer. */
export function expectedShape(name: string, l: number, units: number, previousUnits: number): ExpectedShape | undefined {
  switch (name) {
    case 'W':
    case 'dW':
      return { rows: units, cols: previousUnits, rule: `(n[${l}], n[${l - 1}])` };
    case 'b':
    case 'db':
      return { rows: units, cols: 1, rule: `(n[${l}], 1)` };
    case 'Z':
    case 'A':
    case 'dZ':
    case 'dA':
      return { rows: units, cols: 'm', rule: `(n[${l}], m)` };
    default:
      return undefined;
  }
}

/** `(4, 2)`, `(4, m)` */
export function formatShape(rows: number | string, cols: number | string): string {
  return `(${rows}, ${cols})`;
}
