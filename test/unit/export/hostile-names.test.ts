// Exported scripts never run code from a name (issue 23): the .nn file's name, the script's, the
// data and weights paths and the network's name reach the script only as the values of string
// constants. Python's own parser proves it: the script made from each hostile name parses, and its
// tree equals the one made from plain names once string constants are blanked — so no name added or
// changed a statement, and none ended a comment or the docstring early.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../core/language';
import type { NetworkSpec } from '../../../core/foundation/model';
import { exportOnnx, exportPytorch } from '../../../core/services/export';
import { className, pyEscaped } from '../../../core/services/export/python';
import { modelProto } from '../../../core/services/export/onnxProto';

const root = join(__dirname, '../../../..');

const HOSTILE = [
  'p""";__import__("os").system("id>PWNED");"""', // the reproduction
  '\\N', 'ends with \\', '\\N{BULLET}', '"', "'''", "it's", '# not a comment',
  'two\nlines = 1', 'cr\rhere', 'tab\there', 'esc\x1b[31mred', 'osc52\x1b]52;c;cHduZWQ=\x07', 'nul\x00byte',
  'r\u00e9seau 网络 🧠', 'bidi\u202eyp.exe', 'line\u2028sep', 'lone\ud800surrogate', 'c1\u009bcsi', '{x}',
];

function planar(): NetworkSpec {
  const text = readFileSync(join(root, 'examples', 'planar.nn'), 'utf8');
  return analyze(text, { path: join(root, 'examples', 'planar.nn') }).networks[0].spec!;
}

/**
 * The script made when every name and path the exporter is given is `name` (its plain twin:
 * 'planar'), the network's too — the language allows only identifiers there, the exporter takes any.
 * The class named after the network is an identifier made from it: renamed Planar to compare.
 */
function script(name: string): string {
  const spec = planar();
  const dir = '/tmp/export';
  const hostile: NetworkSpec = { ...spec, name, train: { ...spec.train, data: { kind: 'csv', path: join(dir, `${name}.csv`) }, test: { kind: 'csv', path: join(dir, `${name}.test.csv`) } } };
  const [file] = exportPytorch(hostile, join(dir, `${name}.py`), join(dir, `${name}.nn`), join(dir, `${name}.weights.json`));
  const cls = className(name);
  return (file.content as string).replace(`\nclass ${cls}(`, '\nclass Planar(').replace(`\nMODEL = ${cls}\n`, '\nMODEL = Planar\n');
}

/** Python's verdict on each [hostile, plain] pair: parses, same tree up to string values, and which constants hold the name. */
const CHECK = String.raw`
import ast, base64, json, sys

def blanked(source):
    tree = ast.parse(base64.b64decode(source))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ''
    return ast.dump(tree)

def constants(source):
    return [n.value for n in ast.walk(ast.parse(base64.b64decode(source))) if isinstance(n, ast.Constant) and isinstance(n.value, str)]

out = []
for case in json.load(sys.stdin):
    try:
        same = blanked(case['hostile']) == blanked(case['plain'])
        holding = sum(1 for c in constants(case['hostile']) if case['name'] in c)
        out.append({'same': same, 'holding': holding})
    except SyntaxError as e:
        out.append({'error': str(e)})
print(json.dumps(out))
`;

/** Each case's scripts go as the UTF-8 bytes a file would hold (so a lone surrogate arrives as the file would have it). */
function python(cases: Array<{ name: string; hostile: string; plain: string }>): unknown {
  const bytes = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const input = cases.map((c) => ({ name: c.name, hostile: bytes(c.hostile), plain: bytes(c.plain) }));
  const r = spawnSync('python3', ['-c', CHECK], { input: JSON.stringify(input), encoding: 'utf8' });
  assert.equal(r.status, 0, `python3 failed: ${r.error ?? r.stderr}`);
  return JSON.parse(r.stdout);
}

test('a script made from hostile names parses in Python, names only inside string constants', () => {
  const plain = script('planar');
  const verdicts = python(HOSTILE.map((name) => ({ name, hostile: script(name), plain }))) as Array<{ same?: boolean; holding?: number; error?: string }>;
  verdicts.forEach((v, k) => {
    const name = JSON.stringify(HOSTILE[k]);
    assert.equal(v.error, undefined, `${name}: the script does not parse`);
    assert.equal(v.same, true, `${name}: the script's statements differ from the plain one's`);
    // the docstring (network, source, script), NETWORK, DATA, TEST and WEIGHTS hold the name
    assert.ok((v.holding ?? 0) >= 5, `${name}: the name reached only ${v.holding} string constants intact`);
  });
});

test('no hidden character reaches the script text, where `cat` or an editor would act on it', () => {
  for (const name of HOSTILE) {
    const hidden = script(name).match(/[^\p{L}\p{M}\p{N}\p{P}\p{S} \n]/u);
    assert.equal(hidden, null, `${JSON.stringify(name)}: ${JSON.stringify(hidden?.[0])} in the script`);
  }
});

test('escaped text is the text: Python reads each escaped name back as itself', () => {
  const read = python(HOSTILE.map((name) => ({ name, hostile: `x = "${pyEscaped(name)}"\n"""${pyEscaped(name)}"""\n# ${pyEscaped(name)}\n`, plain: 'x = ""\n""""""\n' })));
  (read as Array<{ same?: boolean; holding?: number }>).forEach((v, k) => {
    assert.equal(v.same, true, JSON.stringify(HOSTILE[k]));
    assert.equal(v.holding, 2, JSON.stringify(HOSTILE[k]));
  });
});

test("the ONNX model's strings are well-formed UTF-8 with no hidden characters, whatever the network is named", () => {
  const spec = planar();
  const weights = { W1: new Float64Array(8), b1: new Float64Array(4), W2: new Float64Array(4), b2: new Float64Array(1) };
  for (const name of HOSTILE) {
    const [file] = exportOnnx({ ...spec, name }, '/tmp/x.onnx', weights, {});
    const proto = modelProto();
    const model = proto.toObject(proto.decode(file.content as Uint8Array)) as { doc_string: string; graph: { name: string } };
    for (const text of [model.doc_string, model.graph.name]) {
      assert.doesNotMatch(text, /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/u, `${JSON.stringify(name)}: ${JSON.stringify(text)}`);
      assert.ok(Buffer.from(text, 'utf8').toString('utf8') === text);
    }
  }
});
