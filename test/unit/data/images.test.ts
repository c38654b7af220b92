import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeImage, ImageError, readHeader } from '../../../core/data/imageFormat';
import { firstMisfit, ImageFolderError, listImageFolder, loadImageFolder, summarizeImageFolder } from '../../../core/data/images';
import { folder, jpeg, png } from './imageFiles';

const gray = { n_H: 1, n_W: 2, n_C: 1 };
const rgb = { n_H: 1, n_W: 2, n_C: 3 };

function loaded(files: Record<string, Buffer | string>, input: { n_H: number; n_W: number; n_C: number }) {
  const dir = folder(files);
  try {
    return loadImageFolder(dir.root, input);
  } finally {
    dir.remove();
  }
}

function folderError(files: Record<string, Buffer | string>, run: (root: string) => unknown): ImageFolderError {
  const dir = folder(files);
  try {
    run(dir.root);
  } catch (e) {
    assert.ok(e instanceof ImageFolderError, String(e));
    return e;
  } finally {
    dir.remove();
  }
  assert.fail('no ImageFolderError');
}

test('gray PNG pixels become features in [0, 1], one image per column, (h, w, c) row-major', () => {
  const { X, labels } = loaded({ 'a/1.png': png(2, 1, 0, [0, 255]), 'a/2.png': png(2, 1, 0, [51, 102]) }, gray);
  assert.deepEqual([X.rows, X.cols], [2, 2]);
  // X is (n0, m) row-major: row f holds feature f of every example.
  assert.deepEqual(Array.from(X.data), [0, 0.2, 1, 0.4]);
  assert.deepEqual(Array.from(labels), [0, 0]);
});

test('RGB and RGBA PNGs give three channels per pixel, alpha dropped; one channel is BT.601 luma', () => {
  const pixels = [10, 20, 30, 200, 100, 0];
  const rgbX = loaded({ 'a/1.png': png(2, 1, 2, pixels) }, rgb).X;
  assert.deepEqual(Array.from(rgbX.data), pixels.map((v) => v / 255));
  const rgbaX = loaded({ 'a/1.png': png(2, 1, 6, [10, 20, 30, 0, 200, 100, 0, 128]) }, rgb).X;
  assert.deepEqual(Array.from(rgbaX.data), pixels.map((v) => v / 255));
  const lumaX = loaded({ 'a/1.png': png(2, 1, 2, pixels) }, gray).X;
  assert.deepEqual(Array.from(lumaX.data), [(0.299 * 10 + 0.587 * 20 + 0.114 * 30) / 255, (0.299 * 200 + 0.587 * 100) / 255]);
  const grayAlpha = loaded({ 'a/1.png': png(2, 1, 4, [7, 0, 250, 255]) }, gray).X;
  assert.deepEqual(Array.from(grayAlpha.data), [7 / 255, 250 / 255]);
});

test('JPEG: gray and colour files decode to their exact values, whatever the file is called', () => {
  // Two flat 8×8 blocks side by side: pixel (0, 0) is 10, pixel (0, 8) is 200.
  const g = decodeImage(jpeg(1, 2, [[10], [200]]));
  assert.deepEqual([g.format, g.height, g.width, g.channels], ['jpeg', 8, 16, 1]);
  assert.deepEqual([g.rgba[0], g.rgba[1], g.rgba[2], g.rgba[4 * 8]], [10, 10, 10, 200]);
  const input = { n_H: 8, n_W: 16, n_C: 1 };
  const X = loaded({ 'c/x.jpeg': jpeg(1, 2, [[10], [200]]) }, input).X;
  assert.deepEqual([X.data[0], X.data[7], X.data[8], X.data[16 * 8 - 1]], [10 / 255, 10 / 255, 200 / 255, 200 / 255]);
  // Y = 77 with neutral chroma is the gray 77 in all three channels; (76, 85, 255) is red.
  const c = decodeImage(jpeg(1, 1, [[77, 128, 128]]));
  assert.deepEqual([c.channels, ...c.rgba.subarray(0, 3)], [3, 77, 77, 77]);
  const red = loaded({ 'a/red.jpg': jpeg(1, 1, [[76, 85, 255]]) }, { n_H: 8, n_W: 8, n_C: 3 }).X;
  assert.deepEqual([red.data[0], red.data[1], red.data[2]], [254 / 255, 0, 0]);
  // The format is told by the bytes: a JPEG named .png is read as a JPEG.
  assert.equal(decodeImage(jpeg(1, 1, [[5]])).format, 'jpeg');
  assert.equal(loaded({ 'a/odd.png': jpeg(1, 1, [[51]]) }, { n_H: 8, n_W: 8, n_C: 1 }).X.data[63], 0.2);
});

test('classes are the subfolders sorted by name (code units, not locale), numbered from 0; other files are ignored', () => {
  const one = (v: number) => png(2, 1, 0, [v, v]);
  const files = {
    'b/2.png': one(2), 'b/1.png': one(1), 'B/x.png': one(3), 'a/z.jpg': png(2, 1, 0, [4, 4]), 'a/notes.txt': 'not an image',
    '.hidden/1.png': 'x', 'a/.DS_Store': 'x', 'README.md': '# digits',
  };
  const dir = folder(files);
  try {
    const listing = listImageFolder(dir.root);
    assert.deepEqual(listing.classes.map((c) => [c.name, c.files]), [['B', ['x.png']], ['a', ['z.jpg']], ['b', ['1.png', '2.png']]]);
    assert.equal(listing.count, 4);
    const { X, labels, classes } = loadImageFolder(dir.root, gray);
    assert.deepEqual(classes, ['B', 'a', 'b']);
    assert.deepEqual(Array.from(labels), [0, 1, 2, 2]);
    assert.deepEqual(Array.from(X.data.subarray(0, 4)).map((v) => Math.round(v * 255)), [3, 4, 1, 2]);
  } finally {
    dir.remove();
  }
});

test('training names the first bad file: undecodable, damaged, wrong size, gray for RGB', () => {
  const ok = png(2, 1, 0, [1, 2]);
  const load = (input = gray) => (root: string) => loadImageFolder(root, input);
  let e = folderError({ '0/a.png': ok, '1/a.png': ok, '1/b.png': 'hello', '1/c.png': 'also bad' }, load());
  assert.match(e.message, /^nn-images-\w+\/1\/b\.png: not a PNG or JPEG file$/);
  const cut = png(2, 1, 2, [1, 2, 3, 4, 5, 6]).subarray(0, 40);
  e = folderError({ '0/a.png': ok, '0/b.png': cut }, load());
  assert.match(e.message, /\/0\/b\.png: the PNG data cannot be decoded/);
  const shortJpeg = jpeg(2, 2, [[5], [100], [200], [30]]);
  e = folderError({ '0/a.jpg': shortJpeg.subarray(0, shortJpeg.length - 4) }, load({ n_H: 16, n_W: 16, n_C: 1 }));
  assert.match(e.message, /\/0\/a\.jpg: the JPEG data cannot be decoded/);
  e = folderError({ '0/a.png': ok, '0/b.png': png(1, 3, 0, [1, 2, 3]) }, load());
  assert.match(e.message, /\/0\/b\.png is 3×1 pixels \(height × width\), but input \(1, 2, 1\) needs 1×2$/);
  e = folderError({ '0/a.png': ok }, load(rgb));
  assert.match(e.message, /\/0\/a\.png is grayscale, but input \(1, 2, 3\) needs colour \(RGB\) images$/);
  e = folderError({ '0/a.png': ok }, load({ n_H: 1, n_W: 2, n_C: 2 }));
  assert.match(e.message, /image folders give 1 channel \(grayscale\) or 3 \(RGB\), but input \(1, 2, 2\) has n_C = 2/);
});

test('folders that cannot be used: missing, a file, no classes, an empty class', () => {
  assert.throws(() => listImageFolder('/nonexistent/digits'), /cannot read the image folder \/nonexistent\/digits: no such file/);
  let e = folderError({ 'x.png': png(2, 1, 0, [1, 2]) }, (root) => listImageFolder(root));
  assert.match(e.message, /has no class subfolders: put each class's images in a subfolder of its own/);
  e = folderError({ 'a/1.png': png(2, 1, 0, [1, 2]), 'b/readme.txt': 'x' }, (root) => listImageFolder(root));
  assert.match(e.message, /the class folder nn-images-\w+\/b has no PNG or JPEG file/);
  e = folderError({ 'f.csv': '1,2' }, (root) => listImageFolder(`${root}/f.csv`));
  assert.match(e.message, /f\.csv is not a folder/);
});

test('headers are read without decoding: a PNG with damaged pixel data, a JPEG with 70 KB of EXIF before its frame', () => {
  const damaged = Buffer.concat([png(2, 1, 0, [1, 2]).subarray(0, 33), Buffer.from('garbage after the header')]);
  assert.deepEqual(readHeader(damaged), { format: 'png', width: 2, height: 1, channels: 1 });
  assert.throws(() => decodeImage(damaged), ImageError);
  const exif = jpeg(2, 3, [[1], [2], [3], [4], [5], [6]], Buffer.alloc(65000, 0xff));
  assert.deepEqual(readHeader(exif), { format: 'jpeg', width: 24, height: 16, channels: 1 });
  const dir = folder({ 'a/1.png': damaged, 'a/2.jpg': exif, 'b/3.png': png(3, 1, 2, [1, 2, 3, 4, 5, 6, 7, 8, 9]) });
  try {
    const summary = summarizeImageFolder(listImageFolder(dir.root));
    assert.deepEqual(summary.shapes.map((s) => [s.height, s.width, s.channels, s.first.replace(/^[^/]+\//, ''), s.index]), [[1, 2, 1, 'a/1.png', 0], [16, 24, 1, 'a/2.jpg', 1], [1, 3, 3, 'b/3.png', 2]]);
    const misfit = firstMisfit(summary, { n_H: 1, n_W: 2, n_C: 1 });
    assert.match(misfit!.file, /\/a\/2\.jpg$/);
    assert.equal(misfit!.why, 'is 16×24 pixels (height × width), but input (1, 2, 1) needs 1×2');
    assert.equal(firstMisfit({ ...summary, shapes: summary.shapes.slice(0, 1) }, { n_H: 1, n_W: 2, n_C: 1 }), undefined);
  } finally {
    dir.remove();
  }
});

test('unreadable headers are named: a text file, a truncated JPEG header, an arithmetic-coded JPEG', () => {
  const header = (bytes: Buffer) => () => readHeader(bytes);
  assert.throws(header(Buffer.from('P5 1 1 255\n')), /not a PNG or JPEG file/);
  assert.throws(header(jpeg(1, 1, [[1]]).subarray(0, 30)), /cut short before its frame header/);
  const arithmetic = jpeg(1, 1, [[1]]);
  arithmetic[arithmetic.indexOf(Buffer.from([0xff, 0xc0])) + 1] = 0xc9;
  assert.throws(header(arithmetic), /arithmetic-coded JPEG: only baseline and progressive/);
  const dir = folder({ 'a/1.png': 'x'.repeat(10), 'a/2.png': png(1, 1, 0, [0]) });
  try {
    assert.throws(() => summarizeImageFolder(listImageFolder(dir.root)), /nn-images-\w+\/a\/1\.png: not a PNG or JPEG file/);
  } finally {
    dir.remove();
  }
});
