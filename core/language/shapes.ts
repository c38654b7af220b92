// Spec §3 as code: the shape of every matrix of layer l, from n[l] and n[l−1].

import type { Activation } from '../foundation/model';
import type { LayerInfo, MatrixShape, Range } from './api';
import type { LayerNode, NetworkNode, NumberValue } from './ast';
import { layerInfoOf, LINEAR } from './convShapes';
import { vector, type LayerShapes } from '../layers';

/** A dense layer's LayerInfo (convShapes.ts builds every kind's). */
export function layerInfo(index: number, units: number, previousUnits: number, activation: Activation, range: Range): LayerInfo {
  return layerInfoOf(index, { kind: 'dense', units, activation }, vector(previousUnits), vector(units), range);
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

/** The shapes of a layer that follow from n[l] and n[l−1] alone. */
export interface ParameterShapes {
  /** l, 1-based */
  index: number;
  units: number;
  previousUnits: number;
  W: MatrixShape;
  b: MatrixShape;
  /** n[l]·n[l−1] + n[l] */
  params: number;
}

/**
 * W[l] and b[l] of every layer whose n[l] and n[l−1] are written correctly, whatever is wrong
 * elsewhere: a bad activation, setting or other network changes no shape. A missing or bad size
 * only leaves out the layers it is one of the sizes of. The checker's NetworkInfo.layers, in
 * contrast, stops at the first broken layer, since a network to train needs all of them.
 */
export function parameterShapes(network: NetworkNode): Map<LayerNode, ParameterShapes> {
  const shapes = new Map<LayerNode, ParameterShapes>();
  // The first `input` counts, as in the checker (a second one is reported there).
  const input = network.statements.find((s) => s.kind === 'input');
  let previous = input?.kind === 'input' ? unitCount(input.size) : undefined;
  let index = 0;
  for (const s of network.statements) {
    if (s.kind === 'input' || s.kind === 'loss' || s.kind === 'train' || s.kind === 'unknown') continue;
    // l counts every layer kind (spec §8); what a conv, pool or flatten gives is not known from its
    // line alone, so the dense layer after it has no n[l−1] here.
    index++;
    if (s.kind !== 'dense') {
      previous = undefined;
      continue;
    }
    const units = unitCount(s.units);
    if (units !== undefined && previous !== undefined) {
      shapes.set(s, { index, units, previousUnits: previous, W: [units, previous], b: [units, 1], params: units * previous + units });
    }
    previous = units;
  }
  return shapes;
}

/**
 * A layer known from its line alone (parameterShapes) as the LayerShapes its inlay hint is written
 * from: g[l] changes no shape, so a linear one stands in for what the line says.
 */
export function syntaxLayer(p: ParameterShapes | undefined): LayerShapes | undefined {
  return p && {
    l: p.index, spec: { kind: 'dense', units: p.units, activation: LINEAR },
    input: vector(p.previousUnits), output: vector(p.units), parameters: { W: [...p.W], b: [...p.b] }, params: p.params,
  };
}

/** A size as spec §2 allows it: plain digits, at least 1. */
function unitCount(value: NumberValue | undefined): number | undefined {
  return value && value.integer && Number.isSafeInteger(value.value) && value.value >= 1 ? value.value : undefined;
}
