// The network as a tree (spec §12, docs/part3.md): layers, residuals and concats, walked in the
// order they run — depth first, a residual's body before its shortcut, a concat's branches in
// order — which is also the order of l. Shapes (networkShapes) and the engine's steps over slots
// (core/engine/graph.ts) are both folds over this one walk.

import type { ConcatSpec, NetworkNode, ResidualSpec } from '../foundation/model';

/** A group of the tree: what joins the outputs of sub-sequences of layers. */
export type GroupSpec = ResidualSpec | ConcatSpec;

/** What a fold does at each node, with T the value that flows between nodes (a shape, a slot). */
export interface TreeFold<T> {
  /** layer l on its input; returns its output */
  layer(l: number, input: T): T;
  /**
   * A group on its input and its parts' outputs (residual: [body, shortcut]; concat: one per branch;
   * an empty part's output is the input itself); returns the group's output.
   */
  group(node: GroupSpec, input: T, parts: T[]): T;
}

/** Folds `nodes` in the order they run, from `input`; returns what the last one outputs. */
export function foldTree<T>(nodes: readonly NetworkNode[], input: T, on: TreeFold<T>): T {
  let x = input;
  for (const node of nodes) {
    if (node.kind === 'layer') x = on.layer(node.l, x);
    else x = on.group(node, x, partsOf(node).map((part) => foldTree(part, x, on)));
  }
  return x;
}

/** A group's sub-sequences: a residual's body and shortcut, a concat's branches. */
export function partsOf(node: GroupSpec): NetworkNode[][] {
  return node.kind === 'residual' ? [node.body, node.shortcut] : node.branches;
}
