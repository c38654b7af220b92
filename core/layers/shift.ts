// What follows W[l]·A[l−1] in the kinds with a Z[l] and an optional `norm: batch` (dense,
// conv2d, depthwise_conv2d): b[l] added (spec §5, §8), or with `norm: batch` batch normalization in
// its place (spec §13: β[l] replaces b[l]). One object for both, so each kind calls its forward and
// backward in one line and never asks which it has.

import { stepsOf, type Matrix } from '../foundation/matrix';
import { batchNormBackward, batchNormForward, batchNormParameters, type NormName } from './batchNorm';
import { bias, type Dims, type LayerPass, type ParameterSpec, type PerBatch } from './engine';
import { reshape } from './grid';
import { features, type Shape } from './shape';

/**
 * Z[l]'s shift as the engine runs it. Its parameters (b[l], or γ[l], β[l] and the running
 * statistics: the layer's after W[l]) come from unitShiftParameters and channelShiftParameters,
 * which the kind's record reads too, without building the shift.
 */
export interface Shift {
  /** its scratch matrices, which come last in the layer's (batch norm reads them from the end) */
  scratch(withGradients: boolean): Dims[];
  /** batch norm's Z_norm; none for b[l] */
  readonly perBatch?: readonly PerBatch[];
  /** Z[l] (as the layer keeps it) + b[l] at each step; with batch norm Z[l] becomes Z̃[l] in place */
  forward(pass: LayerPass, Z: Matrix): void;
  /**
   * db[l] = (1/m)·Σ over the steps and examples of dZ[l]; with batch norm dZ̃[l] becomes dZ[l] in
   * place, with dγ[l] and dβ[l], so call it before the products that read dZ[l]
   */
  backward(pass: LayerPass, dZ: Matrix): void;
}

/** Where b[l] lives and how Z[l] is laid out. */
interface ShiftLayout {
  /** b[l]'s dims in the engine (n[l], 1) or (1, n_C[l]), and its shape in the weights file */
  dims: Dims;
  shape: readonly number[];
  /** one unit per row of Z[l] (dense: (n[l], m)), or one channel per column (conv: (m·n_H·n_W, n_C)) */
  perRow: boolean;
  /** Z[l]'s entries per example and whether it keeps one example per row: Z_norm is laid out as Z[l] */
  features: number;
  byRows: boolean;
  /** Z[l] (or dZ[l]) of m examples as the blocks the shift works on: one per step, or one (m·n_H·n_W, n_C) view */
  blocks(Z: Matrix, m: number): Matrix[];
}

/** b[l]'s dims and file shape per unit, (n[l], 1). */
const perUnit = (n: number): Pick<ShiftLayout, 'dims' | 'shape'> => ({ dims: [n, 1], shape: [n, 1] });

/** b[l]'s dims (1, n_C[l]) and file shape (1, 1, 1, n_C[l]) per channel. */
const perChannel = (n_C: number): Pick<ShiftLayout, 'dims' | 'shape'> => ({ dims: [1, n_C], shape: [1, 1, 1, n_C] });

/** The shift's parameters: b[l], or γ[l], β[l] and the running statistics in its place (spec §13). */
function shiftParameters(norm: NormName | undefined, { dims, shape }: Pick<ShiftLayout, 'dims' | 'shape'>): ParameterSpec[] {
  return norm ? batchNormParameters(dims, shape) : [bias(dims, shape)];
}

/** A dense layer's shift parameters, without building the shift (its kind's declaration). */
export function unitShiftParameters(norm: NormName | undefined, n: number): ParameterSpec[] {
  return shiftParameters(norm, perUnit(n));
}

/** A convolution's shift parameters per channel, without building the shift. */
export function channelShiftParameters(norm: NormName | undefined, n_C: number): ParameterSpec[] {
  return shiftParameters(norm, perChannel(n_C));
}

/** A dense layer's shift per unit: Z[l] (n[l], m), or T step blocks of it after a sequence. */
export function unitShift(norm: NormName | undefined, n: number, T: number): Shift {
  const layout: ShiftLayout = { ...perUnit(n), perRow: true, features: n * T, byRows: false, blocks: (Z) => stepsOf(Z, T) };
  return norm ? batchNormShift(layout) : biasShift(layout, T);
}

/** A convolution's shift per channel: Z[l] (m, n_H·n_W·n_C) seen as (m·n_H·n_W, n_C). */
export function channelShift(norm: NormName | undefined, output: Shape): Shift {
  const n_C = output.kind === 'volume' ? output.n_C : 0, P = features(output) / n_C;
  const layout: ShiftLayout = {
    ...perChannel(n_C), perRow: false, features: features(output), byRows: true,
    blocks: (Z, m) => [reshape(Z, m * P, n_C)],
  };
  return norm ? batchNormShift(layout) : biasShift(layout, 1);
}

/** b[l]: added to every column (perRow) or row of each block; db[l] summed over the blocks through one scratch matrix. */
function biasShift({ dims, perRow, blocks }: ShiftLayout, steps: number): Shift {
  return {
    scratch: (withGradients) => (withGradients && steps > 1 ? [dims] : []),
    forward({ k, m, b }, Z) {
      for (const block of blocks(Z, m)) (perRow ? k.addColumn(block, b) : k.addRow(block, b));
    },
    backward({ k, m, db, scratch }, dZ) {
      // the first block writes db[l]; each later one writes the scratch, then adds it
      const part = scratch[scratch.length - 1];
      blocks(dZ, m).forEach((block, t) => {
        const into = t === 0 ? db : part;
        if (perRow) k.sumColumns(into, block, 1 / m);
        else k.sumRows(into, block, 1 / m);
        if (t > 0) k.axpy(db, 1, part);
      });
    },
  };
}

/**
 * Batch norm per unit or channel (spec §13). Its statistics are over the batch, which has no meaning
 * across steps: dense's shape rule refuses it after a sequence, so Z[l] is one block.
 */
function batchNormShift({ dims, perRow, features, byRows, blocks }: ShiftLayout): Shift {
  const one = (Z: Matrix, m: number): Matrix => blocks(Z, m)[0];
  const channels = perRow ? dims[0] : dims[1];
  return {
    // μ and σ² of the last batch, one entry per unit or channel
    scratch: () => [[channels, 1], [channels, 1]],
    perBatch: [{ features, byRows }],
    forward: (pass, Z) => batchNormForward(pass, one(Z, pass.m), perRow),
    backward: (pass, dZ) => batchNormBackward(pass, one(dZ, pass.m), perRow),
  };
}
