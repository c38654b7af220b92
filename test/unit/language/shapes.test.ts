import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../core/language';
import { syntaxShapes } from '../../../core/language/shapes';
import { ROOT } from './helpers';

/** `l: W` for each layer of the file's first network whose parameter shapes resolve. */
function shapesOf(text: string): string[] {
  const { ast } = analyze(text, { files: null });
  return [...syntaxShapes(ast.networks[0]).values()].map((s) => `${s.l}: (${s.parameters!.W!.join(', ')}) (${s.parameters!.b!.join(', ')}) ${s.params}`);
}

const NET = 'network n {\n  input 2\n  dense 4 tanh\n  dense 3 relu\n  dense 1 sigmoid\n}\n';

test('every layer of a correct network, with W, b and the parameter count', () => {
  assert.deepEqual(shapesOf(NET), ['1: (4, 2) (4, 1) 12', '2: (3, 4) (3, 1) 15', '3: (1, 3) (1, 1) 4']);
});

test('a bad activation changes no shape: every layer still resolves', () => {
  const text = NET.replace('dense 4 tanh', 'dense 4 tanhh');
  assert.ok(analyze(text, { files: null }).diagnostics.some((d) => d.severity === 'error'));
  assert.deepEqual(shapesOf(text), shapesOf(NET));
});

test('errors in the train block, a missing activation or another network hide nothing', () => {
  const broken = [
    NET.replace('}\n', '  train {\n    learning_rate -1\n    bogus 3\n  }\n}\n'),
    NET.replace('dense 3 relu', 'dense 3'),
    `${NET}network other {\n  dense x\n}\n`,
  ];
  for (const text of broken) assert.deepEqual(shapesOf(text), shapesOf(NET), text);
});

test('a bad size leaves out only the layers it is a size of', () => {
  assert.deepEqual(shapesOf(NET.replace('dense 3 relu', 'dense 3.0 relu')), ['1: (4, 2) (4, 1) 12']);
  assert.deepEqual(shapesOf(NET.replace('dense 4 tanh', 'dense 0 tanh')), ['3: (1, 3) (1, 1) 4']);
});

test('without input, layer 1 has no W but the next layers do', () => {
  assert.deepEqual(shapesOf(NET.replace('  input 2\n', '')), ['2: (3, 4) (3, 1) 15', '3: (1, 3) (1, 1) 4']);
});

test('on the examples, the same shapes as the checker', () => {
  const dir = path.join(ROOT, 'examples');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.nn'))) {
    const analysis = analyze(readFileSync(path.join(dir, name), 'utf8'), { path: path.join(dir, name) });
    analysis.ast.networks.forEach((node, i) => {
      // the lines alone give the shapes of a straight network; inside groups (residual-lesson.nn)
      // a layer's input comes from the tree, which only the checker's walk knows
      if (analysis.networks[i].tree) return;
      const fromSyntax = [...syntaxShapes(node).values()].map((s) => [s.l, s.parameters?.W ?? [], s.parameters?.b ?? [], s.params]);
      const fromChecker = analysis.networks[i].layers.map((l) => [l.index, l.W, l.b, l.params]);
      assert.ok(fromChecker.length > 0, name);
      assert.deepEqual(fromSyntax, fromChecker, name);
    });
  }
});
