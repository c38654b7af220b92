// One case per diagnostic code: the right code, on the right line, with the right severity.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, CODES, type Severity } from '../../../core/language';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Reach } from '../../../core/data/paths';
import { analyzeWith, memoryFiles, ROOT } from './helpers';
import { ImageFolderError } from '../../../core/data/images';
import type { ImageFolderRead } from '../../../core/language/api';

/** A network around `body` lines (2-space indented); line 1 is `network n {`, body starts on line 2. */
function net(body: string[], train?: string[]): string {
  const lines = ['network n {', ...body.map((l) => `  ${l}`)];
  if (train) lines.push('  train {', ...train.map((l) => `    ${l}`), '  }');
  return [...lines, '}', ''].join('\n');
}

const flower = ['data flower(m: 400)'];
/** An MNIST digit's input (spec §8). */
const IMAGE = 'input (28, 28, 1)';
const csv = 'x1,x2,y\n0.5,1.5,1\n0.1,0.2,0\n';
const W = (obj: object) => JSON.stringify(obj);
const goodWeights = { W1: [[1, 2], [3, 4], [5, 6], [7, 8]], b1: [[0], [0], [0], [0]], W2: [[1, 2, 3, 4]], b2: [[0]] };

interface Case {
  code: string;
  severity: Severity;
  line: number;
  text: string;
  files?: Record<string, string>;
  reach?: Reach;
  /** image folders by path under /virtual: a summary or the error reading it gives */
  folders?: Record<string, ImageFolderRead>;
}

/** A folder of `classes` class subfolders with one image of this size each, as the checker reads it. */
function imageFolder(classes: number, height: number, width: number, channels: 1 | 3): ImageFolderRead {
  const names = Array.from({ length: classes }, (_, i) => String(i));
  const listing = { folder: '/virtual/d', mtimeMs: 0, classes: names.map((name) => ({ name, files: ['a.png'], mtimeMs: 0 })), count: classes };
  return { listing, shapes: [{ height, width, channels, first: 'd/0/a.png', index: 0 }] };
}

const untrusted: Reach = { roots: ['/virtual'], name: 'the workspace folder', outside: 'deny' };

const cases: Case[] = [
  { code: 'NN101', severity: 'error', line: 2, text: net(['input 2 @', 'dense 1 sigmoid']) },
  { code: 'NN102', severity: 'error', line: 5, text: net(['input 2', 'dense 1 sigmoid'], ['data "x.csv']) },
  { code: 'NN103', severity: 'error', line: 2, text: net(['input 12x', 'dense 1 sigmoid']) },
  { code: 'NN104', severity: 'error', line: 3, text: net(['input 2', 'dense tanh', 'dense 1 sigmoid']) },
  { code: 'NN105', severity: 'error', line: 1, text: 'network n {\n  input 2\n  dense 1 sigmoid\n' },
  { code: 'NN106', severity: 'error', line: 5, text: net(['input 2', 'dense 1 sigmoid']) + '}\n' },
  { code: 'NN107', severity: 'error', line: 1, text: 'input 2\n' + net(['input 2', 'dense 1 sigmoid']) },
  { code: 'NN201', severity: 'error', line: 3, text: net(['input 2', 'dens 4 tanh', 'dense 1 sigmoid']) },
  { code: 'NN202', severity: 'error', line: 3, text: net(['input 2', 'dense 4 tanhh', 'dense 1 sigmoid']) },
  { code: 'NN203', severity: 'error', line: 4, text: net(['input 2', 'dense 1 sigmoid', 'loss cross_entropyy']) },
  { code: 'NN204', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'lerning_rate 0.1']) },
  { code: 'NN205', severity: 'error', line: 5, text: net(['input 2', 'dense 1 sigmoid'], ['data flowr(m: 400)']) },
  { code: 'NN206', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'init xaviar']) },
  { code: 'NN207', severity: 'error', line: 3, text: net(['input 2', 'dense 4 tanh(2)', 'dense 1 sigmoid']) },
  { code: 'NN208', severity: 'error', line: 3, text: net(['input 2', 'dense 4 tanh  V: (4, 2)', 'dense 1 sigmoid']) },
  { code: 'NN209', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'optimizer adma']) },
  { code: 'NN210', severity: 'error', line: 2, text: net(['dense 4 tanh', 'dense 1 sigmoid']) },
  { code: 'NN211', severity: 'error', line: 3, text: net(['input 2', 'input 3', 'dense 1 sigmoid']) },
  { code: 'NN212', severity: 'error', line: 3, text: net(['dense 1 sigmoid', 'input 2']) },
  { code: 'NN213', severity: 'error', line: 1, text: net(['input 2']) },
  { code: 'NN214', severity: 'error', line: 5, text: net(['input 2', 'dense 1 sigmoid']) + net(['input 2', 'dense 1 sigmoid']) },
  { code: 'NN215', severity: 'error', line: 3, text: net(['input 2', 'dense 0 relu', 'dense 1 sigmoid']) },
  { code: 'NN216', severity: 'error', line: 3, text: net(['input 2', 'dense 4 softmax', 'dense 1 sigmoid']) },
  { code: 'NN217', severity: 'error', line: 3, text: net(['input 2', 'dense 1 softmax']) },
  { code: 'NN218', severity: 'error', line: 4, text: net(['input 2', 'dense 3 softmax', 'loss cross_entropy']) },
  { code: 'NN219', severity: 'error', line: 5, text: net(['input 2', 'dense 1 sigmoid', 'loss mse', 'loss mse']) },
  { code: 'NN220', severity: 'error', line: 7, text: net(['input 2', 'dense 1 sigmoid', 'train {', '  data flower()', '}', 'train {', '}']) },
  { code: 'NN221', severity: 'warning', line: 1, text: '# nothing here yet\n' },
  { code: 'NN222', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'decay inverze(rate: 1)']) },
  { code: 'NN223', severity: 'error', line: 3, text: net([IMAGE, 'conv2d 6 relu f: 5 keep_prob: 0.8', 'flatten', 'dense 1 sigmoid']) },
  { code: 'NN224', severity: 'error', line: 4, text: net([IMAGE, 'conv2d 6 relu f: 5', 'flatten']) },
  { code: 'NN225', severity: 'error', line: 2, text: net(['input (28, 28)', 'flatten', 'dense 1 sigmoid']) },
  { code: 'NN226', severity: 'error', line: 3, text: net([IMAGE, 'max_pool stride: 2', 'flatten', 'dense 1 sigmoid']) },
  { code: 'NN227', severity: 'error', line: 3, text: net(['input 2', 'dense 4 tanh  bidirectional', 'dense 1 sigmoid']).replace('bidirectional', 'sideways') },
  { code: 'NN228', severity: 'error', line: 3, text: net(['input sequence(steps: 5, features: 3)', 'rnn 8 sigmoid', 'dense 1 sigmoid']) },
  { code: 'NN240', severity: 'error', line: 3, text: net(['input 2', 'tow(4)', 'dense 1 sigmoid']) + 'block two(n) {\n  dense n relu\n  dense n relu\n}\n' },
  { code: 'NN241', severity: 'error', line: 3, text: net(['input 2', 'two(4, 4)', 'dense 1 sigmoid']) + 'block two(n) {\n  dense n relu\n  dense n relu\n}\n' },
  { code: 'NN242', severity: 'error', line: 2, text: 'block a(n) {\n  b(n)\n}\nblock b(n) {\n  a(n)\n}\n' + net(['input 2', 'a(4)', 'dense 1 sigmoid']) },
  { code: 'NN243', severity: 'error', line: 1, text: 'block dense(n) {\n  repeat n { flatten }\n}\n' },
  { code: 'NN244', severity: 'error', line: 3, text: net(['input 2', 'shortcut { dense 2 relu }', 'dense 1 sigmoid']) },
  { code: 'NN245', severity: 'error', line: 3, text: net(['input 2', 'repeat 100000 { dense 2 relu }', 'dense 1 sigmoid']) },
  { code: 'NN246', severity: 'error', line: 3, text: net(['input 2', 'residual relu { }', 'dense 1 sigmoid']) },
  { code: 'NN247', severity: 'error', line: 4, text: net(['input 2', 'residual relu {', '  loss mse', '  dense 2 relu', '}', 'dense 1 sigmoid']) },
  { code: 'NN248', severity: 'error', line: 1, text: 'block b(n, n) {\n  dense n relu\n}\n' },
  { code: 'NN301', severity: 'error', line: 4, text: net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid  W: (1, 3)']) },
  { code: 'NN302', severity: 'error', line: 3, text: net(['input 2', 'dense 4 tanh  Z: (4, 300)', 'dense 1 sigmoid'], flower) },
  { code: 'NN303', severity: 'error', line: 3, text: net(['input 2', 'dense 1 sigmoid  W: (1, 2)  W: (1, 2)']) },
  { code: 'NN304', severity: 'error', line: 4, text: net(['input (8, 8, 1)', 'conv2d 2 relu f: 5', 'conv2d 2 relu f: 5', 'flatten', 'dense 1 sigmoid']) },
  { code: 'NN305', severity: 'warning', line: 3, text: net([IMAGE, 'conv2d 6 relu f: 3 stride: 3', 'flatten', 'dense 1 sigmoid']) },
  { code: 'NN306', severity: 'error', line: 3, text: net([IMAGE, 'conv2d 6 relu f: 4 pad: same', 'flatten', 'dense 1 sigmoid']) },
  { code: 'NN307', severity: 'error', line: 4, text: net([IMAGE, 'max_pool f: 2', 'dense 1 sigmoid']) },
  { code: 'NN308', severity: 'error', line: 4, text: net([IMAGE, 'flatten', 'max_pool f: 2', 'dense 1 sigmoid']) },
  { code: 'NN309', severity: 'error', line: 3, text: net(['input 4', 'flatten', 'dense 1 sigmoid']) },
  { code: 'NN310', severity: 'error', line: 3, text: net([IMAGE, 'max_pool f: 2  W: (2, 2)', 'flatten', 'dense 1 sigmoid']) },
  { code: 'NN311', severity: 'error', line: 3, text: net(['input 2', 'rnn 4', 'dense 1 sigmoid']) },
  { code: 'NN312', severity: 'error', line: 3, text: net(['input 2', 'embedding 4', 'dense 1 sigmoid']) },
  { code: 'NN320', severity: 'error', line: 3, text: net(['input 2', 'residual relu { dense 3 relu }', 'dense 1 sigmoid']) },
  { code: 'NN321', severity: 'error', line: 5, text: net([IMAGE, 'concat {', '  branch { conv2d 4 relu f: 3 }', '  branch { }', '}', 'flatten', 'dense 1 sigmoid']) },
  { code: 'NN330', severity: 'error', line: 3, text: net(['input sequence(steps: 5, features: 8)', 'self_attention heads: 3', 'dense 2 softmax']) },
  { code: 'NN331', severity: 'warning', line: 3, text: net(['input sequence(steps: 5, features: 8)', 'self_attention heads: 2 causal', 'global_avg_pool', 'dense 1 sigmoid']) },
  { code: 'NN401', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'learning_rate 0']) },
  { code: 'NN402', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'iterations 0']) },
  { code: 'NN403', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'batch 0']) },
  { code: 'NN404', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'test 1']) },
  { code: 'NN405', severity: 'error', line: 7, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'seed 1', 'seed 2']) },
  { code: 'NN406', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'seed 1.5']) },
  { code: 'NN407', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'log_every 0']) },
  { code: 'NN408', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'learning_rate "fast"']) },
  { code: 'NN409', severity: 'error', line: 5, text: net(['input 2', 'dense 1 sigmoid'], ['data flower(m: 0)']) },
  { code: 'NN410', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'init random(-1)']) },
  { code: 'NN411', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'optimizer momentum(beta: 1)']) },
  { code: 'NN412', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'optimizer adam(epsilon: 0)']) },
  { code: 'NN413', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'l2 -1']) },
  { code: 'NN414', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'decay exponential(rate: 2)']) },
  { code: 'NN415', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'decay inverse(rate: 1, every: 0)']) },
  { code: 'NN416', severity: 'error', line: 3, text: net(['input 2', 'dense 4 tanh  keep_prob: 0', 'dense 1 sigmoid']) },
  { code: 'NN417', severity: 'error', line: 4, text: net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid  keep_prob: 0.5']) },
  { code: 'NN418', severity: 'error', line: 3, text: net([IMAGE, 'conv2d 6 relu f: 5 pad: -1', 'flatten', 'dense 1 sigmoid']) },
  { code: 'NN419', severity: 'error', line: 3, text: net(['input 2', 'dense 4 tanh  norm: bach', 'dense 1 sigmoid']) },
  { code: 'NN420', severity: 'error', line: 3, text: net(['input 2', 'dense 4 tanh  norm: batch', 'dense 1 sigmoid'], ['batch 1']) },
  { code: 'NN421', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], [...flower, 'clip 0']) },
  { code: 'NN501', severity: 'error', line: 5, text: net(['input 2', 'dense 1 sigmoid'], ['data "missing.csv"']) },
  { code: 'NN502', severity: 'error', line: 5, text: net(['input 2', 'dense 1 sigmoid'], ['data "d.csv"']), files: { 'd.csv': 'x1,x2,y\n1,two,0\n' } },
  { code: 'NN503', severity: 'error', line: 5, text: net(['input 3', 'dense 1 sigmoid'], ['data "d.csv"']), files: { 'd.csv': csv } },
  { code: 'NN504', severity: 'error', line: 5, text: net(['input 2', 'dense 3 softmax'], ['data flower(m: 400)']) },
  { code: 'NN505', severity: 'error', line: 5, text: net(['input 3', 'dense 1 sigmoid'], ['data flower(m: 400)']) },
  { code: 'NN506', severity: 'error', line: 7, text: net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], [...flower, 'weights "w.json"']), files: { 'w.json': '{"W1": [[1, 2],' } },
  { code: 'NN507', severity: 'error', line: 7, text: net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], [...flower, 'weights "w.json"']), files: { 'w.json': W({ ...goodWeights, b2: undefined }) } },
  { code: 'NN508', severity: 'error', line: 7, text: net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], [...flower, 'weights "w.json"']), files: { 'w.json': W({ ...goodWeights, W3: [[1]] }) } },
  { code: 'NN509', severity: 'error', line: 7, text: net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], [...flower, 'weights "w.json"']), files: { 'w.json': W({ ...goodWeights, W2: [[1, 2, 3]] }) } },
  { code: 'NN510', severity: 'error', line: 6, text: net(['input 2', 'dense 1 sigmoid'], ['data flower(m: 1)', 'test 0.5']) },
  { code: 'NN511', severity: 'warning', line: 5, text: net(['input 2', 'dense 1 sigmoid'], ['data "../d.csv"']), files: { '../d.csv': csv } },
  { code: 'NN512', severity: 'error', line: 5, text: net(['input 2', 'dense 1 sigmoid'], ['data "/etc/passwd"']), reach: untrusted },
  { code: 'NN513', severity: 'error', line: 5, text: net(['input 4', 'dense 2 softmax'], ['data images("d")']), folders: { d: new ImageFolderError('the image folder /virtual/d has no class subfolders', 'folder') } },
  { code: 'NN514', severity: 'error', line: 5, text: net(['input 4', 'dense 2 softmax'], ['data images("d")']), folders: { d: new ImageFolderError('d/0/a.png: not a PNG or JPEG file', 'image') } },
  { code: 'NN515', severity: 'error', line: 6, text: net(['input (28, 28, 1)', 'flatten', 'dense 2 softmax'], ['data images("d")']), folders: { d: imageFolder(2, 32, 32, 1) } },
  { code: 'NN516', severity: 'error', line: 5, text: net(['input 4', 'dense 2 softmax'], ['data images("d")']), folders: { d: imageFolder(2, 2, 2, 1) } },
  { code: 'NN517', severity: 'error', line: 6, text: net(['input (28, 28, 2)', 'flatten', 'dense 2 softmax'], ['data images("d")']), folders: { d: imageFolder(2, 28, 28, 1) } },
  { code: 'NN518', severity: 'error', line: 6, text: net(['input tokens(steps: 2, vocab: 3)', 'embedding 4', 'dense 3 softmax'], ['data text("t.txt", steps: 2)']), files: { 't.txt': 'abab' } },
  { code: 'NN601', severity: 'warning', line: 7, text: net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], [...flower, 'init zeros']) },
  { code: 'NN602', severity: 'warning', line: 3, text: net(['input 2', 'dense 4 sigmoid', 'dense 1 sigmoid']) },
  { code: 'NN603', severity: 'warning', line: 7, text: net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], [...flower, 'init random(10)']) },
  { code: 'NN604', severity: 'warning', line: 7, text: net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], [...flower, 'init he', 'weights "w.json"']), files: { 'w.json': W(goodWeights) } },
  { code: 'NN701', severity: 'error', line: 3, text: net(['input 100000000', 'dense 1000 relu', 'dense 1 sigmoid'], ['data blobs(classes: 2, features: 100000000)']) },
  { code: 'NN702', severity: 'warning', line: 3, text: net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], ['data flower(m: 5000000)']) },
];

for (const c of cases) {
  test(`${c.code} is reported on line ${c.line} as ${c.severity}`, () => {
    const files = { ...memoryFiles(c.files ?? {}, c.reach), readImageFolder: (p: string) => c.folders?.[path.relative('/virtual', p)] ?? new ImageFolderError('no such folder', 'folder') };
    const { diagnostics } = analyze(c.text, { path: '/virtual/net.nn', files });
    const found = diagnostics.filter((d) => d.code === c.code);
    assert.ok(found.length > 0, `no ${c.code} in ${JSON.stringify(diagnostics.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`))}`);
    assert.equal(found[0].range.start.line, c.line, found[0].message);
    assert.equal(found[0].severity, c.severity);
    assert.ok(found[0].message.length > 10);
  });
}

test('every code in the catalogue has a case above', () => {
  const covered = new Set(cases.map((c) => c.code));
  assert.deepEqual(Object.keys(CODES).filter((code) => !covered.has(code)), []);
});

test('the valid weights file of NN604 raises no weights error', () => {
  const text = net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], [...flower, 'weights "w.json"']);
  const { diagnostics, networks } = analyzeWith(text, { 'w.json': W(goodWeights) });
  assert.deepEqual(diagnostics, []);
  assert.equal(networks[0].spec?.train.weights, '/virtual/w.json');
});

test('docs/diagnostics.md explains every code under its own #nnXXX heading with its severity', () => {
  const doc = readFileSync(path.join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
  for (const [code, info] of Object.entries(CODES)) {
    const section = doc.split(`\n## ${code}\n`)[1];
    assert.ok(section, `no heading for ${code}`);
    assert.ok(section.trimStart().startsWith(`**${info.severity}**`), `${code} severity in docs`);
  }
});

test('docs/diagnostics.md has no heading or table row for a code the catalogue lacks, and its table lists every code once with its severity', () => {
  const doc = readFileSync(path.join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
  const headings = [...doc.matchAll(/^## (NN\d+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings.filter((code) => !(code in CODES)), [], 'headings without a code');
  assert.equal(new Set(headings).size, headings.length, 'a heading given twice');
  const rows = [...doc.matchAll(/^\| \[(NN\d+)\]\(#(nn\d+)\) \| (\w+) \|/gm)];
  assert.deepEqual(rows.filter((r) => !(r[1] in CODES) || r[2] !== r[1].toLowerCase() || CODES[r[1]].severity !== r[3]).map((r) => r[0]), []);
  assert.deepEqual(rows.map((r) => r[1]), Object.keys(CODES), 'the table lists the codes in order, each once');
});

test('NN302 states the rule and the expected shape with m filled in', () => {
  const text = net(['input 2', 'dense 4 tanh  Z: (4, 300)', 'dense 1 sigmoid'], flower);
  const d = analyzeWith(text).diagnostics.find((x) => x.code === 'NN302');
  assert.equal(d?.message.split(':')[0], 'Z[1] must be (n[1], m) = (4, 400), not (4, 300)');
});

test('an error in one layer hides neither the warnings nor the annotation checks of the others', () => {
  const text = net(['input 2', 'dense 4 tahn', 'dense 1 sigmoid  Z: (1, 5)'], [...flower, 'init zeros']);
  const codes = analyzeWith(text).diagnostics.map((d) => `${d.range.start.line}:${d.code}`);
  assert.deepEqual(codes, ['3:NN202', '4:NN302', '7:NN601']);
});

test('a pasted megabyte of a word is quoted short in its message and costs no quadratic suggestion', () => {
  const word = 'x'.repeat(1_000_000);
  const { diagnostics } = analyze(`network n {\n  input 2\n  dense 1 ${word}\n}\n`);
  assert.ok(diagnostics.length > 0);
  for (const d of diagnostics) assert.ok(d.message.length < 400, `${d.code}: ${d.message.length} characters`);
  assert.ok(diagnostics.some((d) => d.message.includes(`\`${'x'.repeat(39)}…\``)), diagnostics.map((d) => d.message).join('\n'));
});

test('a `network a {` never closed before the next network is one NN105, not also "no input" and "no layer"', () => {
  const { diagnostics } = analyze('network a {\nnetwork b {\n  input 2\n  dense 1 sigmoid\n}\n');
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.code}`), ['1:NN105']);
});
