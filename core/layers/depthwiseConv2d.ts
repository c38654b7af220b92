// `depthwise_conv2d ACT f: F stride: S pad: P` (spec §12, MobileNet): one f × f filter per input
// channel, n_C[l] = n_C[l−1]. With a 1×1 conv2d after it, the pair is MobileNet's depthwise-separable
// convolution: f·f·n_C + n_C·n_C' multiplies per position where a conv2d takes f·f·n_C·n_C'.

import { onnxActivation, torchActivation } from './activations';
import { batchNormEquations, batchNormRows, normOf, onnxBatchNorm, torchBatchNorm } from './batchNorm';
import { onnxFilters, type FilterSpec } from './conv2d';
import { outputRows, windowFormulas } from './describe';
import { trainedParameters, untrainedState, weight, type LayerEngine, type ParameterSpec } from './engine';
import { grid } from './grid';
import { activationText, type LayerKind } from './kind';
import { int64, join, ints, volumeOf, windows, type LayerContext, type LayerGraph } from './onnxGraph';
import { features, windowed, type Shape } from './shape';
import { channelShift, channelShiftParameters } from './shift';

/** n_C[l−1] = n_C[l]: the channels, each with its own filter */
const channels = (input: Shape): number => (input.kind === 'volume' ? input.n_C : 0);

/** `depthwise_conv2d ACT f: F stride: S pad: P` (spec §12): one f × f filter per channel, n_C[l] = n_C[l−1]. */
export interface DepthwiseConv2dSpec extends FilterSpec {
  kind: 'depthwise_conv2d';
}

declare module '../foundation/model' {
  interface LayerSpecs {
    depthwise_conv2d: DepthwiseConv2dSpec;
  }
}

/** W[l] (f, f, 1, n_C), kept as (f·f, n_C), then b[l] or batch norm's per channel: the engine's list and the record's. */
function depthwiseParameters(spec: DepthwiseConv2dSpec, C: number): ParameterSpec[] {
  return [weight([spec.f * spec.f, C], [spec.f, spec.f, 1, C]), ...channelShiftParameters(spec.norm, C)];
}

export const depthwiseConv2d: LayerKind<DepthwiseConv2dSpec> = {
  kind: 'depthwise_conv2d',
  output: (spec, input) => windowed(input, spec.f, spec.pad, spec.stride, channels(input)),
  parameters: (spec, input) => (input.kind === 'volume' ? trainedParameters(depthwiseParameters(spec, input.n_C)) : []),
  state: (spec, input) => (input.kind === 'volume' ? untrainedState(depthwiseParameters(spec, input.n_C)) : []),
  /** f·f: the inputs one filter sums over (its own channel only) */
  fanIn: (spec) => spec.f * spec.f,
  engine: depthwiseEngine,
  hasZ: true,
  window: ({ f, stride, pad }) => ({ f, stride, pad }),
  form: {
    activation: { missing: () => 'an activation after `depthwise_conv2d`, e.g. `depthwise_conv2d relu f: 3`' },
    options: ['f', 'stride', 'pad', 'norm'],
    requires: { f: 'f: 3' },
  },
  // norm only when written, so a layer without it has the spec it always had
  spec: ({ activation, options }) => {
    const { f, stride = 1, pad = 0 } = options;
    return { kind: 'depthwise_conv2d', activation, f, stride, pad, ...normOf(options) };
  },
  insert: 'depthwise_conv2d ${1|relu,tanh,leaky_relu,sigmoid,linear|} f: ${2:3}',
  syntax: 'depthwise_conv2d ACT f: F [stride: S] [pad: P | same | valid] [norm: batch]',
  doc: 'A depthwise convolution layer l (MobileNet): one f × f filter per channel, each seeing its own channel only, so n_C[l] = n_C[l−1]. W[l] is (f, f, 1, n_C[l−1]), b[l] is (1, 1, 1, n_C[l−1]), Z[l], A[l] are (m, n_H[l], n_W[l], n_C[l]); as PyTorch `Conv2d(n_C, n_C, f, groups=n_C)`. A 1×1 `conv2d` after it mixes the channels: a depthwise-separable convolution.',
  describe: (spec, shapes) => {
    const { l, input, output } = shapes;
    const C = channels(input);
    const k = l - 1;
    // a normalized layer has no b[l]: β[l] replaces it (spec §13)
    const shift = spec.norm ? batchNormRows(output, l) : [{ names: ['b', 'db'], rule: `(1, 1, 1, n_C[${k}])`, dims: [1, 1, 1, C], torch: [C] }];
    const plus = spec.norm ? '' : ` + b[${l}][0, 0, 0, c]`;
    return {
      kind: spec.kind,
      summary: `one ${spec.f}×${spec.f} filter per channel · ${activationText(spec.activation)}${spec.norm ? ' · batch norm' : ''}`,
      rows: [
        // PyTorch's grouped Conv2d keeps W[l] as (n_C, 1, f, f)
        { names: ['W', 'dW'], rule: `(f, f, 1, n_C[${k}])`, dims: [spec.f, spec.f, 1, C], torch: [C, 1, spec.f, spec.f] },
        ...shift,
        outputRows(shapes, true),
      ],
      derivation: [
        ...windowFormulas(input, spec.f, spec.pad, spec.stride, l),
        `n_C[${l}] = n_C[${k}] = ${C}`,
        `Z[${l}][i, h, w, c] = Σ_u,v W[${l}][u, v, 0, c]·Apad[${k}][i, h·s + u, w·s + v, c]${plus}`,
        `PyTorch: Conv2d(${C}, ${C}, ${spec.f}, groups=${C})`,
        ...(spec.norm ? batchNormEquations(output, l) : []),
      ],
      count: spec.norm
        ? `f·f·n_C[${k}] + 2·n_C[${k}] = ${spec.f}·${spec.f}·${C} + 2·${C}`
        : `f·f·n_C[${k}] + n_C[${k}] = ${spec.f}·${spec.f}·${C} + ${C}`,
      params: shapes.params,
      fields: { activation: spec.activation.name, f: spec.f, stride: spec.stride, pad: spec.pad, ...(spec.norm ? { norm: spec.norm } : {}) },
    };
  },
  // with batch norm, no b[l] and BatchNormalization on the running statistics before g (spec §13)
  onnx: (spec, ctx) => {
    const l = ctx.layer.l;
    const Z = spec.norm ? join(onnxDepthwise(spec, ctx), onnxBatchNorm(l, `Z${l}`, `Ztilde${l}`, channels(ctx.layer.input), ctx.values)) : onnxDepthwise(spec, ctx);
    return join(Z, onnxActivation(spec.activation, spec.norm ? `Ztilde${l}` : `Z${l}`, l, ctx.float64));
  },
  torch: (spec, { layer, name }) => {
    const C = channels(layer.input);
    const conv = (bias: string) => `nn.Conv2d(${C}, ${C}, ${spec.f}, stride=${spec.stride}, padding=${spec.pad}, groups=${C}${bias})`;
    return {
      module: conv(''),
      ...(spec.norm ? torchBatchNorm(conv(', bias=False'), layer.output) : {}),
      forward: [`A = ${torchActivation(spec.activation, `self.${name}(A)`)}`],
    };
  },
};

/**
 * Z[l] as ONNX: a grouped Conv (group = n_C) in float32; in float64, which onnxruntime's CPU Conv
 * does not run, each channel's windows gathered by index into (batch, n_C, positions, f·f) and
 * multiplied by that channel's filter as a (n_C, f·f, 1) batch of MatMuls. Without b[l] when the
 * layer is batch-normalized (β[l] replaces it, spec §13).
 */
function onnxDepthwise(spec: DepthwiseConv2dSpec, { layer, input, float64, W, b, values }: LayerContext): LayerGraph {
  const l = layer.l;
  const { C, H, W: Win } = volumeOf(layer.input);
  const { H: Hout, W: Wout } = volumeOf(layer.output);
  const { f, stride: s, pad: p } = spec;
  // (f, f, 1, n_C) row-major → (n_C, 1, f, f): each channel's f·f entries together
  const filters = onnxFilters(W ?? values.W, f, 1, C);
  const bias = spec.norm ? undefined : b ?? values.b;
  if (!float64) {
    return {
      nodes: [{ op: 'Conv', inputs: [input, `W${l}`, ...(bias ? [`b${l}`] : [])], output: `Z${l}`,
        attributes: [ints('kernel_shape', [f, f]), ints('strides', [s, s]), ints('pads', [p, p, p, p]), { name: 'group', i: C }] }],
      initializers: [{ name: `W${l}`, dims: [C, 1, f, f], values: filters }, ...(bias ? [{ name: `b${l}`, dims: [C], values: bias }] : [])],
    };
  }
  const Hp = H + 2 * p, Wp = Win + 2 * p;
  const pad = p > 0;
  return {
    nodes: [
      ...(pad ? [{ op: 'Pad', inputs: [input, `pads${l}`], output: `padded${l}` }] : []),
      { op: 'Reshape', inputs: [pad ? `padded${l}` : input, `planes${l}`], output: `flat${l}` },
      { op: 'Gather', inputs: [`flat${l}`, `windows${l}`], output: `windows_of${l}`, attributes: [{ name: 'axis', i: 2 }] },
      { op: 'MatMul', inputs: [`windows_of${l}`, `W${l}`], output: `WA${l}` },
      { op: 'Reshape', inputs: [`WA${l}`, `volume${l}`], output: bias ? `WAv${l}` : `Z${l}` },
      ...(bias ? [{ op: 'Add', inputs: [`WAv${l}`, `b${l}`], output: `Z${l}` }] : []),
    ],
    initializers: [
      ...(pad ? [int64(`pads${l}`, [0, 0, p, p, 0, 0, p, p])] : []),
      int64(`planes${l}`, [0, C, Hp * Wp]),
      { name: `windows${l}`, dims: [Hout * Wout, f * f], values: Float64Array.from(windows(Hout, Wout, f, s, Wp).flat()), int64: true },
      { name: `W${l}`, dims: [C, f * f, 1], values: filters },
      int64(`volume${l}`, [0, C, Hout, Wout]),
      ...(bias ? [{ name: `b${l}`, dims: [C, 1, 1], values: bias }] : []),
    ],
  };
}

/**
 * Spec §12's depthwise convolution on the kernels (engine/depthwise.ts, wasm/depthwise.wat.mjs):
 * Z[l] = the per-channel window sums, then b[l] added to every position; backward
 * dW[l] = (1/m)·Σ Apad·dZ per channel (the network adds L2's (λ/m)·W[l]), db[l] = (1/m)·Σ dZ, and dA[l−1]
 * gathers W[l]·dZ[l] back through the windows. W[l] is kept as (f·f, n_C), its (f, f, 1, n_C) rows.
 */
function depthwiseEngine(spec: DepthwiseConv2dSpec, input: Shape, output: Shape): LayerEngine {
  const g = spec.activation;
  const at = grid(input, output, spec.f, spec.stride, spec.pad);
  const C = channels(input);
  // b[l] (or γ[l], β[l] and the running statistics) per channel, as the course and the weights file write it
  const shift = channelShift(spec.norm, output);
  return {
    byRows: true,
    features: features(output),
    activation: g,
    keepProb: 1,
    parameters: depthwiseParameters(spec, C),
    hasZ: true,
    scratch: (withGradients) => shift.scratch(withGradients),
    perBatch: shift.perBatch,
    forward(pass) {
      const { k, m, W, Aprev, Z, A } = pass;
      k.depthwise(Z, Aprev, W, at(m));
      shift.forward(pass, Z);
      k.activate(g, Z, A);
    },
    backward(pass, output) {
      const { k, m, W, dW, Aprev, Z, A, dZ, dA, dAprev } = pass;
      if (!output) k.backward(g, Z, A, dA, dZ);
      shift.backward(pass, dZ);
      k.depthwiseFilters(dW, Aprev, dZ, at(m), 1 / m);
      if (dAprev) k.depthwiseInput(dAprev, dZ, W, at(m));
    },
  };
}
