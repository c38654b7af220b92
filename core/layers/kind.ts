// A layer kind (spec §8): one module per kind owns its shape rule and its parameters; the checker,
// hover, `nn shapes`, the engine and the exporters ask it instead of switching on kinds themselves.

import type { Activation, LayerSpec } from '../foundation/model';
import type { LayerEngine } from './engine';
import type { Shape, ShapeResult } from './shape';

/** W[l] and b[l] as the course writes their shapes: (n[l], n[l−1]) and (n[l], 1) for dense, 4-tuples for conv2d. */
export interface ParameterShapes {
  W: number[];
  b: number[];
}

export interface LayerKind<S extends LayerSpec = LayerSpec> {
  kind: S['kind'];
  /** The shape of A[l] for the shape of A[l−1], and what is wrong with that input. */
  output(spec: S, input: Shape): ShapeResult;
  /** W[l], b[l] for this input; undefined for a layer without parameters (pools, flatten). */
  parameters(spec: S, input: Shape): ParameterShapes | undefined;
  /** n[l−1] of the course for initialisation: the number of inputs each output unit sums over. */
  fanIn(spec: S, input: Shape): number;
  /** The layer's statement in a `.nn` file, e.g. `conv2d 6 relu f: 5 stride: 1 pad: 0` (spec §3, §8). */
  statement(spec: S): string;
  /** The engine's passes for this layer between shapes `input` and `output` (engine.ts). */
  engine(spec: S, input: Shape, output: Shape): LayerEngine;
}

/** Entries of a shape: the product of its dimensions. */
export function size(shape: readonly number[]): number {
  return shape.reduce((product, d) => product * d, 1);
}

/** The number of parameters: entries of W[l] and b[l], 0 without them. */
export function parameterCount(shapes: ParameterShapes | undefined): number {
  return shapes ? size(shapes.W) + size(shapes.b) : 0;
}

/** An activation as a `.nn` file writes it: `relu`, `leaky_relu(0.05)`. */
export function activationText({ name, slope }: Activation): string {
  return slope === undefined ? name : `${name}(${slope})`;
}
