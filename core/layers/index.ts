// Every layer kind, by name: the one table that maps a LayerSpec to the module that knows it.

import { networkBody, type Activation, type LayerKindName, type LayerSpec, type NetworkSpec } from '../foundation/model';
import { concat } from './concat';
import type { GroupKind } from './group';
import { residual } from './residual';
import { foldTree, type GroupSpec } from './tree';
import { conv2d } from './conv2d';
import { dense } from './dense';
import { depthwiseConv2d } from './depthwiseConv2d';
import { embedding } from './embedding';
import { flatten } from './flatten';
import { layerNorm } from './layerNorm';
import { rnn } from './rnn';
import { positionalEncoding } from './positionalEncoding';
import { selfAttention } from './selfAttention';
import type { LayerDescription } from './describe';
import { parameterKey, type LayerEngine } from './engine';
import { globalAvgPool } from './globalAvgPool';
import { gru } from './gru';
import { lstm } from './lstm';
import { parameterCount, type LayerKind } from './kind';
import { avgPool, maxPool } from './pool';
import { courseParameters, sequence, tokens, vector, volume, type LayerShapes, type Shape } from './shape';

/** The spec type whose `kind` may be K (PoolSpec for both pools). */
type SpecOf<K extends LayerKindName> = LayerSpec extends infer S ? (S extends LayerSpec ? (K extends S['kind'] ? S : never) : never) : never;

/** The kinds the language is born with: the type system checks that each spec kind has its module. */
const BUILT_IN: { [K in LayerKindName]: LayerKind<SpecOf<K>> } = {
  dense,
  conv2d,
  max_pool: maxPool,
  avg_pool: avgPool,
  flatten,
  layer_norm: layerNorm,
  positional_encoding: positionalEncoding,
  self_attention: selfAttention,
  global_avg_pool: globalAvgPool,
  depthwise_conv2d: depthwiseConv2d,
  lstm,
  gru,
  rnn,
  embedding,
};

const KINDS = new Map<string, LayerKind>(Object.entries(BUILT_IN) as [string, LayerKind][]);

/**
 * Every layer kind, in the order hover, completion and the docs list them: the built-in ones, then
 * those registered at run time (registerKind appends to this same array, so readers stay current).
 */
export const LAYER_KINDS: readonly LayerKind[] = [...KINDS.values()];

const listeners: ((kind: LayerKind) => void)[] = [];

/**
 * Calls `listener` with every kind registered from now on: the language's keyword lists and docs,
 * derived from the kinds once at load, add the new kind's entries this way.
 */
export function onKindRegistered(listener: (kind: LayerKind) => void): void {
  listeners.push(listener);
}

/**
 * Adds a layer kind at run time (issue 19 item 5): from then on the parser reads its statement by
 * its form, the checker builds its spec, and the engine, hover, completion, the formatter, the
 * grammar and both exporters take it like a built-in kind. A keyword already taken is an error.
 */
export function registerKind<S extends { kind: string }>(kind: LayerKind<S>): void {
  if (KINDS.has(kind.kind)) throw new Error(`a layer kind named \`${kind.kind}\` is already registered`);
  const record = kind as unknown as LayerKind;
  KINDS.set(record.kind, record);
  (LAYER_KINDS as LayerKind[]).push(record);
  for (const listener of listeners) listener(record);
}

/** Whether `name` is a layer kind's (`dense`, `conv2d`, `max_pool`, `avg_pool`, `flatten`, or a registered one). */
export function isLayerKind(name: string): name is LayerKindName {
  return KINDS.has(name);
}

/** The record of the kind whose keyword is `name`, if any. */
export function kindNamed(name: string): LayerKind | undefined {
  return KINDS.get(name);
}

/** The module of `spec`'s kind. */
export function kindOf<S extends LayerSpec>(spec: S): LayerKind<S> {
  return KINDS.get(spec.kind) as unknown as LayerKind<S>;
}

/** The keywords of the kinds that may end a network (spec §8), for messages: `dense`. */
export function outputKinds(): string[] {
  return LAYER_KINDS.filter((k) => k.asOutput).map((k) => k.kind);
}

/** n[L] and g[L] of a checked network's output layer, as its kind gives them (spec §8). */
export function outputOf(spec: NetworkSpec): { units: number; activation: Activation } {
  const last = spec.layers[spec.layers.length - 1];
  const out = last && kindOf(last).asOutput?.(last);
  if (!out) throw new Error(`the last layer of network ${spec.name} must be ${outputKinds().join(' or ')}`);
  return out;
}

/**
 * A[0]'s shape: the image volume of `input (N_H, N_W, N_C)`, the sequence or tokens of spec §14, else
 * a vector of n[0]. The language's NetworkInfo has the same fields, so hover and `nn/shapes` ask this too.
 */
export function inputShape(spec: Pick<NetworkSpec, 'inputSize' | 'image' | 'sequence' | 'tokens'>): Shape {
  if (spec.image) return volume(spec.image.n_H, spec.image.n_W, spec.image.n_C);
  if (spec.sequence) return sequence(spec.sequence.n, spec.sequence.T);
  if (spec.tokens) return tokens(spec.tokens.T, spec.tokens.V);
  return vector(spec.inputSize);
}


/** The record of a group of the tree (residual.ts, concat.ts): the one place that maps a group to its module. */
export function groupKindOf<N extends GroupSpec>(node: N): GroupKind<N> {
  const kinds: { [K in GroupSpec['kind']]: GroupKind<Extract<GroupSpec, { kind: K }>> } = { residual, concat };
  return kinds[node.kind] as unknown as GroupKind<N>;
}

/**
 * The shapes of every layer of a network the checker has accepted (so every layer has an output),
 * index l − 1. Each layer's input is what its place in the tree gives it (spec §12): the previous
 * statement's output, or a group's input for the first layer of a body, shortcut or branch.
 * Throws on a network it would have refused.
 */
export function networkShapes(spec: NetworkSpec): LayerShapes[] {
  const shapes: LayerShapes[] = [];
  foldTree(networkBody(spec), inputShape(spec), {
    layer: (l, input) => {
      const layer = spec.layers[l - 1];
      const kind = kindOf(layer);
      const { output } = kind.output(layer, input);
      if (!output) throw new Error(`layer ${l} of network ${spec.name} has no output shape`);
      shapes[l - 1] = layerShapesOf(l, layer, input, output);
      return output;
    },
    group: (node, _input, parts) => groupKindOf(node).output(node, parts),
  });
  return shapes;
}

/**
 * Layer l's shapes between A[l−1] and A[l]: its kind's named parameters (no engine is built), the
 * course's W[l], b[l], γ[l] among them and the count of their entries.
 */
export function layerShapesOf(l: number, spec: LayerSpec, input: Shape, output: Shape): LayerShapes {
  const named = kindOf(spec).parameters(spec, input);
  const parameters = courseParameters(named);
  return { l, spec, input, output, named, ...(parameters && { parameters }), params: parameterCount(named) };
}

/** What hover, inlay hints and `nn shapes` say about one layer, as its kind explains it (describe.ts). */
export function describeLayer(shapes: LayerShapes): LayerDescription {
  return kindOf(shapes.spec).describe(shapes.spec, shapes);
}

/** A layer's shapes with its engine part (engine.ts) and its initialisation fan-in. */
export interface EngineLayer extends LayerShapes {
  engine: LayerEngine;
  fanIn: number;
}

/** Every layer of a checked network with what the engine runs for it (index l − 1). */
export function engineLayers(spec: NetworkSpec): EngineLayer[] {
  return networkShapes(spec).map((shapes) => {
    const kind = kindOf(shapes.spec);
    return { ...shapes, engine: kind.engine(shapes.spec, shapes.input, shapes.output), fanIn: kind.fanIn(shapes.spec, shapes.input) };
  });
}

/**
 * Every named parameter of a checked network, in the order of the weights file (l, then the kind's
 * order): its key (`gamma3`), its shape as the file writes it and, for state that is not trained
 * (running statistics), the value it starts at when a file leaves it out (spec §13).
 */
export function weightEntries(spec: NetworkSpec): Array<{ key: string; shape: readonly number[]; fill?: number }> {
  return layerWeightEntries(networkShapes(spec));
}

/**
 * weightEntries of layers known by their spec and input (the checker's, before a NetworkSpec exists),
 * from what each kind declares: its trained parameters, then its state. No engine is built.
 */
export function layerWeightEntries(layers: ReadonlyArray<Pick<LayerShapes, 'l' | 'spec' | 'input'>>): Array<{ key: string; shape: readonly number[]; fill?: number }> {
  return layers.flatMap(({ l, spec, input }) => {
    const kind = kindOf(spec);
    return [
      ...kind.parameters(spec, input).map(({ name, shape }) => ({ key: parameterKey(name, l), shape })),
      ...(kind.state?.(spec, input) ?? []).map(({ name, shape, fill }) => ({ key: parameterKey(name, l), shape, fill })),
    ];
  });
}

export type { Dims, LayerEngine, LayerPass, ParameterInit, ParameterSpec, TimeTrace } from './engine';
export type { GroupEngine, GroupKind, GroupPass, PartGradient } from './group';
export { foldTree, partsOf, type GroupSpec, type TreeFold } from './tree';
export { parameterKey, parseParameterKey, weightAndBias } from './engine';
export type { LayerForm, LayerKind, LayerParts } from './kind';
export { activationText, parameterCount, size } from './kind';
export * from './shape';
export { concatOutput, type ConcatIssue } from './concat';
export { projection, residualOutput } from './residual';
export { BATCH_NORM_EPSILON, NORMS, normalizedValues } from './batchNorm';
export { RETURNS, returnOf, type ReturnName } from './returns';
