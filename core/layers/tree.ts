// How shapes flow through a network's tree (spec §12): a residual's body and shortcut both read
// the residual's input and its output has the body's shape; a concat's branches all read its input
// and their outputs are joined along channels (volumes) or units (vectors). For a network the
// checker has accepted: every layer has an output and the parts of a group agree.

import type { NetworkNode } from '../foundation/model';
import { vector, volume, type Shape } from './shape';

/**
 * Calls `layer` on each layer of `nodes`, in the order of l, with the shape of its input (`input`
 * for the first); returns the shape the nodes put out. `layer` returns its layer's output shape.
 */
export function flowShapes(nodes: readonly NetworkNode[], input: Shape, layer: (l: number, input: Shape) => Shape): Shape {
  let x = input;
  for (const node of nodes) {
    if (node.kind === 'layer') x = layer(node.l, x);
    else if (node.kind === 'residual') {
      const out = flowShapes(node.body, x, layer);
      flowShapes(node.shortcut, x, layer);
      x = out;
    } else {
      const at = x;
      x = joined(node.branches.map((branch) => flowShapes(branch, at, layer)));
    }
  }
  return x;
}

/** A concat's output: the branches' volumes side by side along n_C, or their vectors along n. */
export function joined(shapes: readonly Shape[]): Shape {
  const first = shapes[0];
  if (first.kind === 'vector') return vector(shapes.reduce((n, s) => n + (s.kind === 'vector' ? s.n : 0), 0));
  return volume(first.n_H, first.n_W, shapes.reduce((n, s) => n + (s.kind === 'volume' ? s.n_C : 0), 0));
}
