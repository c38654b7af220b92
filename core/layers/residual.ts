// `residual ACT { BODY [shortcut { SHORTCUT }] }` (spec §12): Z = BODY(x) + SHORTCUT(x), out = g(Z),
// the shortcut the identity when it is empty (ResNet's identity block). Backward: dZ = dout ⊙ g′(Z)
// flows unchanged into both BODY's and SHORTCUT's output, where the gradients of every reader add up.

import { IDENTITY, type ResidualSpec } from '../foundation/model';
import { giveGradient, type GroupKind } from './group';
import { features, type Shape } from './shape';

const same = (a: Shape, b: Shape): boolean => JSON.stringify(a) === JSON.stringify(b);

export const residual: GroupKind<ResidualSpec> = {
  kind: 'residual',
  output: (_node, [body, shortcut]) => {
    if (!same(body, shortcut)) throw new Error(`a residual's body gives ${JSON.stringify(body)} but its shortcut ${JSON.stringify(shortcut)}`);
    return body;
  },
  engine: (node, [body]) => {
    const g = node.activation;
    const hasZ = g.name !== IDENTITY.name;
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
