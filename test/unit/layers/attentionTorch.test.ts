// self_attention and layer_norm on a sequence against PyTorch float64 on one thread (spec §15): the
// engine's A[l], α and every gradient equal nn.MultiheadAttention(d, h, batch_first=True) with
// in_proj_weight = [WQ; WK; WV] (causal: attn_mask True above the diagonal) and nn.LayerNorm(d) on
// (m, T, d), at 1e-9. J = (1/m)·Σ dA ⊙ A[l], so PyTorch's parameter gradients are the engine's dθ.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { jsKernels } from '../../../core/engine/kernels';
import { sequence } from '../../../core/layers';
import type { LayerSpec } from '../../../core/foundation/model';
import { pythonWith } from './python';
import { runNamed } from './runNamed';
import { attentionCase } from './attentionCase';

const plain = (rows: number, cols: number) => ({ rows, cols, data: new Float64Array(rows * cols) });

// x (m, T, d) from the engine's (T·d, m): x[i, t, r] = A[(t·d + r)·m + i]; back the same way
const SCRIPT = String.raw`
import json, sys, torch
from torch import nn
torch.set_num_threads(1)
c = json.load(sys.stdin)
d, T, m = c["d"], c["T"], c["m"]
seq = lambda v: torch.tensor(v, dtype=torch.float64).reshape(T, d, m).permute(2, 0, 1).contiguous()
back = lambda x: x.permute(1, 2, 0).reshape(-1).tolist()
col = lambda v: torch.tensor(v, dtype=torch.float64).reshape(d, -1)
x = seq(c["Aprev"]).requires_grad_()
G = seq(c["dA"])
th = c["theta"]
out = {}
if c["kind"] == "attention":
    mha = nn.MultiheadAttention(d, c["h"], batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([col(th["WQ"]), col(th["WK"]), col(th["WV"])]))
        mha.in_proj_bias.copy_(torch.cat([col(th["bQ"]), col(th["bK"]), col(th["bV"])]).reshape(-1))
        mha.out_proj.weight.copy_(col(th["WO"]))
        mha.out_proj.bias.copy_(col(th["bO"]).reshape(-1))
    mask = torch.triu(torch.ones(T, T, dtype=torch.bool), 1) if c["causal"] else None
    A, alpha = mha(x, x, x, attn_mask=mask, need_weights=True, average_attn_weights=False)
    ((A * G).sum() / m).backward()
    out["alpha"] = alpha.reshape(-1).tolist()
    for k, p in enumerate("QKV"):
        out["W" + p] = mha.in_proj_weight.grad[k * d:(k + 1) * d].reshape(-1).tolist()
        out["b" + p] = mha.in_proj_bias.grad[k * d:(k + 1) * d].tolist()
    out["WO"] = mha.out_proj.weight.grad.reshape(-1).tolist()
    out["bO"] = mha.out_proj.bias.grad.tolist()
else:
    norm = nn.LayerNorm(d, dtype=torch.float64)
    with torch.no_grad():
        norm.weight.copy_(torch.tensor(th["gamma"], dtype=torch.float64))
        norm.bias.copy_(torch.tensor(th["beta"], dtype=torch.float64))
    A = norm(x)
    ((A * G).sum() / m).backward()
    out["gamma"], out["beta"] = norm.weight.grad.tolist(), norm.bias.grad.tolist()
out["A"] = back(A.detach())
out["dAprev"] = back(x.grad * m)
print(json.dumps(out))
`;

function torchRun(input: object): Record<string, number[]> {
  const r = spawnSync(pythonWith('torch'), ['-c', SCRIPT], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function assertClose(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let p = 0; p < want.length; p++) assert.ok(Math.abs(got[p] - want[p]) <= 1e-9 * Math.max(1, Math.abs(want[p])), `${what}[${p}]: ${got[p]} vs PyTorch ${want[p]}`);
}

for (const [h, causal] of [[1, false], [2, false], [2, true], [4, true]] as Array<[number, boolean]>) {
  test(`self_attention heads: ${h}${causal ? ' causal' : ''} equals nn.MultiheadAttention in float64: A[l], α, every gradient (1e-9)`, () => {
    const [d, T, m] = [8, 5, 3];
    const c = attentionCase(97 + h, d, T, m);
    const spec: LayerSpec = { kind: 'self_attention', heads: h, ...(causal ? { causal: true } : {}) };
    const run = runNamed(spec, sequence(d, T), jsKernels, plain, m, c);
    const theta = Object.fromEntries(Object.entries(c.theta).map(([k, v]) => [k, [...v]]));
    const want = torchRun({ kind: 'attention', d, T, m, h, causal, Aprev: [...c.Aprev], dA: [...c.dA], theta });
    assertClose(run.A, want.A, 'A[l]');
    assertClose(run.batch[4], want.alpha, 'α (m, h, T, T)');
    for (const name of Object.keys(c.theta)) assertClose(run.dTheta[name], want[name], `d${name}`);
    assertClose(run.dAprev, want.dAprev, 'dA[l−1]');
  });
}

test('layer_norm on a sequence equals nn.LayerNorm(d) on (m, T, d) in float64: A[l], dγ, dβ, dA[l−1] (1e-9)', () => {
  const [d, T, m] = [6, 4, 3];
  const c = attentionCase(5, d, T, m);
  const theta = { gamma: c.theta.bQ.map((x) => 1 + x), beta: c.theta.bK.slice(0, d) };
  const run = runNamed({ kind: 'layer_norm' }, sequence(d, T), jsKernels, plain, m, { Aprev: c.Aprev, dA: c.dA, theta });
  const want = torchRun({ kind: 'layer_norm', d, T, m, Aprev: [...c.Aprev], dA: [...c.dA], theta: { gamma: [...theta.gamma], beta: [...theta.beta] } });
  assertClose(run.A, want.A, 'A[l]');
  assertClose(run.dTheta.gamma, want.gamma, 'dγ');
  assertClose(run.dTheta.beta, want.beta, 'dβ');
  assertClose(run.dAprev, want.dAprev, 'dA[l−1]');
});
