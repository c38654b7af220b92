import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, loadData } from '../../../core/data/dataset';
import type { NetworkSpec, Volume } from '../../../core/foundation/model';
import { makeSpec } from '../engine/helpers';
import { folder, png } from './imageFiles';

/** An image-input network; only its input volume and output layer matter to the data. */
function imageSpec(image: Volume, output: [number, 'sigmoid' | 'softmax'], train: Partial<NetworkSpec['train']>): NetworkSpec {
  const n0 = image.n_H * image.n_W * image.n_C;
  const spec = makeSpec([n0, output[0]], [output[1]], output[1] === 'softmax' ? 'softmax_cross_entropy' : 'cross_entropy', train);
  return { ...spec, image, layers: [{ kind: 'flatten' }, ...spec.layers] };
}

const pixel = (v: number) => png(1, 1, 0, [v]);
const image = { n_H: 1, n_W: 1, n_C: 1 };

function withFolder<T>(files: Record<string, Buffer>, run: (root: string) => T): T {
  const dir = folder(files);
  try {
    return run(dir.root);
  } finally {
    dir.remove();
  }
}

test('an image folder of two classes and a sigmoid unit gives one 0/1 label row; train and test folders', () => {
  withFolder({ 'train/cat/1.png': pixel(0), 'train/dog/1.png': pixel(255), 'train/dog/2.png': pixel(51), 'test/cat/9.png': pixel(102), 'test/dog/9.png': pixel(0) }, (root) => {
    const spec = imageSpec(image, [1, 'sigmoid'], { data: { kind: 'images', path: `${root}/train` }, test: { kind: 'images', path: `${root}/test` } });
    const { train, test } = loadData(spec);
    assert.deepEqual(Array.from(train.X.data), [0, 1, 0.2]);
    assert.deepEqual([train.Y.rows, ...train.Y.data], [1, 0, 1, 1]);
    assert.deepEqual([train.m, train.classes, train.classNames], [3, 2, ['cat', 'dog']]);
    assert.deepEqual([...test!.X.data, ...test!.Y.data], [0.4, 0, 0, 1]);
  });
});

test('a softmax output gets one-hot labels; a test fraction holds out images like CSV rows', () => {
  withFolder({ 'd/0/a.png': pixel(0), 'd/1/a.png': pixel(0), 'd/2/a.png': pixel(0), 'd/2/b.png': pixel(0) }, (root) => {
    const spec = imageSpec(image, [3, 'softmax'], { data: { kind: 'images', path: `${root}/d` } });
    const { train } = loadData(spec);
    assert.deepEqual(Array.from(train.Y.data), [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1]);
    const split = loadData({ ...spec, train: { ...spec.train, test: { kind: 'fraction', value: 0.25 } } });
    assert.deepEqual([split.train.m, split.test!.m, split.test!.classNames], [3, 1, ['0', '1', '2']]);
  });
});

test('image data that does not fit the network is a DataError naming the folder or the file', () => {
  withFolder({ 'd/0/a.png': pixel(0), 'd/1/a.png': pixel(0), 'd/2/a.png': png(2, 1, 0, [1, 2]) }, (root) => {
    const data = { kind: 'images' as const, path: `${root}/d` };
    const error = (spec: NetworkSpec): DataError => {
      try {
        loadData(spec);
      } catch (e) {
        assert.ok(e instanceof DataError, String(e));
        return e;
      }
      assert.fail('no DataError');
    };
    let e = error(imageSpec(image, [2, 'softmax'], { data }));
    assert.match(e.message, /^d\/2\/a\.png is 1×2 pixels \(height × width\), but input \(1, 1, 1\) needs 1×1$/);
    assert.equal(e.file, `${root}/d/2/a.png`);
    e = error(imageSpec({ n_H: 1, n_W: 2, n_C: 1 }, [1, 'sigmoid'], { data: { kind: 'images', path: `${root}/d/2/..` } }));
    assert.match(e.message, /^d\/0\/a\.png is 1×1 pixels/);
    e = error(makeSpec([1, 1], ['sigmoid'], 'cross_entropy', { data }));
    assert.match(e.message, /images\(…\) gives image data, but input is the vector n\[0\] = 1: write the image size, e\.g\. `input \(28, 28, 1\)`/);
    e = error(imageSpec(image, [1, 'sigmoid'], { data: { kind: 'images', path: `${root}/missing` } }));
    assert.match(e.message, /cannot read the image folder .*\/missing: no such file/);
  });
  withFolder({ 'd/0/a.png': pixel(0), 'd/1/a.png': pixel(0), 'd/2/a.png': pixel(0) }, (root) => {
    const e = (() => {
      try {
        loadData(imageSpec(image, [1, 'sigmoid'], { data: { kind: 'images', path: `${root}/d` } }));
      } catch (err) {
        return err as Error;
      }
      assert.fail('loaded');
    })();
    assert.ok(e instanceof DataError);
    assert.equal(e.message, 'd has 3 class folders (0, 1, 2), so it needs a softmax output layer of 3 units; the output layer has 1 unit');
  });
});

test('CSV rows of pixels feed an image input: n_H·n_W·n_C features in (h, w, c) order, then the label', () => {
  const csv = '0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,1\n1,1,1,1,1,1,1,1,0\n';
  const spec = imageSpec({ n_H: 2, n_W: 2, n_C: 2 }, [1, 'sigmoid'], { data: { kind: 'csv', path: '/pixels.csv' } });
  const { train } = loadData(spec, () => csv);
  assert.deepEqual([train.X.rows, train.m], [8, 2]);
  // Feature (h, w, c) = (1, 0, 1) is row (1·2 + 0)·2 + 1 = 5.
  assert.deepEqual([train.X.data[5 * 2], train.X.data[5 * 2 + 1]], [0.5, 1]);
  assert.deepEqual(Array.from(train.Y.data), [1, 0]);
  assert.throws(() => loadData(spec, () => '0,0.1,0.2,0.3,1\n'), /has 5 columns, but the network needs 9: 8 features \(input 8\)/);
});
