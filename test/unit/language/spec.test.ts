// Held-out style cases written from /work/shared/spec/nn-language.md alone: valid files in every
// spelling the spec allows, and files with exactly one mistake, which must give exactly one error
// on the line that causes it (no cascades).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeWith, ROOT } from './helpers';
import { denseOnly } from '../../../core/layers/dense';

const FLOWER = 'data flower(m: 400, noise: 0.2)';

/** A network block with `body` lines and, when given, a train block of `settings`. */
function net(body: string[], settings?: string[], name = 'n'): string {
  const train = settings ? ['  train {', ...settings.map((s) => `    ${s}`), '  }'] : [];
  return [`network ${name} {`, ...body.map((s) => `  ${s}`), ...train, '}', ''].join('\n');
}

function errors(text: string, files: Record<string, string> = {}) {
  return analyzeWith(text, files).diagnostics.filter((d) => d.severity === 'error');
}

/** Exactly one error, with this code, starting on this line. */
function oneError(text: string, code: string, line: number, files: Record<string, string> = {}) {
  const found = errors(text, files);
  assert.deepEqual(found.map((d) => `${d.range.start.line} ${d.code}`), [`${line} ${code}`], found.map((d) => d.message).join('\n'));
  return found[0];
}

function clean(text: string, files: Record<string, string> = {}) {
  const a = analyzeWith(text, files);
  assert.deepEqual(a.diagnostics.map((d) => `${d.range.start.line} ${d.code}: ${d.message}`), []);
  return a;
}

test('§2 a `{` on a line of its own is one error, and the block still reads', () => {
  const d = oneError('network n\n{\n  input 2\n  dense 1 sigmoid\n}\n', 'NN104', 2);
  assert.match(d.message, /`network n`/);
  oneError(net(['input 2', 'dense 1 sigmoid'], []).replace('train {', 'train\n  {'), 'NN104', 5);
});

test('§2 a name is ASCII: a word with another script\'s letter is one error, not a name and a stray character', () => {
  const d = oneError(net(['input 2', 'dense 4 tänh', 'dense 1 sigmoid']), 'NN101', 3);
  assert.match(d.message, /`tänh`/);
  clean(net(['input 2   # tänh, 日本, 🎉 in a comment', 'dense 1 sigmoid']));
});

test('§2 a missing `}` of train, whose network\'s `}` then closes it, is reported at train\'s `{`', () => {
  const text = 'network a {\n  input 2\n  dense 1 sigmoid\n  train {\n    seed 1\n}\n\nnetwork b {\n  input 2\n  dense 1 sigmoid\n}\n';
  const d = oneError(text, 'NN105', 4);
  assert.match(d.message, /`train`.*line 6/);
  assert.equal(analyzeWith(text).networks[1].spec?.name, 'b');
  // The same `}` at train's own indentation closes train: then the network is the unclosed one.
  oneError(text.replace('\n}\n\nnetwork b', '\n  }\n\nnetwork b'), 'NN105', 1);
});

test('§2 a network name that is not a name is one error, and the network is still checked', () => {
  for (const name of ['2nets', 'my-net', '"net"']) {
    const a = analyzeWith(`network ${name} {\n  input 2\n  dense 1 sigmid\n}\n`);
    assert.deepEqual(a.diagnostics.map((d) => d.range.start.line), [1, 3], name);
  }
});

test('§2 `.5` and `-.5` are one error each, asking for the leading digit', () => {
  assert.match(oneError(net(['input 2', 'dense 1 sigmoid'], ['learning_rate .5']), 'NN103', 5).message, /write 0\.5$/);
  assert.match(oneError(net(['input 2', 'dense 1 leaky_relu(-.5)']), 'NN103', 3).message, /write -0\.5$/);
});

test('§2 strings are in double quotes: \'file.csv\' or an unquoted path is one error saying so', () => {
  assert.match(oneError(net(['input 2', 'dense 1 sigmoid'], ["data 'd.csv'"]), 'NN101', 5).message, /double quotes: write "d\.csv"/);
  assert.match(oneError(net(['input 2', 'dense 1 sigmoid'], ['data data/d.csv']), 'NN101', 5).message, /write it as a string, "data\/d\.csv"/);
  // Only the first bad character of a line is reported; the next line is still read.
  oneError(net(['input 2 @ $ %', 'dense 1 sigmoid']), 'NN101', 2);
  assert.deepEqual(errors(net(['input 2;', 'dense 1 sigmoid;'])).map((d) => d.range.start.line), [2, 3]);
});

test('§2 integers are `[0-9]+`: 4.0 and 1e3 are numbers, so not a count of units or of iterations', () => {
  assert.match(oneError(net(['input 2', 'dense 4.0 tanh', 'dense 1 sigmoid']), 'NN215', 3).message, /positive integer, not 4\.0/);
  oneError(net(['input 2', 'dense 1 sigmoid'], ['iterations 1e3']), 'NN402', 5);
  clean(net(['input 2', 'dense 1 sigmoid'], ['learning_rate 1e-3', 'iterations 1000']));
});

test('§3 a misspelt `dense` or `input` is one unknown-statement error, not also a missing layer or input', () => {
  assert.match(oneError(net(['input 2', 'dens 1 sigmoid']), 'NN201', 3).message, /did you mean `dense`/);
  assert.match(oneError(net(['inptu 2', 'dense 4 tanh', 'dense 1 sigmoid']), 'NN201', 2).message, /did you mean `input`/);
  // A misspelt `loss` cannot stand for the layer, so a network without one still says so.
  assert.deepEqual(errors(net(['input 2', 'los mse'])).map((d) => d.code), ['NN213', 'NN201']);
});

test('§3 softmax with one unit is one error, not also a label mismatch with the data', () => {
  oneError(net(['input 2', 'dense 1 softmax'], [FLOWER]), 'NN217', 3);
  oneError(net(['input 2', 'dense 1 softmax'], ['data "d.csv"']), 'NN217', 3, { 'd.csv': '1,2,0\n3,4,1\n' });
});

test('§3 data that does not fit n[0] is reported once, on `data`, not again on `test`', () => {
  oneError(net(['input 3', 'dense 1 sigmoid'], [FLOWER, 'test flower(m: 100)']), 'NN505', 5);
  oneError(net(['input 3', 'dense 1 sigmoid'], ['data "a.csv"', 'test "b.csv"']), 'NN503', 5, { 'a.csv': '1,2,0\n', 'b.csv': '1,2,0\n' });
  // A test set that alone does not fit is still reported, on its own line.
  oneError(net(['input 2', 'dense 1 sigmoid'], [FLOWER, 'test spiral(m: 90, classes: 3)']), 'NN504', 6);
});

test('§1 the spec\'s first example, with CRLF line endings and tabs, is clean', () => {
  const text = [
    '# Planar "flower" classifier: one hidden layer of 4 tanh units.',
    'network planar {',
    '\tinput 2\t\t# n[0]: features per example',
    '\tdense 4 tanh\t# layer 1: W[1] (4, 2)  b[1] (4, 1)',
    '\tdense 1 sigmoid  W: (1, 4)',
    '\tloss cross_entropy',
    '',
    '\ttrain {',
    `\t\t${FLOWER}`, '\t\tinit xavier', '\t\tlearning_rate 1.2', '\t\titerations 10000', '\t\tseed 3',
    '\t}',
    '}',
  ].join('\r\n');
  const [planar] = clean(text).networks;
  assert.deepEqual(planar.spec?.layers, [{ kind: 'dense', units: 4, activation: { name: 'tanh' } }, { kind: 'dense', units: 1, activation: { name: 'sigmoid' } }]);
  assert.equal(planar.m, 400);
});

test('§2 line breaks and comments inside ( … ), escapes in strings, leaky_relu(0.2), random(0.5), batch full', () => {
  const text = net([
    'input 2',
    'dense 4 leaky_relu(   # the slope:',
    '    0.2)  W: (4,     # rows',
    '              2)  b: (4, 1)  Z: (4, m)',
    'dense 1 sigmoid',
  ], ['data flower(m: 400,', '            noise: 0.2)', 'test "t\\"1\\\\.csv"', 'init random(0.5)', 'batch full']);
  const [n] = clean(text, { 't"1\\.csv': '0.1,0.2,1\n' }).networks;
  assert.deepEqual(n.spec && denseOnly(n.spec).layers[0].activation, { name: 'leaky_relu', slope: 0.2 });
  assert.equal(n.spec?.train.batch, 'full');
});

test('§4 a label\'s row is its line in the CSV file, counting the header and skipped blank lines', () => {
  const d = oneError(net(['input 2', 'dense 1 sigmoid'], ['data "d.csv"']), 'NN504', 5, { 'd.csv': 'x1,x2,y\n0,0,1\n\n1,1,2\n' });
  assert.match(d.message, /d\.csv, row 4, column 3: the label 2/);
});

// ---- §7: the built command line ----

const CLI = path.join(ROOT, 'dist', 'cli.js');

function nn(cwd: string, ...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder holding `files`, for paths relative to the current directory. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nn-spec-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const TWO = net(['input 2', 'dense 1 sigmoid'], [FLOWER, 'iterations 50'], 'first')
  + net(['input 2', 'dense 3 relu', 'dense 1 sigmoid'], ['data "d.csv"', 'test 0.25', 'iterations 7', 'log_every 3'], 'second');

test('§7 nn train --network NAME --iterations N --json: one object with the spec fields', () => {
  const dir = folder({ 'two.nn': TWO, 'd.csv': 'a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.5,0.5,1\n-0.5,1e-3,0\n1,2,1\n2,1,0\n' });
  const r = nn(dir, 'train', 'two.nn', '--network', 'second', '--iterations', '5', '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(out).sort(), ['costs', 'final_cost', 'iterations', 'network', 'seconds', 'test_accuracy', 'train_accuracy']);
  assert.equal(out.network, 'second');
  assert.equal(out.iterations, 5);
  // Recorded: 0, every log_every (3), and the last iteration (4).
  assert.deepEqual((out.costs as [number, number][]).map(([i]) => i), [0, 3, 4]);
  assert.equal(typeof out.test_accuracy, 'number');
  // Without --network, the first network.
  assert.equal((JSON.parse(nn(dir, 'train', 'two.nn', '--iterations', '1', '--json').stdout) as { network: string }).network, 'first');
});

test('§7 nn train exits 1 on an error in the file and 2 when the cost diverges, naming the iteration', () => {
  const dir = folder({
    'bad.nn': net(['input 3', 'dense 1 sigmoid'], [FLOWER]),
    'wild.nn': net(['input 2', 'dense 8 relu', 'dense 1 linear'], [FLOWER, 'learning_rate 10', 'iterations 1000']),
  });
  const bad = nn(dir, 'train', 'bad.nn');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^bad\.nn:5:10: error NN505: /m);
  const wild = nn(dir, 'train', 'wild.nn');
  assert.equal(wild.code, 2, wild.stderr);
  assert.match(wild.stderr, /at iteration \d+.*smaller learning rate/);
});

test('§7 nn check: several files, warnings alone exit 0, the line format holds for each file', () => {
  const dir = folder({
    'ok.nn': net(['input 2', 'dense 4 sigmoid', 'dense 1 sigmoid']),
    'empty.nn': '',
    'comments.nn': '# only a comment\n# ünïcödé\n',
  });
  const r = nn(dir, 'check', 'ok.nn', 'empty.nn', 'comments.nn');
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /^ok\.nn:3:11: warning NN602: sigmoid in hidden layer 1/m);
  const withError = nn(dir, 'check', 'ok.nn', 'missing.nn');
  assert.equal(withError.code, 1);
  assert.match(withError.stdout, /^missing\.nn:1:1: error NN501: /m);
});

test('§4 a seed outside the generator\'s 32 bits is an error rather than the same run as a smaller seed', () => {
  for (const seed of ['4294967296', '99999999999999999999']) {
    assert.match(oneError(net(['input 2', 'dense 1 sigmoid'], [FLOWER, `seed ${seed}`]), 'NN406', 6).message, /from 0 to 4294967295, not \d+$/);
  }
  for (const seed of [0, 4294967295]) {
    assert.equal(clean(net(['input 2', 'dense 1 sigmoid'], [FLOWER, `seed ${seed}`])).networks[0].spec?.train.seed, seed);
  }
});
