import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, hoverText, openText, PLANAR, positionOf } from './helpers';

/** The hover's Markdown, with the escapes of the course's brackets (`W\\[1\\]`) read back as `W[1]`. */
async function hoverAt(doc: vscode.TextDocument, needle: string, offset = 0): Promise<string> {
  return (await rawHoverAt(doc, needle, offset)).replace(/\\([[\]])/g, '$1');
}

async function rawHoverAt(doc: vscode.TextDocument, needle: string, offset = 0): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, needle, offset));
  return hoverText(hovers);
}

/** LeNet-5 on 28×28 digits (spec §8), for the conv tests of the hover, completion and quick-fix suites. */
export const LENET = [
  'network lenet {',
  '  input (28, 28, 1)',
  '  conv2d 6 relu f: 5',
  '  max_pool f: 2',
  '  conv2d 16 relu f: 5',
  '  max_pool f: 2',
  '  flatten',
  '  dense 120 relu',
  '  dense 84 relu',
  '  dense 10 softmax',
  '}',
  '',
].join('\n');

/** Markdown as VS Code's Markdown extension renders it, in HTML. */
export async function rendered(markdown: string): Promise<string> {
  return vscode.commands.executeCommand<string>('markdown.api.render', markdown);
}

export function hoverTests(): void {
  suite('hover', () => {
    let doc: vscode.TextDocument;
    suiteSetup(async () => {
      await activate();
      doc = await openText(PLANAR);
    });
    suiteTeardown(closeAll);

    test('a dense line shows every matrix of its layer in symbols and numbers, m and the parameter count', async () => {
      const text = await hoverAt(doc, 'dense 4 tanh', 1);
      for (const row of [
        'W[1], dW[1] | `(n[1], n[0]) = (4, 2)`',
        'b[1], db[1] | `(n[1], 1) = (4, 1)`',
        'Z[1], A[1], dZ[1] | `(n[1], m) = (4, 400)`',
      ]) assert.ok(text.includes(row), `missing ${row} in:\n${text}`);
      assert.match(text, /m\* = 400/);
      assert.match(text, /\*\*12\*\* parameters/, '4·2 + 4 = 12 parameters');
    });

    test('a layer hover is short and narrow, so a panel beside or below the editor does not cut it', async () => {
      const lines = (await hoverAt(doc, 'dense 4 tanh', 1)).split('\n').filter((line) => line.trim() !== '');
      assert.ok(lines.length <= 8, `${lines.length} lines:\n${lines.join('\n')}`);
      for (const line of lines) assert.ok(line.length <= 60, `${line.length} characters: ${line}`);
    });

    test('the course notation renders as written, not as a Markdown link', async () => {
      const annotated = await openText(PLANAR.replace('dense 4 tanh', 'dense 4 tanh  A: (4, m)'));
      const html = await rendered(await rawHoverAt(annotated, 'A: (4, m)'));
      assert.ok(html.includes('A[l] = g[l](Z[l])'), html);
      assert.doesNotMatch(html, /<a\b/);
      const layer = await rendered(await rawHoverAt(annotated, 'dense 4 tanh', 1));
      assert.ok(layer.includes('W[1], dW[1]'), layer);
    });

    test('the output layer uses n[1] as its previous size', async () => {
      const text = await hoverAt(doc, 'dense 1 sigmoid', 1);
      assert.ok(text.includes('W[2] | `(n[2], n[1]) = (1, 4)`'), text);
      assert.match(text, /\*\*5\*\*/);
    });

    test('input shows X = A[0] as (n[0], m)', async () => {
      const text = await hoverAt(doc, 'input 2', 1);
      assert.ok(text.includes('(n[0], m) = (2, 400)'), text);
    });

    test('an annotation shows its rule and the expected shape', async () => {
      const text = await hoverAt(doc, 'W: (1, 4)');
      assert.ok(text.includes('(n[l], n[l−1])'), text);
      assert.ok(text.includes('W[2] must be `(n[2], n[1]) = (1, 4)`'), text);
    });

    test('an activation shows g(z) and g′(z)', async () => {
      const text = await hoverAt(doc, 'dense 4 tanh', 'dense 4 t'.length);
      assert.match(text, /g\(z\) =/);
      assert.ok(text.includes('g′(z) = 1 − a²'), text);
    });

    test('a loss shows the cost formula and dZ[L]', async () => {
      const text = await hoverAt(doc, 'cross_entropy', 2);
      assert.ok(text.includes('J = −(1/m)'), text);
      assert.ok(text.includes('dZ[L] = A[L] − Y'), text);
    });

    test('a generator shows its doc and its named arguments with defaults', async () => {
      const text = await hoverAt(doc, 'flower(', 1);
      assert.match(text, /flower/);
      assert.match(text, /`m` \| 400/);
      assert.match(text, /`noise` \| 0\.2/);
    });

    test('a training setting shows its meaning and default', async () => {
      const text = await hoverAt(doc, 'learning_rate', 1);
      assert.ok(text.includes('α'), text);
      assert.match(text, /Default: 0\.01/);
    });

    test('a network\'s name sums it up: sizes, parameters, loss', async () => {
      const text = await hoverAt(doc, 'planar {', 1);
      assert.ok(text.includes('L = 2, n = 2 → 4 → 1'), text);
      assert.match(text, /17 parameters/);
      assert.match(text, /cross_entropy/);
    });

    test('`optimizer adam` shows Adam\'s update rule; the layer hover lists v_dW[l], s_dW[l] and D[l]', async () => {
      const course2 = await openText(PLANAR
        .replace('dense 4 tanh', 'dense 4 tanh  keep_prob: 0.8')
        .replace('    seed 3', '    seed 3\n    optimizer adam\n    l2 0.7'));
      const rule = await hoverAt(course2, 'adam', 1);
      assert.ok(rule.includes('v_dW[l] = β₁·v_dW[l] + (1 − β₁)·dW[l]'), rule);
      assert.ok(rule.includes('s_dW[l] = β₂·s_dW[l] + (1 − β₂)·dW[l]²'), rule);
      assert.ok(rule.includes('| `beta1` (β₁) | 0.9 |'), rule);
      const setting = await hoverAt(course2, 'optimizer', 1);
      assert.ok(setting.includes('W[l] = W[l] − α·v_corrected / (√s_corrected + ε)'), setting);
      assert.ok((await hoverAt(course2, 'l2 0.7', 1)).includes('dW[l] = dW[l] + (λ/m)·W[l]'));
      const layer = await hoverAt(course2, 'dense 4 tanh', 1);
      assert.ok(layer.includes('W[1], dW[1], v_dW[1], s_dW[1] | `(n[1], n[0]) = (4, 2)`'), layer);
      assert.ok(layer.includes('b[1], db[1], v_db[1], s_db[1] | `(n[1], 1) = (4, 1)`'), layer);
      assert.ok(layer.includes('D[1] | `(n[1], m) = (4, 400)`'), layer);
      assert.ok(layer.includes('A[1] = A[1] ⊙ D[1] / 0.8'), layer);
      for (const line of layer.split('\n')) assert.ok(line.length <= 60, `${line.length} characters: ${line}`);
      assert.ok((await hoverAt(course2, 'keep_prob', 1)).includes('dA[l] = dA[l] ⊙ D[l] / keep_prob'));
      const html = await rendered(await rawHoverAt(course2, 'dense 4 tanh', 1));
      assert.doesNotMatch(html, /<a\b/);
      const plain = await hoverAt(doc, 'dense 4 tanh', 1);
      assert.ok(!plain.includes('v_dW') && !plain.includes('D[1]'), `gd keeps no state:\n${plain}`);
    });

    test('conv2d 6 relu f: 5 shows its 4-tuples, the formula from 28 to 24 and 5·5·1·6 + 6 = 156 parameters', async () => {
      const lenet = await openText(LENET);
      const text = await hoverAt(lenet, 'conv2d 6 relu f: 5', 1);
      assert.ok(text.includes('`n_H[1] = ⌊(28 + 2·0 − 5)/1⌋ + 1 = 24`'), text);
      assert.ok(text.includes('`n_W[1] = ⌊(28 + 2·0 − 5)/1⌋ + 1 = 24`'), text);
      assert.ok(text.includes('W[1], dW[1] | `(f, f, n_C[0], n_C[1]) = (5, 5, 1, 6)`'), text);
      assert.ok(text.includes('Z[1], A[1], dZ[1] | `(m, n_H[1], n_W[1], n_C[1]) = (m, 24, 24, 6)`'), text);
      assert.ok(text.includes('`f·f·n_C[0]·n_C[1] + n_C[1] = 5·5·1·6 + 6 = 156`'), text);
      assert.doesNotMatch(await rendered(await rawHoverAt(lenet, 'conv2d 6 relu f: 5', 1)), /<a\b/);
      const pool = 'conv2d 6 relu f: 5\n  max_pool';
      assert.ok((await hoverAt(lenet, pool, pool.length - 2)).includes('`n_H[2] = ⌊(24 + 2·0 − 2)/2⌋ + 1 = 12`'));
      assert.ok((await hoverAt(lenet, 'flatten', 1)).includes('`n[5] = n_H[4]·n_W[4]·n_C[4] = 4·4·16 = 256`'));
      assert.ok((await hoverAt(lenet, 'input (28', 1)).includes('= (m, 28, 28, 1)'));
      assert.ok((await hoverAt(lenet, 'conv2d 6 relu f: 5', 'conv2d 6 relu '.length)).includes('**f** (f[l] in the formula)'));
      assert.ok((await hoverAt(lenet, 'dense 120', 1)).includes('120·256 + 120'), 'the dense layer after flatten reads n[5] = 256');
      const network = await hoverAt(lenet, 'lenet {', 1);
      assert.ok(network.includes('n = 28×28×1 → 24×24×6 → 12×12×6 → 8×8×16 → 4×4×16 → 256 → 120 → 84 → 10'), network);
      assert.match(network, /44,426 parameters/);
    });

    test('blank lines and comments have no hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 3));
      assert.equal(hovers.length, 0);
    });
  });
}
