// The WebAssembly SIMD implementation of the engine's `Kernels` (core/engine/kernels.ts). Operands
// are matrices whose data live in the heap's memory (matrix.ts allocates there while these kernels
// are in use); a call with any operand elsewhere (a caller's own array) goes to the TypeScript
// kernels, which give the same numbers.

import type { Activation, LossName } from '../../foundation/model';
import type { Grid, Heads, Kernels } from '../../foundation/kernels';
import { activationKind, slopeOf } from '../../layers/activations';
import { lossKind } from '../../layers/losses';
import { jsKernels } from '../kernels';
import type { Matrix } from '../../foundation/matrix';
import type { Heap } from './heap';
import type { GridArgs, HeadsArgs, KernelExports } from './module';
import { BANDS, SPLIT_FLOPS, type Band, type Helper } from './threads';

/** An activation's exports: out = g(z) entry by entry (slope: leaky_relu's), or per column with one scratch number per column. */
type PerEntry = (out: number, z: number, n: number, slope: number) => void;
type PerColumn = (z: number, a: number, s: number, rows: number, cols: number) => void;
/** dz = da ⊙ g′ from z or a; per column from a. */
type PerEntryBackward = (dz: number, da: number, from: number, n: number, slope: number) => void;
type PerColumnBackward = (dz: number, a: number, da: number, s: number, rows: number, cols: number) => void;
/** A loss's exports: Σ over the entries from z or a with y, or per column with two scratch numbers per column. */
type EntryTotal = (from: number, y: number, n: number) => number;
type ColumnTotal = (z: number, y: number, s0: number, s1: number, rows: number, cols: number) => number;

/** The engine's kernels plus the cost of spec §5 (losses.ts `cost`, same formulas). */
export interface FastKernels extends Kernels {
  cost(loss: LossName, ZL: Matrix, AL: Matrix, Y: Matrix): number;
}

/** Columns of C per band: a KB×512 slab of R (1 MiB) stays in L2 while L's rows sweep it. */
const BAND_COLUMNS = 512;

/** [start, size] pieces of 0…n: `count` (≤ BANDS) of them, sizes multiples of `unit` but the last. */
function cut(n: number, unit: number, count: number): Array<[number, number]> {
  const width = Math.ceil(n / Math.min(count, BANDS) / unit) * unit;
  const pieces: Array<[number, number]> = [];
  for (let start = 0; start < n; start += width) pieces.push([start, Math.min(width, n - start)]);
  return pieces;
}

/**
 * mm_nn as bands of C's columns, 4-column multiples (the micro-kernel's width), at least 4 (to
 * balance two threads) and at most BAND_COLUMNS wide: each band reads all of L.
 */
function bandsNN([c, cs, l, lr, lc, r, rs, M, K, N]: number[]): Band[] {
  return cut(N, 4, Math.max(4, Math.ceil(N / BAND_COLUMNS)))
    .map(([j, w]) => ({ op: 'mm_nn', ints: [c + 8 * j, cs, l, lr, lc, r + 8 * j, rs, M, K, w] }));
}

/** mm_nt as 4 bands along C's longer side: rows of B (C's columns) or rows of A (C's rows). */
function bandsNT([c, cs, a, b, rs, M, P, N]: number[]): Band[] {
  if (P >= M) return cut(P, 2, 4).map(([j, w]) => ({ op: 'mm_nt', ints: [c + 8 * j, cs, a, b + j * rs, rs, M, w, N] }));
  return cut(M, 4, 4).map(([i, h]) => ({ op: 'mm_nt', ints: [c + i * cs, cs, a + i * rs, b, rs, h, P, N] }));
}

function headsArgs(m: number, { T, d, h, causal }: Heads): HeadsArgs {
  return [m, T, d, h, +causal];
}

/** Doubles of attention's work area (attention.wat.mjs): seven (T, d_k) blocks, d_k padded to even, and one (T, T). */
function attentionWork({ T, d, h }: Heads): number {
  const padded = 2 * Math.ceil(d / h / 2);
  return 7 * T * padded + T * T;
}

function gridArgs({ m, n_H, n_W, n_C, f, s, p, out_H, out_W }: Grid): GridArgs {
  return [m, n_H, n_W, n_C, f, s, p, out_H, out_W];
}

export function wasmKernels(heap: Heap, k: KernelExports, fallbackCost: FastKernels['cost'], helper: () => Helper | undefined): FastKernels {
  const run = ({ op, ints: i }: Band, alpha: number): void => {
    if (op === 'mm_nn') k.mm_nn(i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], i[8], i[9], alpha);
    else k.mm_nt(i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], alpha);
  };
  /** Runs one product: a large one in bands, shared with the helper when there is one. */
  const product = (whole: Band, flops: number, alpha: number, split: (ints: number[]) => Band[]): void => {
    if (flops < SPLIT_FLOPS) return run(whole, alpha);
    const bands = split(whole.ints);
    const second = helper();
    if (second?.available()) second.run(bands, alpha);
    else for (const band of bands) run(band, alpha);
  };
  /** addresses of the matrices' data, or undefined if any is outside the heap */
  const addresses = (...ms: Matrix[]): number[] | undefined => {
    const out = ms.map((m) => heap.address(m.data));
    return out.includes(-1) ? undefined : out;
  };
  // Softmax's per-column numbers: two rows, grown to the widest batch seen.
  let scratch = heap.allocate(0);
  const columns = (cols: number): number => {
    if (scratch.length < 2 * cols) {
      heap.free(scratch);
      scratch = heap.allocate(2 * cols);
    }
    return heap.address(scratch);
  };
  const size = (m: Matrix): number => m.rows * m.cols;
  // Attention's gathered heads, grown to the largest layer seen.
  let work = heap.allocate(0);
  const workArea = (heads: Heads): number => {
    if (work.length < attentionWork(heads)) {
      heap.free(work);
      work = heap.allocate(attentionWork(heads));
    }
    return heap.address(work);
  };

  return {
    // spec §13's normalizations: groups along rows (perRow) or columns, as flags
    moments(mean, variance, M, perRow) {
      const p = addresses(mean, variance, M);
      if (!p) return jsKernels.moments(mean, variance, M, perRow);
      k.norm_moments(p[0], p[1], p[2], M.rows, M.cols, +perRow);
    },
    standardize(out, M, mean, variance, epsilon, perRow) {
      const p = addresses(out, M, mean, variance);
      if (!p) return jsKernels.standardize(out, M, mean, variance, epsilon, perRow);
      k.norm_standardize(p[0], p[1], p[2], p[3], M.rows, M.cols, +perRow, epsilon);
    },
    standardizeBackward(dM, d, xhat, variance, epsilon, perRow) {
      const p = addresses(dM, d, xhat, variance);
      if (!p) return jsKernels.standardizeBackward(dM, d, xhat, variance, epsilon, perRow);
      k.norm_standardize_backward(p[0], p[1], p[2], p[3], d.rows, d.cols, +perRow, epsilon);
    },
    scaleShift(out, M, gamma, beta, perRow) {
      const p = addresses(out, M, gamma, beta);
      if (!p) return jsKernels.scaleShift(out, M, gamma, beta, perRow);
      k.norm_scale_shift(p[0], p[1], p[2], p[3], M.rows, M.cols, +perRow);
    },
    scaleShiftBackward(dM, dgamma, dbeta, d, xhat, gamma, alpha, perRow) {
      const p = addresses(dM, dgamma, dbeta, d, xhat, gamma);
      if (!p) return jsKernels.scaleShiftBackward(dM, dgamma, dbeta, d, xhat, gamma, alpha, perRow);
      k.norm_scale_shift_backward(p[0], p[1], p[2], p[3], p[4], p[5], d.rows, d.cols, +perRow, alpha);
    },
    // attention's (T, T) part (spec §15), per example and head
    attention(O, alpha, Q, K, V, heads) {
      const p = addresses(O, alpha, Q, K, V);
      if (!p) return jsKernels.attention(O, alpha, Q, K, V, heads);
      k.attention(p[0], p[1], p[2], p[3], p[4], workArea(heads), ...headsArgs(Q.cols, heads));
    },
    attentionBackward(dQ, dK, dV, dO, alpha, Q, K, V, row, heads) {
      const p = addresses(dQ, dK, dV, dO, alpha, Q, K, V, row);
      if (!p) return jsKernels.attentionBackward(dQ, dK, dV, dO, alpha, Q, K, V, row, heads);
      k.attention_backward(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], workArea(heads), ...headsArgs(Q.cols, heads));
    },
    mul(C, A, B, alpha = 1) {
      const p = addresses(C, A, B);
      if (!p || A.cols === 0 || C.rows !== A.rows || C.cols !== B.cols || A.cols !== B.rows) return jsKernels.mul(C, A, B, alpha);
      const ints = [p[0], C.cols * 8, p[1], A.cols * 8, 8, p[2], B.cols * 8, A.rows, A.cols, B.cols];
      product({ op: 'mm_nn', ints }, 2 * A.rows * A.cols * B.cols, alpha, bandsNN);
    },
    mulBT(C, A, B, alpha = 1) {
      const p = addresses(C, A, B);
      if (!p || C.rows !== A.rows || C.cols !== B.rows || A.cols !== B.cols) return jsKernels.mulBT(C, A, B, alpha);
      const ints = [p[0], C.cols * 8, p[1], p[2], A.cols * 8, A.rows, B.rows, A.cols];
      product({ op: 'mm_nt', ints }, 2 * A.rows * A.cols * B.rows, alpha, bandsNT);
    },
    mulAT(C, A, B, alpha = 1) {
      const p = addresses(C, A, B);
      if (!p || A.rows === 0 || C.rows !== A.cols || C.cols !== B.cols || A.rows !== B.rows) return jsKernels.mulAT(C, A, B, alpha);
      const ints = [p[0], C.cols * 8, p[1], 8, A.cols * 8, p[2], B.cols * 8, A.cols, A.rows, B.cols];
      product({ op: 'mm_nn', ints }, 2 * A.rows * A.cols * B.cols, alpha, bandsNN);
    },
    addColumn(Z, b) {
      const p = addresses(Z, b);
      if (!p) return jsKernels.addColumn(Z, b);
      k.add_column(p[0], p[1], Z.rows, Z.cols);
    },
    sumColumns(s, M, alpha) {
      const p = addresses(s, M);
      if (!p) return jsKernels.sumColumns(s, M, alpha);
      k.sum_columns(p[0], p[1], M.rows, M.cols, alpha);
    },
    axpy(Y, alpha, X) {
      const p = addresses(Y, X);
      if (!p) return jsKernels.axpy(Y, alpha, X);
      k.axpy(p[0], p[0], p[1], size(Y), alpha);
    },
    sub(C, A, B) {
      const p = addresses(C, A, B);
      if (!p) return jsKernels.sub(C, A, B);
      k.sub(p[0], p[1], p[2], size(C));
    },
    moment(V, beta, D) {
      const p = addresses(V, D);
      if (!p) return jsKernels.moment(V, beta, D);
      k.moment(p[0], p[0], p[1], size(V), beta);
    },
    moment2(S, beta, D) {
      const p = addresses(S, D);
      if (!p) return jsKernels.moment2(S, beta, D);
      k.moment2(p[0], p[0], p[1], size(S), beta);
    },
    rescaledStep(theta, alpha, V, S, c1, c2, epsilon) {
      const p = addresses(theta, V, S);
      if (!p) return jsKernels.rescaledStep(theta, alpha, V, S, c1, c2, epsilon);
      k.rescaled_step(p[0], p[0], p[1], p[2], size(theta), alpha, c1, c2, epsilon);
    },
    mask(out, A, D, keepProb) {
      const p = addresses(out, A, D);
      if (!p) return jsKernels.mask(out, A, D, keepProb);
      k.mask(p[0], p[1], p[2], size(A), keepProb);
    },
    hadamard(out, A, B, C) {
      const p = addresses(out, A, B, ...(C ? [C] : []));
      if (!p) return jsKernels.hadamard(out, A, B, C);
      if (C) k.hadamard_add(p[0], p[3], p[1], p[2], size(A));
      else k.hadamard(p[0], p[1], p[2], size(A));
    },
    sumSquares(M) {
      const p = addresses(M);
      if (!p) return jsKernels.sumSquares(M);
      return k.sum_squares(p[0], size(M));
    },
    // g's exports are the kernel its record names (activations.ts `wasm`); the slope is leaky_relu's, and the
    // others' exports take no such argument (WebAssembly drops extra arguments).
    activate(g: Activation, Z, A) {
      const p = addresses(Z, A);
      const how = activationKind(g).wasm;
      if (!p || !how) return jsKernels.activate(g, Z, A);
      const [z, a] = p;
      const forward = how.kernel as keyof KernelExports;
      if (how.per === 'column') return (k[forward] as PerColumn)(z, a, columns(Z.cols), Z.rows, Z.cols);
      return (k[forward] as PerEntry)(a, z, size(Z), slopeOf(g));
    },
    backward(g: Activation, Z, A, dA, dZ) {
      const p = addresses(Z, A, dA, dZ);
      const how = activationKind(g).wasm;
      if (!p || !how) return jsKernels.backward(g, Z, A, dA, dZ);
      const [z, a, da, dz] = p;
      const backward = `${how.kernel}_backward` as keyof KernelExports;
      if (how.per === 'column') return (k[backward] as PerColumnBackward)(dz, a, da, columns(A.cols), A.rows, A.cols);
      return (k[backward] as PerEntryBackward)(dz, da, how.backwardFrom === 'a' ? a : z, size(Z), slopeOf(g));
    },
    im2col(cols, A, g) {
      const p = addresses(cols, A);
      if (!p) return jsKernels.im2col(cols, A, g);
      k.im2col(p[0], p[1], ...gridArgs(g));
    },
    col2im(dA, dcols, g) {
      const p = addresses(dA, dcols);
      if (!p) return jsKernels.col2im(dA, dcols, g);
      k.col2im(p[0], p[1], ...gridArgs(g));
    },
    pool(max, A, Aprev, g) {
      const p = addresses(A, Aprev);
      if (!p) return jsKernels.pool(max, A, Aprev, g);
      (max ? k.pool_max : k.pool_avg)(p[0], p[1], ...gridArgs(g));
    },
    poolBackward(max, dAprev, dA, Aprev, g) {
      const p = addresses(dAprev, dA, Aprev);
      if (!p) return jsKernels.poolBackward(max, dAprev, dA, Aprev, g);
      (max ? k.pool_max_backward : k.pool_avg_backward)(p[0], p[1], p[2], ...gridArgs(g));
    },
    depthwise(Z, A, W, g) {
      const p = addresses(Z, A, W);
      if (!p) return jsKernels.depthwise(Z, A, W, g);
      k.depthwise(p[0], p[1], p[2], ...gridArgs(g));
    },
    depthwiseFilters(dW, A, dZ, g, alpha) {
      const p = addresses(dW, A, dZ);
      if (!p) return jsKernels.depthwiseFilters(dW, A, dZ, g, alpha);
      k.depthwise_filters(p[0], p[1], p[2], ...gridArgs(g), alpha);
    },
    depthwiseInput(dA, dZ, W, g) {
      const p = addresses(dA, dZ, W);
      if (!p) return jsKernels.depthwiseInput(dA, dZ, W, g);
      k.depthwise_input(p[0], p[1], p[2], ...gridArgs(g));
    },
    // one pass over A[l−1] each way: the TypeScript kernels' (engine/channelMeans.ts) on the heap's data
    channelMeans: jsKernels.channelMeans,
    channelMeansBackward: jsKernels.channelMeansBackward,
    transpose(out, M) {
      const p = addresses(out, M);
      if (!p) return jsKernels.transpose(out, M);
      k.transpose(p[0], p[1], M.rows, M.cols);
    },
    addRow(Z, b) {
      const p = addresses(Z, b);
      if (!p) return jsKernels.addRow(Z, b);
      k.add_row(p[0], p[1], Z.rows, Z.cols);
    },
    sumRows(s, M, alpha) {
      const p = addresses(s, M);
      if (!p) return jsKernels.sumRows(s, M, alpha);
      k.sum_rows(p[0], p[1], M.rows, M.cols, alpha);
    },
    // the loss's record names its kernel (core/layers/losses/ `wasm`)
    cost(loss, ZL, AL, Y) {
      const p = addresses(ZL, AL, Y);
      const how = lossKind(loss).wasm;
      if (!p || !how) return fallbackCost(loss, ZL, AL, Y);
      const [z, a, y] = p;
      const m = Y.cols;
      if (how.per === 'column') {
        const s = columns(m);
        return (k[how.kernel as keyof KernelExports] as ColumnTotal)(z, y, s, s + 8 * m, Y.rows, m) / m;
      }
      const sum = (k[how.kernel as keyof KernelExports] as EntryTotal)(how.from === 'z' ? z : a, y, size(Y));
      return sum / (how.over === 'm' ? m : 2 * m);
    },
  };
}
