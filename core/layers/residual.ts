// Spec §12's residual rule: out = g(BODY(x) + SHORTCUT(x)) needs BODY(x) and SHORTCUT(x) of one
// shape, since the sum is element by element. The one place that rule lives: the checker words it,
// networkShapes and the engine take the output from it.

import { outputSize, type Shape } from './shape';

/** The sum's shape (the body's), or undefined when body and shortcut differ. */
export function residualOutput(body: Shape, shortcut: Shape): Shape | undefined {
  return sameShape(body, shortcut) ? body : undefined;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.kind === 'vector' || b.kind === 'vector') return a.kind === 'vector' && b.kind === 'vector' && a.n === b.n;
  return a.n_H === b.n_H && a.n_W === b.n_W && a.n_C === b.n_C;
}

/**
 * The 1×1 projection that takes `input` to `body`'s shape, as ResNet's convolutional block writes
 * its shortcut: n_C filters and the stride s with ⌊(n − 1)/s⌋ + 1 = the body's n_H and n_W; for
 * vectors, a linear layer of the body's units. Undefined when no stride gives the body's size.
 */
export function projection(input: Shape, body: Shape): { kind: 'volume'; n_C: number; stride: number } | { kind: 'vector'; n: number } | undefined {
  if (body.kind === 'vector') return input.kind === 'vector' ? { kind: 'vector', n: body.n } : undefined;
  if (input.kind !== 'volume') return undefined;
  for (let s = 1; s <= Math.max(input.n_H, input.n_W); s++) {
    if (outputSize(input.n_H, 1, 0, s) === body.n_H && outputSize(input.n_W, 1, 0, s) === body.n_W) return { kind: 'volume', n_C: body.n_C, stride: s };
  }
  return undefined;
}
