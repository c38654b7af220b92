// `conv2d N_C ACT f: F stride: S pad: P` (spec §8): N_C filters of f × f × n_C[l−1].

import type { Matrix } from '../foundation/matrix';
import type { Activation } from '../foundation/model';
import { onnxActivation, torchActivation } from './activations';
import { outputRows, windowFormulas } from './describe';
import { trainedParameters, untrainedState, weight, type Dims, type LayerEngine, type LayerPass, type ParameterSpec } from './engine';
import { grid, reshape } from './grid';
import { batchNormEquations, batchNormRows, normOf, onnxBatchNorm, torchBatchNorm } from './batchNorm';
import type { NormName } from './batchNorm';
import { channelShift, channelShiftParameters } from './shift';
import { activationText, type LayerKind } from './kind';
import { int64, ints, join, volumeOf, windows, type LayerContext, type LayerGraph, type OnnxInitializer, type OnnxNode } from './onnxGraph';
import { features, windowed, type Shape } from './shape';

/** `conv2d N_C ACT f: F stride: S pad: P` with `same`/`valid` already resolved to p (spec §8). */
/** What a layer that slides an f × f filter over its input reads (conv2d, depthwise_conv2d; spec §8, §12). */
export interface FilterSpec {
  activation: Activation;
  f: number;
  stride: number;
  pad: number;
  /** `norm: batch` (spec §13): batch norm per channel between Z[l] and g */
  norm?: NormName;
}

export interface Conv2dSpec extends FilterSpec {
  kind: 'conv2d';
  /** n_C[l] */
  filters: number;
}

declare module '../foundation/model' {
  interface LayerSpecs {
    conv2d: Conv2dSpec;
  }
}

/** W[l] (f, f, n_C[l−1], n_C[l]), kept as (f·f·n_C[l−1], n_C[l]), then b[l] or batch norm's: the engine's list and the record's. */
function convParameters(spec: Conv2dSpec, n_Cprev: number): ParameterSpec[] {
  return [weight([spec.f * spec.f * n_Cprev, spec.filters], [spec.f, spec.f, n_Cprev, spec.filters]), ...channelShiftParameters(spec.norm, spec.filters)];
}

export const conv2d: LayerKind<Conv2dSpec> = {
  kind: 'conv2d',
  output: (spec, input) => windowed(input, spec.f, spec.pad, spec.stride, spec.filters),
  parameters: (spec, input) => (input.kind === 'volume' ? trainedParameters(convParameters(spec, input.n_C)) : []),
  state: (spec, input) => (input.kind === 'volume' ? untrainedState(convParameters(spec, input.n_C)) : []),
  /** f·f·n_C[l−1]: the inputs one filter sums over */
  fanIn: (spec, input) => (input.kind === 'volume' ? spec.f * spec.f * input.n_C : 0),
  engine: convEngine,
  hasZ: true,
  window: ({ f, stride, pad }) => ({ f, stride, pad }),
  form: {
    count: { field: 'filters', missing: 'the number of filters after `conv2d`, e.g. `conv2d 6 relu f: 5`', what: (l) => `the number of filters n_C[${l}]` },
    activation: { missing: (n) => `an activation after \`conv2d ${n}\`, e.g. \`conv2d ${n} relu f: 5\`` },
    options: ['f', 'stride', 'pad', 'norm'],
    requires: { f: 'f: 3' },
  },
  spec: ({ count, activation, options }) => {
    const { f, stride = 1, pad = 0 } = options;
    return { kind: 'conv2d', filters: count!, activation, f, stride, pad, ...normOf(options) };
  },
  insert: 'conv2d ${1:6} ${2|relu,tanh,leaky_relu,sigmoid,linear|} f: ${3:5}',
  syntax: 'conv2d N_C ACT f: F [stride: S] [pad: P | same | valid] [norm: batch]',
  doc: 'A convolution layer l: n_C[l] = N_C filters of f × f × n_C[l−1]. W[l] is (f, f, n_C[l−1], n_C[l]), b[l] is (1, 1, 1, n_C[l]), and Z[l], A[l] are (m, n_H[l], n_W[l], n_C[l]) with n_H[l] = ⌊(n_H[l−1] + 2p − f)/s⌋ + 1.',
  describe: (spec, shapes) => {
    const { l, input } = shapes;
    const n_C = input.kind === 'volume' ? input.n_C : 0;
    const C = (i: number) => `n_C[${i}]`;
    const F = spec.filters;
    // a normalized layer has no b[l]: β[l] replaces it (spec §13)
    const shift = spec.norm ? batchNormRows(shapes.output, l) : [{ names: ['b', 'db'], rule: `(1, 1, 1, ${C(l)})`, dims: [1, 1, 1, F], torch: [F] }];
    return {
      kind: spec.kind,
      summary: `${F} filter${F === 1 ? '' : 's'} · ${activationText(spec.activation)}${spec.norm ? ' · batch norm' : ''}`,
      rows: [
        { names: ['W', 'dW'], rule: `(f, f, ${C(l - 1)}, ${C(l)})`, dims: [spec.f, spec.f, n_C, F], torch: [F, n_C, spec.f, spec.f] },
        ...shift,
        outputRows(shapes, true),
      ],
      derivation: [...windowFormulas(input, spec.f, spec.pad, spec.stride, l), ...(spec.norm ? batchNormEquations(shapes.output, l) : [])],
      count: spec.norm
        ? `f·f·${C(l - 1)}·${C(l)} + 2·${C(l)} = ${spec.f}·${spec.f}·${n_C}·${F} + 2·${F}`
        : `f·f·${C(l - 1)}·${C(l)} + ${C(l)} = ${spec.f}·${spec.f}·${n_C}·${F} + ${F}`,
      params: shapes.params,
      fields: { filters: F, activation: spec.activation.name, f: spec.f, stride: spec.stride, pad: spec.pad, ...(spec.norm ? { norm: spec.norm } : {}) },
    };
  },
  // with batch norm, no b[l] and BatchNormalization on the running statistics before g (spec §13)
  onnx: (spec, ctx) => {
    const l = ctx.layer.l;
    const Z = spec.norm ? join(onnxConv(spec, ctx), onnxBatchNorm(l, `Z${l}`, `Ztilde${l}`, spec.filters, ctx.values)) : onnxConv(spec, ctx);
    return join(Z, onnxActivation(spec.activation, spec.norm ? `Ztilde${l}` : `Z${l}`, l, ctx.float64));
  },
  torch: (spec, { layer, name }) => {
    const conv = (bias: string) => `nn.Conv2d(${volumeOf(layer.input).C}, ${spec.filters}, ${spec.f}, stride=${spec.stride}, padding=${spec.pad}${bias})`;
    return {
      module: conv(''),
      ...(spec.norm ? torchBatchNorm(conv(', bias=False'), layer.output) : {}),
      forward: [`A = ${torchActivation(spec.activation, `self.${name}(A)`)}`],
    };
  },
};

/** (f, f, n_C[l−1], n_C[l]) row-major → ONNX Conv's (n_C[l], n_C[l−1], f, f). */
export function onnxFilters(W: Float64Array, f: number, cIn: number, cOut: number): Float64Array {
  const out = new Float64Array(W.length);
  for (let u = 0; u < f; u++) for (let v = 0; v < f; v++) for (let k = 0; k < cIn; k++) for (let c = 0; c < cOut; c++) {
    out[((c * cIn + k) * f + u) * f + v] = W[((u * f + v) * cIn + k) * cOut + c];
  }
  return out;
}

/**
 * Z[l] as ONNX: a Conv node in float32; in float64, which onnxruntime's CPU Conv does not run, each
 * window's inputs gathered by index (Gather) and then MatMul by W[l] as the engine keeps it.
 */
function onnxConv(spec: Conv2dSpec, { layer, input, float64, W, b, values }: LayerContext): LayerGraph {
  const l = layer.l;
  const Wl = W ?? values.W;
  // a batch-normalized layer has no b[l] (β replaces it, spec §13)
  const bias: OnnxInitializer[] = spec.norm ? [] : [{ name: `b${l}`, dims: [spec.filters], values: b ?? values.b }];
  const { C, H, W: Win } = volumeOf(layer.input);
  const { H: Hout, W: Wout } = volumeOf(layer.output);
  const { f, stride: s, pad: p, filters: Cout } = spec;
  if (!float64) {
    return {
      nodes: [{ op: 'Conv', inputs: [input, `W${l}`, ...bias.map((t) => t.name)], output: `Z${l}`,
        attributes: [ints('kernel_shape', [f, f]), ints('strides', [s, s]), ints('pads', [p, p, p, p])] }],
      initializers: [{ name: `W${l}`, dims: [Cout, C, f, f], values: onnxFilters(Wl, f, C, Cout) }, ...bias],
    };
  }
  const Hp = H + 2 * p, Wp = Win + 2 * p;
  // index of (k, h·s + u, w·s + v) in an example's padded C·Hp·Wp values, for each (h, w) and (u, v, k)
  const plane = windows(Hout, Wout, f, s, Wp);
  const index = plane.flatMap((at) => at.flatMap((q) => Array.from({ length: C }, (_, k) => k * Hp * Wp + q)));
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  let from = input;
  if (p > 0) {
    nodes.push({ op: 'Pad', inputs: [input, `pads${l}`], output: `padded${l}` });
    initializers.push(int64(`pads${l}`, [0, 0, p, p, 0, 0, p, p]));
    from = `padded${l}`;
  }
  nodes.push(
    { op: 'Reshape', inputs: [from, `rows${l}`], output: `flat${l}` },
    { op: 'Gather', inputs: [`flat${l}`, `windows${l}`], output: `windows_of${l}`, attributes: [{ name: 'axis', i: 1 }] },
    { op: 'MatMul', inputs: [`windows_of${l}`, `W${l}`], output: bias.length ? `WA${l}` : `Zp${l}` },
    ...(bias.length ? [{ op: 'Add', inputs: [`WA${l}`, `b${l}`], output: `Zp${l}` }] : []),
    { op: 'Transpose', inputs: [`Zp${l}`], output: `Zt${l}`, attributes: [ints('perm', [0, 2, 1])] },
    { op: 'Reshape', inputs: [`Zt${l}`, `volume${l}`], output: `Z${l}` },
  );
  initializers.push(
    int64(`rows${l}`, [0, C * Hp * Wp]),
    { name: `windows${l}`, dims: [Hout * Wout, f * f * C], values: Float64Array.from(index), int64: true },
    { name: `W${l}`, dims: [f * f * C, Cout], values: Wl }, // the editor's (f·f·n_C[l−1], n_C[l]) as it is
    ...bias,
    int64(`volume${l}`, [0, Cout, Hout, Wout]),
  );
  return { nodes, initializers };
}

/** Entries of one block of im2col columns: 256 KiB, so a block and its product stay in L2. */
const BLOCK_ENTRIES = 32768;

/**
 * Spec §8 "Math" as matrix products (docs/engine.md), a block of e examples at a time: im2col lays
 * every window of Apad[l−1] out as a row of cols (e·n_H·n_W, f·f·n_C[l−1]); then cols·W[l] are the
 * block's rows of Z[l], already (m, n_H, n_W, n_C) row-major, with W[l] the (f, f, n_C[l−1], n_C[l])
 * array as a (f·f·n_C[l−1], n_C[l]) matrix; b[l] is added to every row. Backward, per block (its
 * columns laid out again, cheaper than keeping m examples' worth, 25× A[l−1] for f = 5):
 * dW[l] += colsᵀ·dZ[l]/m, dcols = dZ[l]·W[l]ᵀ, and col2im adds each window's entries back into
 * dA[l−1] (overlaps add); db[l] = Σ_rows dZ[l]/m. Blocks keep cols in cache, where one im2col of the
 * whole batch (29 MB for LeNet's first layer at m = 256) made every product memory-bound.
 */
function convEngine(spec: Conv2dSpec, input: Shape, output: Shape): LayerEngine {
  const g = spec.activation;
  const at = grid(input, output, spec.f, spec.stride, spec.pad);
  const Q = conv2d.fanIn(spec, input); // f·f·n_C[l−1]: a row of cols, a row of W[l]
  const n_C = spec.filters;
  const P = features(output) / n_C; // n_H[l]·n_W[l]: positions, rows of cols per example
  // W[l] and b[l] (or γ[l], β[l] and the running statistics) as the course and the weights file write them
  const shift = channelShift(spec.norm, output);
  const e = Math.max(1, Math.floor(BLOCK_ENTRIES / (P * Q))); // examples per block
  /** rows i0…i0+n−1 of M seen as (n·per, width) */
  const block = (M: Matrix, i0: number, n: number, per: number, width: number): Matrix =>
    ({ rows: n * per, cols: width, data: M.data.subarray(i0 * per * width, (i0 + n) * per * width) });
  const inputBlock = (M: Matrix, i0: number, n: number): Matrix => block(M, i0, n, 1, features(input));
  /** Runs `body` for each block: its first example, size, and cols holding its windows */
  const blocks = (k: LayerPass['k'], m: number, Aprev: Matrix, cols: Matrix, body: (i0: number, n: number, c: Matrix) => void): void => {
    for (let i0 = 0; i0 < m; i0 += e) {
      const n = Math.min(e, m - i0);
      const c = reshape(cols, n * P, Q);
      k.im2col(c, inputBlock(Aprev, i0, n), at(n));
      body(i0, n, c);
    }
  };
  return {
    byRows: true,
    features: features(output),
    activation: g,
    keepProb: 1,
    parameters: convParameters(spec, Q / (spec.f * spec.f)),
    hasZ: true,
    // the shift's (batch norm's μ and σ²) come last, after the blocks' columns and their gradients
    scratch: (withGradients, first) => [[e * P, Q], ...(withGradients ? [[Q, n_C] as Dims] : []), ...(withGradients && !first ? [[e * P, Q] as Dims] : []),
      ...shift.scratch(withGradients)],
    perBatch: shift.perBatch,
    forward(pass) {
      const { k, m, W, Aprev, Z, A, scratch: [cols] } = pass;
      blocks(k, m, Aprev, cols, (i0, n, c) => k.mul(block(Z, i0, n, P, n_C), c, W));
      shift.forward(pass, Z);
      k.activate(g, Z, A);
    },
    backward(pass, output) {
      const { k, m, W, dW, Aprev, Z, A, dZ, dA, dAprev, scratch: [cols, part, dcols] } = pass;
      if (!output) k.backward(g, Z, A, dA, dZ);
      shift.backward(pass, dZ);
      blocks(k, m, Aprev, cols, (i0, n, c) => {
        const dZb = block(dZ, i0, n, P, n_C);
        if (i0 === 0) k.mulAT(dW, c, dZb, 1 / m);
        else {
          k.mulAT(part, c, dZb, 1 / m);
          k.axpy(dW, 1, part);
        }
        if (!dAprev) return;
        const dc = reshape(dcols, n * P, Q);
        k.mulBT(dc, dZb, W);
        k.col2im(inputBlock(dAprev, i0, n), dc, at(n));
      });
    },
  };
}
