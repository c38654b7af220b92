// `data images("FOLDER")` in the language (spec §8 "Data"): parsing, and the checks of
// core/language/data.ts against the folder's listing and image headers, read from disk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze, diskFiles, type Diagnostic } from '../../../core/language';
import { collector } from '../../../core/language/context';
import { checkTrain } from '../../../core/language/settings';
import { parse } from '../../../core/language/parser';
import type { TrainNode } from '../../../core/language/ast';
import { folder, jpeg, png } from '../data/imageFiles';

const digit = (v: number) => png(2, 2, 0, [v, v, v, v]);

function withFolder(files: Record<string, Buffer | string>, run: (root: string) => void): void {
  const dir = folder(files);
  try {
    run(dir.root);
  } finally {
    dir.remove();
  }
}

/** A vector-input network reading `data` and writing nothing else, as root/net.nn. */
function check(root: string, data: string, input = 'input 4', output = 'dense 2 softmax') {
  const text = ['network n {', `  ${input}`, `  ${output}`, '  train {', `    data ${data}`, '  }', '}', ''].join('\n');
  return analyze(text, { path: path.join(root, 'net.nn'), files: diskFiles });
}

/** The parsed `train { … }` block holding these settings. */
function trainBlock(...settings: string[]): TrainNode {
  const text = ['network n {', '  train {', ...settings.map((s) => `    ${s}`), '  }', '}', ''].join('\n');
  return parse(text).ast.networks[0].statements.find((s): s is TrainNode => s.kind === 'train')!;
}

const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.code}`);

test('images("FOLDER") parses as a data source resolved against the .nn file; m is the number of images', () => {
  withFolder({ 'train/0/a.png': digit(0), 'train/1/a.png': digit(1), 'train/1/b.jpg': jpeg(1, 1, [[7]]) }, (root) => {
    const { diagnostics, networks } = check(root, 'images("train")');
    // Everything but the vector input is fine: the folder's 3 images are counted.
    assert.deepEqual(codes(diagnostics), ['5:NN516']);
    assert.equal(networks[0].m, 3);
    const { ctx } = collector([], diskFiles, (p) => path.resolve(root, p));
    const train = checkTrain(ctx, trainBlock('data images("train")', 'test images("../x/test")'));
    assert.deepEqual(train.data?.source, { kind: 'images', path: path.join(root, 'train') });
    assert.deepEqual(train.test?.source, { kind: 'images', path: path.resolve(root, '../x/test') });
  });
});

test('images takes exactly one string (NN207); a misspelt source suggests it (NN205); a string is no number elsewhere', () => {
  withFolder({}, (root) => {
    for (const bad of ['images', 'images()', 'images(3)', 'images(path: 3)', 'images("a", "b")']) {
      const d = check(root, bad).diagnostics.filter((x) => x.code === 'NN207');
      assert.equal(d.length, 1, bad);
      assert.match(d[0].message, /`images` takes one argument, the folder as a string \(one subfolder per class\): write e\.g\. `images\("digits\/train"\)`/);
    }
    const typo = check(root, 'image("train")').diagnostics[0];
    assert.equal(typo.code, 'NN205');
    assert.match(typo.message, /did you mean `images`\?/);
    const slope = check(root, 'xor()', 'input 2', 'dense 2 leaky_relu("x")').diagnostics.find((x) => x.code === 'NN207');
    assert.match(slope!.message, /`leaky_relu` takes a number, SLOPE, not a string/);
    assert.ok(check(root, 'flower("x")').diagnostics.some((x) => x.code === 'NN207'));
  });
});

test('NN516: image data on a vector input, with a fix that writes the images\' size', () => {
  withFolder({ 'd/0/a.png': digit(0), 'd/1/a.png': digit(0) }, (root) => {
    const d = check(root, 'images("d")').diagnostics;
    assert.deepEqual(codes(d), ['5:NN516']);
    assert.equal(d[0].message, 'images(…) gives image data, but input is the vector n[0] = 4: write the image size as `input (N_H, N_W, N_C)`, here (2, 2, 1)');
    assert.deepEqual(d[0].fixes?.map((f) => [f.title, f.edits[0].newText, f.edits[0].range.start.line]), [['Change input to (2, 2, 1)', '(2, 2, 1)', 2]]);
  });
  withFolder({ 'd/0/a.png': digit(0), 'd/1/a.png': png(1, 1, 2, [1, 2, 3]) }, (root) => {
    // Images of two sizes: no size to offer.
    assert.equal(check(root, 'images("d")').diagnostics[0].fixes, undefined);
  });
});

test('NN513: a missing or empty folder, a file, a class folder without images', () => {
  withFolder({ 'loose/a.png': digit(0), 'loose/b/x.txt': 'x', 'flat.png': digit(0), 'empty/.keep': '' }, (root) => {
    const message = (data: string) => {
      const d = check(root, data).diagnostics;
      assert.deepEqual(codes(d), ['5:NN513'], data);
      return d[0].message;
    };
    assert.match(message('images("nope")'), /^cannot read the image folder .*\/nope: no such file$/);
    assert.match(message('images("flat.png")'), /flat\.png is not a folder: image data is a folder with one subfolder per class/);
    assert.match(message('images("empty")'), /the image folder .*\/empty has no class subfolders/);
    assert.equal(message('images("loose")'), 'the class folder loose/b has no PNG or JPEG file');
  });
});

test('NN514: the first image whose header cannot be read is named', () => {
  withFolder({ 'd/0/a.png': digit(0), 'd/1/a.png': 'text', 'd/1/b.png': 'text' }, (root) => {
    const d = check(root, 'images("d")').diagnostics;
    assert.deepEqual(codes(d), ['5:NN514']);
    assert.equal(d[0].message, 'd/1/a.png: not a PNG or JPEG file');
  });
});

test('a folder outside the .nn folder is read with NN511, and not at all under a denying reach (NN512)', () => {
  withFolder({ 'in/net/x': '', 'out/0/a.png': digit(0), 'out/1/a.png': 'text' }, (root) => {
    const text = ['network n {', '  input 4', '  dense 2 softmax', '  train {', '    data images("../../out")', '  }', '}', ''].join('\n');
    const nn = path.join(root, 'in', 'net', 'net.nn');
    const warn = analyze(text, { path: nn, files: { ...diskFiles, reach: { roots: [path.dirname(nn)], name: 'here', outside: 'warn' } } });
    assert.deepEqual(codes(warn.diagnostics), ['5:NN511', '5:NN514']);
    let read = 0;
    const deny = analyze(text, { path: nn, files: { ...diskFiles, readImageFolder: (p) => (read++, diskFiles.readImageFolder!(p)), reach: { roots: [path.dirname(nn)], name: 'here', outside: 'deny' } } });
    assert.deepEqual(codes(deny.diagnostics), ['5:NN512']);
    assert.equal(read, 0);
  });
});

/** Checks an image-input network `input (2, 2, N_C) → flatten → OUTPUT` reading root/d. */
function checkImageData(root: string, n_C: number, output: string): Diagnostic[] {
  return check(root, 'images("d")', `input (2, 2, ${n_C})`, `flatten\n  ${output}`).diagnostics;
}

test('NN515: the first image of the wrong size or a gray image for RGB; NN517: n_C not 1 or 3', () => {
  const files = { 'd/a/1.png': digit(0), 'd/a/2.png': digit(0), 'd/b/1.png': png(2, 2, 2, new Array(12).fill(9)), 'd/b/2.png': png(3, 2, 0, [1, 2, 3, 4, 5, 6]) };
  withFolder(files, (root) => {
    const size = checkImageData(root, 1, 'dense 2 softmax');
    assert.deepEqual(size.map((d) => [d.range.start.line, d.code, d.message]), [[6, 'NN515', 'd/b/2.png is 2×3 pixels (height × width), but input (2, 2, 1) needs 2×2']]);
    const gray = checkImageData(root, 3, 'dense 2 softmax');
    assert.deepEqual(gray.map((d) => [d.code, d.message]), [['NN515', 'd/a/1.png is grayscale, but input (2, 2, 3) needs colour (RGB) images']]);
    const four = checkImageData(root, 4, 'dense 2 softmax');
    assert.deepEqual(four.map((d) => [d.code, d.message]), [['NN517', 'image folders give 1 channel (grayscale) or 3 (RGB), but input (2, 2, 4) has n_C = 4']]);
  });
});

test('NN504: class folders against the output layer; two classes fit one sigmoid unit; m is the image count', () => {
  withFolder({ 'd/a/1.png': digit(0), 'd/a/2.png': digit(0), 'd/b/1.png': digit(0), 'd/c/1.png': digit(0) }, (root) => {
    assert.deepEqual(checkImageData(root, 1, 'dense 3 softmax'), []);
    const d = checkImageData(root, 1, 'dense 1 sigmoid');
    assert.deepEqual(d.map((x) => [x.code, x.message]), [['NN504', 'd has 3 classes, so it needs a softmax output layer of 3 units (`dense 3 softmax`); layer 2 has 1 sigmoid unit']]);
    const { networks } = check(root, 'images("d")', 'input (2, 2, 1)', 'flatten\n  dense 3 softmax');
    assert.equal(networks[0].m, 4);
    assert.deepEqual(networks[0].spec?.train.data, { kind: 'images', path: path.join(root, 'd') });
  });
  withFolder({ 'd/a/1.png': digit(0), 'd/a/2.png': digit(0), 'd/b/1.png': digit(0), 'd/b/2.png': digit(0) }, (root) => {
    assert.deepEqual(checkImageData(root, 1, 'dense 1 sigmoid'), []);
    assert.equal(checkImageData(root, 1, 'dense 3 softmax')[0].code, 'NN504');
  });
});
