// The same network in PyTorch, written from a NetworkSpec's tree (spec §12): the reference the tree
// tests train against. Functional torch in float64 on one thread, written straight from the course's
// layouts — vectors (n, m), volumes NCHW in torch — with autograd for the gradients and Adam and L2
// as spec §9 writes them, so nothing of the engine's own code is reused.

import { spawnSync } from 'node:child_process';
import { networkBody, type Activation, type NetworkNode, type NetworkSpec } from '../../../core/foundation/model';
import { engineLayers, networkShapes } from '../../../core/layers';
import type { WeightsValues } from '../../../core/data/weights';
import type { Matrix } from '../../../core/foundation/matrix';
import { pythonWith } from '../layers/python';

const act = (g: Activation, x: string): string => {
  switch (g.name) {
    case 'sigmoid': return `torch.sigmoid(${x})`;
    case 'tanh': return `torch.tanh(${x})`;
    case 'relu': return `torch.relu(${x})`;
    case 'leaky_relu': return `F.leaky_relu(${x}, ${g.slope ?? 0.01})`;
    case 'linear': return x;
    case 'softmax': throw new Error('softmax is the output layer: the loss takes its Z');
  }
};

/** The lines of `def forward(P, X)`, returning Z[L]. */
function forwardLines(spec: NetworkSpec): string[] {
  const shapes = networkShapes(spec);
  const lines: string[] = [];
  let fresh = 0;
  const name = (): string => `a${++fresh}`;
  const L = spec.layers.length;
  const layer = (l: number, x: string): string => {
    const s = spec.layers[l - 1];
    const input = shapes[l - 1].input;
    const out = name();
    switch (s.kind) {
      case 'dense': {
        const z = `P['W${l}'] @ ${x} + P['b${l}']`;
        lines.push(l === L ? `return ${z}` : `${out} = ${act(s.activation, z)}`);
        break;
      }
      case 'conv2d': {
        const cin = input.kind === 'volume' ? input.n_C : 0;
        lines.push(`w = P['W${l}'].reshape(${s.f}, ${s.f}, ${cin}, ${s.filters}).permute(3, 2, 0, 1)`);
        lines.push(`${out} = ${act(s.activation, `F.conv2d(${x}, w, P['b${l}'].reshape(-1), stride=${s.stride}, padding=${s.pad})`)}`);
        break;
      }
      case 'max_pool':
      case 'avg_pool':
        lines.push(`${out} = F.${s.kind}2d(${x}, ${s.f}, ${s.stride})`);
        break;
      case 'flatten':
        lines.push(`${out} = ${x}.permute(0, 2, 3, 1).reshape(${x}.shape[0], -1).T`);
        break;
    }
    return out;
  };
  const run = (nodes: readonly NetworkNode[], x: string): string => {
    for (const node of nodes) {
      if (node.kind === 'layer') x = layer(node.l, x);
      else if (node.kind === 'residual') {
        const body = run(node.body, x), shortcut = run(node.shortcut, x), out = name();
        lines.push(`${out} = ${act(node.activation, `${body} + ${shortcut}`)}`);
        x = out;
      } else {
        const branches = node.branches.map((branch) => run(branch, x)), out = name();
        lines.push(`${out} = torch.cat([${branches.join(', ')}], dim=1 if ${x}.dim() == 4 else 0)`);
        x = out;
      }
    }
    return x;
  };
  const X = spec.image ? `X.T.reshape(X.shape[1], ${spec.image.n_H}, ${spec.image.n_W}, ${spec.image.n_C}).permute(0, 3, 1, 2)` : 'X';
  run(networkBody(spec), X);
  return lines;
}

const LOSS = {
  softmax_cross_entropy: '-(Y * torch.log_softmax(Z, 0)).sum() / m',
  cross_entropy: 'F.binary_cross_entropy_with_logits(Z, Y, reduction="sum") / m',
  mse: '((Z - Y) ** 2).sum() / (2 * m)',
} as const;

/**
 * Trains `spec` in PyTorch from `initial` (engine dims, by key) for `iterations` full-batch Adam steps
 * with L2 `spec.train.l2`: the cost of each step before its update, and the final weights by key.
 */
export function torchTrain(spec: NetworkSpec, initial: WeightsValues, X: Matrix, Y: Matrix, iterations: number): { costs: number[]; weights: Record<string, number[]> } {
  const optimizer = spec.train.optimizer;
  if (optimizer?.kind !== 'adam') throw new Error('the reference trains with adam');
  const params = engineLayers(spec).flatMap(({ l, engine }) => engine.parameters.map((p) => ({ key: `${p.name}${l}`, dims: p.dims, regularized: p.regularized })));
  const script = `
import json, sys, torch
import torch.nn.functional as F
torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
d = json.load(sys.stdin)
t = lambda v, dims: torch.tensor(v, dtype=torch.float64).reshape(dims)
P = {p['key']: t(d['initial'][p['key']], p['dims']).requires_grad_() for p in d['params']}
X, Y = t(d['X'], d['Xdims']), t(d['Y'], d['Ydims'])
m = X.shape[1]
def forward(P, X):
${forwardLines(spec).map((line) => `    ${line}`).join('\n')}
def cost(P):
    Z = forward(P, X)
    return ${LOSS[spec.loss]} + d['l2'] / (2 * m) * sum((P[p['key']] ** 2).sum() for p in d['params'] if p['regularized'])
v = {k: torch.zeros_like(p) for k, p in P.items()}
s = {k: torch.zeros_like(p) for k, p in P.items()}
b1, b2, eps, alpha = d['beta1'], d['beta2'], d['epsilon'], d['alpha']
costs = []
for i in range(d['iterations']):
    J = cost(P)
    costs.append(J.item())
    J.backward()
    with torch.no_grad():
        for k, p in P.items():
            g = p.grad
            v[k] = b1 * v[k] + (1 - b1) * g
            s[k] = b2 * s[k] + (1 - b2) * g * g
            p -= alpha * (v[k] / (1 - b1 ** (i + 1))) / ((s[k] / (1 - b2 ** (i + 1))).sqrt() + eps)
            p.grad = None
print(json.dumps({'costs': costs, 'weights': {k: p.detach().reshape(-1).tolist() for k, p in P.items()}}))
`;
  const input = JSON.stringify({
    params, initial: Object.fromEntries(Object.entries(initial).map(([k, v]) => [k, Array.from(v)])),
    X: Array.from(X.data.subarray(0, X.rows * X.cols)), Xdims: [X.rows, X.cols], Y: Array.from(Y.data.subarray(0, Y.rows * Y.cols)), Ydims: [Y.rows, Y.cols],
    l2: spec.train.l2 ?? 0, alpha: spec.train.learningRate, iterations, ...optimizer,
  });
  const r = spawnSync(pythonWith('torch'), ['-c', script], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`the PyTorch reference failed: ${r.stderr}\n${script}`);
  return JSON.parse(r.stdout) as { costs: number[]; weights: Record<string, number[]> };
}
