// Spec §12 in the language: groups and blocks parse (with recovery inside nested braces), expand
// and number l depth first with a shortcut after its body, their shape rules are reported on the
// causing line with the shortcut fix, the formatter keeps them, `nn shapes --json` nests them, and
// a ResNet-style file counts PyTorch's parameters layer by layer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, formatText, type Diagnostic } from '../../../core/language';
import { parse } from '../../../core/language/parser';
import { shapesJson } from '../../../core/services/format/shapesJson';
import { validateSpec } from '../../../core/services/session/validate';
import { pythonWith } from '../reference/python';
import { ROOT } from './helpers';
import { examplesOf, footprint, networkFootprint } from '../../../core/engine/footprint';
import { LAYER_KINDS, networkShapes } from '../../../core/layers';

const RESNET = `block identity(n_C) {
  residual relu {
    conv2d n_C relu f: 3 pad: same
    conv2d n_C linear f: 3 pad: same
  }
}

block down(n_C) {
  residual relu {
    conv2d n_C relu f: 3 stride: 2 pad: 1
    conv2d n_C linear f: 3 pad: same
    shortcut { conv2d n_C linear f: 1 stride: 2 }
  }
}

network resnet {
  input (8, 8, 1)
  conv2d 8 relu f: 3 pad: same
  repeat 2 { identity(8) }
  down(16)
  concat {
    branch { conv2d 4 relu f: 1 }
    branch { }
  }
  flatten
  dense 10 softmax
  train {
    data blobs(m: 20, classes: 10, features: 64)
  }
}
`;

const check = (text: string) => analyze(text, { files: null });
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line}:${d.code}`);

test('a ResNet-style file expands blocks and repeat, numbers l depth first with the shortcut after its body, and builds the tree', () => {
  const { diagnostics, networks } = check(RESNET);
  assert.deepEqual(errors(diagnostics), []);
  const [net] = networks;
  assert.deepEqual(net.layers.map((l) => `${l.index} ${l.kind} ${l.params}${l.use ? ` ${l.use}` : ''}`), [
    '1 conv2d 80', '2 conv2d 584 identity(8)', '3 conv2d 584 identity(8)', '4 conv2d 584 identity(8)', '5 conv2d 584 identity(8)',
    '6 conv2d 1168 down(16)', '7 conv2d 2320 down(16)', '8 conv2d 144 down(16)', '9 conv2d 68', '10 flatten 0', '11 dense 3210',
  ]);
  assert.equal(net.params, 9326);
  assert.deepEqual(net.layers[7].input, { kind: 'volume', n_H: 8, n_W: 8, n_C: 8 }, 'the shortcut takes the residual\'s input');
  assert.deepEqual(net.layers[9].input, { kind: 'volume', n_H: 4, n_W: 4, n_C: 20 }, 'the concat joins 4 + 16 channels');
  const L = (l: number) => ({ kind: 'layer', l });
  const relu = { name: 'relu' };
  assert.deepEqual(net.spec?.body, [
    L(1),
    { kind: 'residual', activation: relu, body: [L(2), L(3)], shortcut: [] },
    { kind: 'residual', activation: relu, body: [L(4), L(5)], shortcut: [] },
    { kind: 'residual', activation: relu, body: [L(6), L(7)], shortcut: [L(8)] },
    { kind: 'concat', branches: [[L(9)], []] },
    L(10), L(11),
  ]);
});

test('nn shapes --json nests groups as children, with their line, output A and parameters', () => {
  const json = shapesJson(check(RESNET).networks[0]);
  const entries = json.layers as Record<string, unknown>[];
  assert.deepEqual(entries.map((e) => e.kind), ['conv2d', 'repeat', 'block', 'concat', 'flatten', 'dense']);
  const repeat = entries[1];
  assert.deepEqual([repeat.line, repeat.A, repeat.params], [19, ['m', 8, 8, 8], 2336]);
  const use = entries[2] as { name: string; args: number[]; children: Record<string, unknown>[] };
  assert.deepEqual([use.name, use.args], ['down', [16]]);
  const residual = use.children[0] as { kind: string; children: Record<string, unknown>[] };
  assert.deepEqual(residual.children.map((c) => c.index ?? c.kind), [6, 7, 'shortcut']);
  const concat = entries[3] as { A: unknown; children: { kind: string; A: unknown; children: unknown[] }[] };
  assert.deepEqual(concat.A, ['m', 4, 4, 20]);
  assert.deepEqual(concat.children.map((b) => [b.kind, b.A, b.children.length]), [['branch', ['m', 4, 4, 4], 1], ['branch', ['m', 4, 4, 16], 0]]);
  assert.equal(json.params, 9326);
});

test('the ResNet file counts the parameters of the same module in PyTorch, layer by layer in the order of l', () => {
  const python = pythonWith('torch');
  assert.ok(python, 'a Python with torch (/usr/bin/python3)');
  const script = `
import torch, torch.nn as nn
torch.set_default_dtype(torch.float64)
class Identity(nn.Module):
    def __init__(s, c):
        super().__init__(); s.a = nn.Conv2d(c, c, 3, padding=1); s.b = nn.Conv2d(c, c, 3, padding=1)
    def forward(s, x): return torch.relu(s.b(torch.relu(s.a(x))) + x)
class Down(nn.Module):
    def __init__(s, i, c):
        super().__init__(); s.a = nn.Conv2d(i, c, 3, stride=2, padding=1); s.b = nn.Conv2d(c, c, 3, padding=1); s.shortcut = nn.Conv2d(i, c, 1, stride=2)
    def forward(s, x): return torch.relu(s.b(torch.relu(s.a(x))) + s.shortcut(x))
class Net(nn.Module):
    def __init__(s):
        super().__init__()
        s.stem = nn.Conv2d(1, 8, 3, padding=1); s.blocks = nn.Sequential(Identity(8), Identity(8), Down(8, 16))
        s.branch = nn.Conv2d(16, 4, 1); s.out = nn.Linear(4 * 4 * 20, 10)
    def forward(s, x):
        x = s.blocks(torch.relu(s.stem(x)))
        x = torch.cat([torch.relu(s.branch(x)), x], dim=1)
        return torch.softmax(s.out(torch.flatten(x, 1)), dim=1)
net = Net()
assert net(torch.zeros(2, 1, 8, 8)).shape == (2, 10)
convs = [m for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
print(sum(p.numel() for p in net.parameters()), *[sum(p.numel() for p in m.parameters()) for m in convs])
`;
  const r = spawnSync(python!, ['-c', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [total, ...each] = r.stdout.trim().split(' ').map(Number);
  const net = check(RESNET).networks[0];
  assert.equal(net.params, total);
  assert.deepEqual(net.layers.filter((l) => l.params > 0).map((l) => l.params), each);
});

test('a missing } inside nested braces is reported where the group opened, and the rest still parses', () => {
  const text = ['network n {', '  input 4', '  residual relu {', '    dense 4 relu', '    dense 4 linear', '  dense 3 relu',
    '  concat {', '    branch { dense 2 relu', '    branch { }', '  }', '  dense 1 sigmoid', '}', ''].join('\n');
  const { ast, diagnostics } = parse(text);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`), ['3:17 NN105', '8:12 NN105']);
  assert.match(diagnostics[0].message, /`residual` on line 3 is never closed: add a `}` before `dense` on line 6/);
  const kinds = ast.networks[0].statements.map((s) => s.kind);
  assert.deepEqual(kinds, ['input', 'residual', 'dense', 'concat', 'dense']);
  const concat = ast.networks[0].statements[3];
  assert.ok(concat.kind === 'concat');
  assert.deepEqual(concat.statements.map((s) => s.kind), ['branch', 'branch']);
});

test('a residual whose body changes the shape names both shapes and its fix inserts the projection shortcut', () => {
  const text = ['network n {', '  input (8, 8, 3)', '  residual relu {', '    conv2d 16 relu f: 3 stride: 2 pad: 1', '  }', '  flatten', '  dense 1 sigmoid', '}', ''].join('\n');
  const d = check(text).diagnostics.find((x) => x.code === 'NN320');
  assert.equal(d?.range.start.line, 3);
  assert.match(d!.message, /body of this residual gives \(m, 4, 4, 16\) but its shortcut, the identity, passes on the input \(m, 8, 8, 3\)/);
  const edit = d!.fixes![0].edits[0];
  const lines = text.split('\n');
  assert.equal(edit.range.start.line, 5);
  lines.splice(4, 0, edit.newText.replace(/\n$/, ''));
  // with batch norm as ResNet writes it, once the language has `norm: batch` (spec §13)
  const norm = LAYER_KINDS.some((k) => k.form.options.includes('norm')) ? ' norm: batch' : '';
  assert.equal(lines[4], `    shortcut { conv2d 16 linear f: 1 stride: 2${norm} }`);
  assert.deepEqual(errors(check(lines.join('\n')).diagnostics), []);
});

test('the fix of a one-line residual on vectors adds a linear dense shortcut', () => {
  const text = 'network n {\n  input 2\n  residual relu { dense 3 relu }\n  dense 1 sigmoid\n}\n';
  const d = check(text).diagnostics.find((x) => x.code === 'NN320')!;
  assert.equal(d.fixes![0].edits[0].newText, '\n    shortcut { dense 3 linear }\n  ');
  const fixed = text.replace('relu }', `relu ${d.fixes![0].edits[0].newText}}`);
  assert.deepEqual(errors(check(fixed).diagnostics), []);
});

test('concat branches that disagree name the branch and both sizes; vectors join along units', () => {
  const text = ['network n {', '  input (8, 8, 3)', '  concat {', '    branch { conv2d 4 relu f: 3 }', '    branch { conv2d 2 relu f: 1 }', '  }', '  flatten', '  dense 1 sigmoid', '}', ''].join('\n');
  const d = check(text).diagnostics.find((x) => x.code === 'NN321');
  assert.equal(d?.range.start.line, 5);
  assert.match(d!.message, /branch 2 gives \(m, 8, 8, 2\) but branch 1 gives \(m, 6, 6, 4\).*n_H 8 ≠ 6/);
  const vectors = check('network n {\n  input 2\n  concat {\n    branch { dense 3 relu }\n    branch { }\n  }\n  dense 1 sigmoid\n}\n');
  assert.deepEqual(errors(vectors.diagnostics), []);
  assert.equal(vectors.networks[0].layers[1].input.kind === 'vector' && vectors.networks[0].layers[1].input.n, 5);
});

test('unknown blocks get a suggestion, wrong argument counts and blocks that use themselves are errors on their line', () => {
  const blocks = 'block pair(n) {\n  dense n relu\n  dense n relu\n}\nblock a(n) {\n  b(n)\n}\nblock b(n) {\n  a(n)\n}\n';
  const text = `${blocks}network n {\n  input 2\n  piar(4)\n  pair(4, 2)\n  a(3)\n  dense 1 sigmoid\n}\n`;
  const { diagnostics, networks } = check(text);
  const found = diagnostics.map((d) => `${d.range.start.line} ${d.code} ${d.message}`);
  assert.ok(found.some((m) => m.startsWith('13 NN240') && m.includes('did you mean `pair`?')), found.join('\n'));
  assert.ok(found.some((m) => m.startsWith('14 NN241') && m.includes('takes 1 argument (n), not 2')), found.join('\n'));
  assert.ok(found.some((m) => m.startsWith('6 NN242') && m.includes('a → b → a')), found.join('\n'));
  assert.equal(networks[0].spec, undefined);
});

test('a mistake inside a block lands on the use that causes it, naming the block line', () => {
  const text = 'block shrink(f) {\n  conv2d 4 relu f: f\n}\nnetwork n {\n  input (4, 4, 1)\n  shrink(5)\n  flatten\n  dense 1 sigmoid\n}\n';
  const d = check(text).diagnostics.find((x) => x.code === 'NN304');
  assert.equal(d?.range.start.line, 6);
  assert.match(d!.message, /^in `shrink\(5\)` \(line 2 of the block\): the 5×5 window does not fit/);
});

test('the formatter indents nested groups, keeps one-statement groups on their line, and is idempotent', () => {
  const messy = RESNET.replace(/^ +/gm, '').replace('repeat 2 { identity(8) }', 'repeat 2 {  identity( 8 ) }');
  const once = formatText(messy);
  assert.equal(once, RESNET);
  assert.equal(formatText(once), once);
});

test('a spec with groups crosses to the worker and comes back the same (written back as nested .nn)', () => {
  const spec = check(RESNET).networks[0].spec!;
  const back = validateSpec(JSON.parse(JSON.stringify(spec)));
  assert.ok(typeof back !== 'string', String(back));
  assert.deepEqual(back.body, spec.body);
  assert.deepEqual(back.layers, spec.layers);
  const shuffled = { ...spec, body: [...spec.body!].reverse() };
  assert.match(String(validateSpec(JSON.parse(JSON.stringify(shuffled)))), /must be 1/);
});

test('the memory footprint counts a residual\'s sum and a concat\'s join as buffers, the checker and training alike', () => {
  const text = ['network n {', '  input 2', '  dense 4 relu', '  residual relu {', '    dense 4 relu', '    dense 4 linear', '  }',
    '  concat {', '    branch { dense 3 relu }', '    branch { }', '  }', '  dense 1 sigmoid', '  train {', '    data flower(m: 400)', '  }', '}', ''].join('\n');
  const [net] = check(text).networks;
  const spec = net.spec!;
  const examples = examplesOf(spec.train);
  const tree = networkFootprint(spec, examples);
  // the same layers (each with its own input) without the groups' buffers
  const straight = footprint({ inputSize: 2, image: false, layers: networkShapes(spec), train: spec.train }, examples);
  // residual: Z, A, dZ, dA for the batch (m = 400) and Z, A to predict, of 4 units; concat: A, dA and A of 3 + 4 units
  assert.equal(tree.bytes - straight.bytes, ((4 * 400 + 2 * 400) * 4 + (2 * 400 + 400) * 7) * 8);
  assert.equal(net.footprint?.bytes, tree.bytes);
  assert.ok(tree.parts.some((p) => /of the residual ending at layer 3/.test(p.what)), tree.parts.map((p) => p.what).join('\n'));
});

test('parameters stand for counts, options and repeat counts, pass through nested uses, and a block may follow its network', () => {
  const text = ['network n {', '  input (8, 8, 1)', '  stage(4, 3, 2)', '  flatten', '  dense 1 sigmoid', '}',
    'block stage(n, k, r) {', '  repeat r { conv(n, k) }', '}', 'block conv(c, f) {', '  conv2d c relu f: f pad: same', '}', ''].join('\n');
  const { diagnostics, networks } = check(text);
  assert.deepEqual(errors(diagnostics), []);
  const layers = networks[0].layers;
  assert.deepEqual(layers.slice(0, 2).map((l) => [l.index, l.kind, l.W, l.use]), [
    [1, 'conv2d', [3, 3, 1, 4], 'conv(4, 3)'], [2, 'conv2d', [3, 3, 4, 4], 'conv(4, 3)'],
  ]);
  assert.equal(layers[0].useRange?.start.line, 3, 'a layer of a use belongs to the use\'s line in the network');
  assert.equal(networks[0].spec?.body, undefined, 'repeats and uses alone leave a straight network');
});

test('a misspelt group keyword is suggested; a residual\'s g is checked like a layer\'s; a network must end with its output layer', () => {
  const typo = check('network n {\n  input 2\n  resdual relu { dense 2 relu }\n  dense 1 sigmoid\n}\n').diagnostics[0];
  assert.match(typo.message, /did you mean `residual`\?/);
  const softmax = check('network n {\n  input 2\n  residual softmax { dense 2 relu }\n  dense 1 sigmoid\n}\n').diagnostics;
  assert.ok(softmax.some((d) => d.code === 'NN216' && /a residual's sum is hidden/.test(d.message)));
  const ends = check('network n {\n  input 2\n  dense 2 relu\n  residual linear { dense 2 linear }\n}\n').diagnostics;
  assert.ok(ends.some((d) => d.code === 'NN224' && d.range.start.line === 4 && /`residual` cannot end a network/.test(d.message)), JSON.stringify(ends));
});

test('a block use, a repeat and a shortcut give the very network written out by hand', () => {
  const identity = ['  residual relu {', '    conv2d 8 relu f: 3 pad: same', '    conv2d 8 linear f: 3 pad: same', '  }'];
  const byHand = ['network resnet {', '  input (8, 8, 1)', '  conv2d 8 relu f: 3 pad: same', ...identity, ...identity,
    '  residual relu {', '    conv2d 16 relu f: 3 stride: 2 pad: 1', '    conv2d 16 linear f: 3 pad: same', '    shortcut { conv2d 16 linear f: 1 stride: 2 }', '  }',
    '  concat {', '    branch { conv2d 4 relu f: 1 }', '    branch { }', '  }', '  flatten', '  dense 10 softmax', '}', ''].join('\n');
  const written = check(byHand);
  assert.deepEqual(errors(written.diagnostics), []);
  const expanded = check(RESNET).networks[0].spec!;
  assert.deepEqual(written.networks[0].spec!.layers, expanded.layers);
  assert.deepEqual(written.networks[0].spec!.body, expanded.body);
});

test('nn train and nn gradcheck run a file of blocks, repeat, shortcut and concat end to end (test/fixtures/blocks.nn)', () => {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  assert.ok(existsSync(cli), 'dist/cli.js is missing: run `npm run build` first');
  const file = path.join(ROOT, 'test', 'fixtures', 'blocks.nn');
  const train = spawnSync(process.execPath, [cli, 'train', file, '--json'], { encoding: 'utf8' });
  assert.equal(train.status, 0, train.stderr);
  const result = JSON.parse(train.stdout) as { costs: [number, number][]; train_accuracy: number };
  assert.ok(result.costs[result.costs.length - 1][1] < result.costs[0][1] / 100, JSON.stringify(result.costs));
  assert.equal(result.train_accuracy, 1);
  const grad = spawnSync(process.execPath, [cli, 'gradcheck', file], { encoding: 'utf8' });
  assert.equal(grad.status, 0, grad.stderr + grad.stdout);
  assert.match(grad.stdout, /backprop's gradient is right/);
});
