// The groups of a network's tree (spec §12) as both exporters name them: after their kind and the
// course's l of their first layer (`residual2` holds layers 2…), so a reader of the PyTorch module
// or of the ONNX graph in Netron finds them from the .nn file's hover and Outline.

import type { ConcatSpec, NetworkNode, ResidualSpec } from '../../foundation/model';

export type GroupNode = ResidualSpec | ConcatSpec;

/** The l of every layer in `nodes`, depth first: increasing (spec §12 numbers them so). */
export function layersIn(nodes: readonly NetworkNode[]): number[] {
  return nodes.flatMap((node) => (node.kind === 'layer' ? [node.l] : layersIn(node.kind === 'residual' ? [...node.body, ...node.shortcut] : node.branches.flat())));
}

/**
 * Every group of `body` with its name, unique in the network: `KIND` + the l of its first layer (of
 * the next layer for a group without any, e.g. a concat of empty branches), then `_2`, `_3`… for a
 * group that shares them (a residual directly inside a residual).
 */
export function groupNames(body: readonly NetworkNode[]): Map<GroupNode, string> {
  const names = new Map<GroupNode, string>();
  const taken = new Set<string>();
  let next = 1; // the l the next layer statement has
  const visit = (nodes: readonly NetworkNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'layer') {
        next = node.l + 1;
        continue;
      }
      const base = `${node.kind}${layersIn([node])[0] ?? next}`;
      let name = base;
      for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
      taken.add(name);
      names.set(node, name);
      if (node.kind === 'residual') {
        visit(node.body);
        visit(node.shortcut);
      } else node.branches.forEach(visit);
    }
  };
  visit(body);
  return names;
}
