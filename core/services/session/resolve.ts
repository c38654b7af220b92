// A job's network, resolved once when the job arrives (issue 19 item 3). The thread takes the spec
// the checker resolved — the language server's `nn/networks` answer, or the CLI's own analysis — as
// plain data, and does not write it back as `.nn` text to check it again: the checker's value rules
// live in the checker alone. What the thread does make of it, once and before any data is loaded or
// buffer allocated, is the layers' shapes by the kinds' own rules (core/layers), the rules the
// engine's memory footprint and the weights' keys build on: a spec no checker could have made (a
// kind that is not registered, a layer without an output, a dimension that is not a whole number
// ≥ 1) ends in a sentence, never in the engine allocating from a bad shape.

import { networkBody, type NetworkSpec } from '../../foundation/model';
import { foldTree, isLayerKind, networkShapes, type LayerShapes } from '../../layers';
import { ACTIVATION_KINDS } from '../../layers/activations';
import { describeValue } from '../protocol';
import { dimensions } from '../../layers/shape';

export interface ResolvedNetwork {
  spec: NetworkSpec;
  /** l = 1…L: A[l−1], A[l] and W[l], b[l]'s shapes */
  layers: LayerShapes[];
}

/** The network with its shapes, or why it is not one the checker resolved. */
export function resolveNetwork(spec: NetworkSpec): ResolvedNetwork | string {
  const unknown = spec.layers.map(namesOf).find((problem) => problem !== undefined);
  if (unknown) return `the network is not one the checker resolved: ${unknown}`;
  const order = treeOrder(spec);
  if (order) return `the network is not one the checker resolved: ${order}`;
  let layers: LayerShapes[];
  try {
    layers = networkShapes(spec);
  } catch (e) {
    return `the network is not one the checker resolved: ${e instanceof Error ? e.message : String(e)}`;
  }
  for (const { l, output, parameters } of layers) {
    const dims = [...dimensions(output), ...Object.values(parameters ?? {}).flat()];
    if (!dims.every((d) => Number.isSafeInteger(d) && d >= 1)) {
      return `the network is not one the checker resolved: layer ${l}'s shapes are not whole numbers of at least 1 (${dims.join(', ')})`;
    }
  }
  return { spec, layers };
}

/**
 * Why the tree does not visit layers 1…L once each in the order of l (spec §12: depth first, a
 * shortcut after its body), if it does not: the engine, the weights' keys and the exporters
 * number parameters by that order.
 */
function treeOrder(spec: NetworkSpec): string | undefined {
  const seen: number[] = [];
  foldTree(networkBody(spec), 0, { layer: (l) => seen.push(l), group: () => 0 });
  const wrong = seen.findIndex((l, i) => l !== i + 1);
  if (wrong >= 0) return `its tree visits layer ${seen[wrong]} where layer ${wrong + 1} must be (l counts depth first)`;
  if (seen.length !== spec.layers.length) return `its tree holds ${seen.length} of its ${spec.layers.length} layers`;
  return undefined;
}

/** What of a layer's names the registries do not know. */
function namesOf(layer: unknown, i: number): string | undefined {
  if (layer === null || typeof layer !== 'object') return `layer ${i + 1} is not an object`;
  const { kind, activation } = layer as { kind?: unknown; activation?: { name?: unknown } };
  if (typeof kind !== 'string' || !isLayerKind(kind)) return `layer ${i + 1} is of no registered kind: ${describeValue(kind)}`;
  const g = activation?.name;
  if (activation !== undefined && !(typeof g === 'string' && Object.hasOwn(ACTIVATION_KINDS, g))) return `layer ${i + 1}'s activation is none the language has: ${describeValue(g)}`;
  return undefined;
}

