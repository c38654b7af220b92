// `max_pool f: F stride: S` and `avg_pool …` (spec §8): per channel, no padding, no parameters.

import { outputRows, windowFormulas } from './describe';
import type { LayerEngine } from './engine';
import { grid } from './grid';
import type { LayerKind } from './kind';
import { int64, ints, volumeOf, windows, type LayerContext, type LayerGraph } from './onnxGraph';
import { parameterFree } from './parameterFree';
import { features, windowed, type Shape } from './shape';

/** `max_pool f: F stride: S` / `avg_pool …`: per channel, no padding, stride default f. */
export interface PoolSpec {
  kind: 'max_pool' | 'avg_pool';
  f: number;
  stride: number;
}

declare module '../foundation/model' {
  interface LayerSpecs {
    max_pool: PoolSpec;
    avg_pool: PoolSpec;
  }
}

/** What tells the two pools apart: max or mean, in words and in each target's name. */
interface Pooling {
  max: boolean;
  /** `max`, `mean` */
  word: string;
  onnx: 'MaxPool' | 'AveragePool';
  torch: string;
}

function pool(kind: PoolSpec['kind'], how: Pooling): LayerKind<PoolSpec> {
  return {
    kind,
    output: (spec, input) => windowed(input, spec.f, 0, spec.stride, input.kind === 'volume' ? input.n_C : 0),
    parameters: () => [],
    fanIn: () => 0,
    engine: (spec, input, output) => poolEngine(how.max, spec, input, output),
    hasZ: true,
    window: ({ f, stride }) => ({ f, stride, pad: 0 }),
    // the stride defaults to f: completion starts from the usual 2 of a 2×2 pool
    form: { options: ['f', 'stride'], requires: { f: 'f: 2' }, snippets: { stride: 'stride: ${1:2}' } },
    // non-overlapping windows unless a stride is written (spec §8)
    spec: ({ options: { f, stride = f } }) => ({ kind, f, stride }),
    insert: `${kind} f: \${1:2}`,
    syntax: `${kind} f: F [stride: S]`,
    doc: `${how.max ? 'Max' : 'Average'} pooling per channel: each output is the ${how.max ? 'largest value' : 'mean'} of its f × f window. No padding, stride defaults to f, no parameters; n_C[l] = n_C[l−1].`,
    describe: (spec, shapes) => ({
      kind,
      summary: `${how.word} of each ${spec.f}×${spec.f} window`,
      rows: [outputRows(shapes, false)],
      derivation: [...windowFormulas(shapes.input, spec.f, 0, spec.stride, shapes.l), `n_C[${shapes.l}] = n_C[${shapes.l - 1}] = ${volumeOf(shapes.input).C}`],
      params: 0,
      fields: { f: spec.f, stride: spec.stride },
    }),
    onnx: (spec, ctx) => onnxPool(how.onnx, spec, ctx),
    torch: (spec, { name }) => ({ module: `nn.${how.torch}(${spec.f}, stride=${spec.stride})`, forward: [`A = self.${name}(A)`] }),
  };
}

/**
 * A pool as MaxPool / AveragePool; in float64, which onnxruntime's CPU AveragePool does not run, an
 * average pool as ReduceMean over windows gathered by index.
 */
function onnxPool(op: Pooling['onnx'], spec: PoolSpec, { layer, input, float64 }: LayerContext): LayerGraph {
  const l = layer.l;
  if (op === 'MaxPool' || !float64) {
    return { nodes: [{ op, inputs: [input], output: `A${l}`, attributes: [ints('kernel_shape', [spec.f, spec.f]), ints('strides', [spec.stride, spec.stride])] }], initializers: [] };
  }
  const { C, H, W } = volumeOf(layer.input);
  const { H: Hout, W: Wout } = volumeOf(layer.output);
  const plane = windows(Hout, Wout, spec.f, spec.stride, W);
  return {
    nodes: [
      { op: 'Reshape', inputs: [input, `planes${l}`], output: `flat${l}` },
      { op: 'Gather', inputs: [`flat${l}`, `windows${l}`], output: `windows_of${l}`, attributes: [{ name: 'axis', i: 2 }] },
      { op: 'ReduceMean', inputs: [`windows_of${l}`], output: `means${l}`, attributes: [ints('axes', [3]), { name: 'keepdims', i: 0 }] },
      { op: 'Reshape', inputs: [`means${l}`, `volume${l}`], output: `A${l}` },
    ],
    initializers: [
      int64(`planes${l}`, [0, C, H * W]),
      { name: `windows${l}`, dims: [Hout * Wout, spec.f * spec.f], values: Float64Array.from(plane.flat()), int64: true },
      int64(`volume${l}`, [0, C, Hout, Wout]),
    ],
  };
}

/**
 * A[l] = max (or mean) of each window, per channel; backward hands each window's dA[l] to its first
 * maximum in row-major order (max) or ÷ f² to every entry (avg); overlapping windows add up. No
 * activation: Z[l] is A[l] and dZ[l] is dA[l].
 */
function poolEngine(max: boolean, spec: PoolSpec, input: Shape, output: Shape): LayerEngine {
  const at = grid(input, output, spec.f, spec.stride, 0);
  return parameterFree(features(output), {
    forward: ({ k, m, Aprev, A }) => k.pool(max, A, Aprev, at(m)),
    backward: ({ k, m, Aprev, dA }, dAprev) => k.poolBackward(max, dAprev, dA, Aprev, at(m)),
  }, true);
}

export const maxPool = pool('max_pool', { max: true, word: 'max', onnx: 'MaxPool', torch: 'MaxPool2d' });
export const avgPool = pool('avg_pool', { max: false, word: 'mean', onnx: 'AveragePool', torch: 'AvgPool2d' });
