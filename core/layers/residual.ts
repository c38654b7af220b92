// `residual ACT { BODY [shortcut { SHORTCUT }] }` (spec §12): Z = BODY(x) + SHORTCUT(x), out = g(Z),
// the shortcut the identity when it is empty (ResNet's identity block). Backward: dZ = dout ⊙ g′(Z)
// flows unchanged into both BODY's and SHORTCUT's output, where the gradients of every reader add up.

import type { ResidualSpec } from '../foundation/model';
import { LINEAR } from './activations';
import { giveGradient, type GroupKind } from './group';
import { features, outputSize, sameShape, type Shape } from './shape';

export const residual: GroupKind<ResidualSpec> = {
  kind: 'residual',
  output: (_node, [body, shortcut]) => {
    if (!sameShape(body, shortcut)) throw new Error(`a residual's body gives ${JSON.stringify(body)} but its shortcut ${JSON.stringify(shortcut)}`);
    return body;
  },
  engine: (node, [body]) => {
    const g = node.activation;
    const hasZ = g.name !== LINEAR.name;
    return {
      byRows: body.kind === 'volume',
      features: features(body),
      activation: g,
      hasZ,
      forward({ k, parts: [B, S], Z, A }) {
        Z.data.set(B.data.subarray(0, B.rows * B.cols));
        k.axpy(Z, 1, S);
        if (hasZ) k.activate(g, Z, A);
      },
      backward({ k, Z, A, dZ, dA, dParts: [dB, dS] }) {
        if (hasZ) k.backward(g, Z, A, dA, dZ);
        giveGradient(k, dB, dZ);
        giveGradient(k, dS, dZ);
      },
    };
  },
};

// The checker's side of the rule (language/groups.ts words it): the sum's shape, and the shortcut its quick fix inserts.

/** The sum's shape (the body's), or undefined when body and shortcut differ. */
export function residualOutput(body: Shape, shortcut: Shape): Shape | undefined {
  return sameShape(body, shortcut) ? body : undefined;
}


/**
 * The 1×1 projection that takes `input` to `body`'s shape, as ResNet's convolutional block writes
 * its shortcut: n_C filters and the stride s with ⌊(n − 1)/s⌋ + 1 = the body's n_H and n_W; for
 * vectors, a linear layer of the body's units. Undefined when no stride gives the body's size.
 */
export function projection(input: Shape, body: Shape): { kind: 'volume'; n_C: number; stride: number } | { kind: 'vector'; n: number } | undefined {
  if (body.kind === 'vector') return input.kind === 'vector' ? { kind: 'vector', n: body.n } : undefined;
  if (input.kind !== 'volume' || body.kind !== 'volume') return undefined;
  for (let s = 1; s <= Math.max(input.n_H, input.n_W); s++) {
    if (outputSize(input.n_H, 1, 0, s) === body.n_H && outputSize(input.n_W, 1, 0, s) === body.n_W) return { kind: 'volume', n_C: body.n_C, stride: s };
  }
  return undefined;
}
