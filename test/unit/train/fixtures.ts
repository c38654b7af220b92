// Networks and helpers shared by the training tests: specs as the checker would resolve them, and
// a collector that records reports and waits for the one a test expects.

import type { NetworkSpec, TrainSpec } from '../../../core/foundation/model';
import type { Report } from '../../../core/services/protocol';

/** The course's planar flower network (spec §1). */
export function planar(train: Partial<TrainSpec> = {}): NetworkSpec {
  return {
    name: 'planar',
    inputSize: 2,
    layers: [
      { kind: 'dense', units: 4, activation: { name: 'tanh' } },
      { kind: 'dense', units: 1, activation: { name: 'sigmoid' } },
    ],
    loss: 'cross_entropy',
    train: {
      data: { kind: 'generator', name: 'flower', args: { m: 400, noise: 0.2 } },
      init: { kind: 'xavier' },
      learningRate: 1.2,
      iterations: 2000,
      batch: 'full',
      seed: 3,
      logEvery: 100,
      ...train,
    },
  };
}

/** A linear regression whose α is far too large: the cost grows until it is no longer finite. */
export function exploding(): NetworkSpec {
  return {
    name: 'exploding',
    inputSize: 2,
    layers: [{ kind: 'dense', units: 1, activation: { name: 'linear' } }],
    loss: 'mse',
    train: {
      data: { kind: 'generator', name: 'blobs', args: { m: 50, classes: 2, features: 2, spread: 1 } },
      learningRate: 50,
      iterations: 100000,
      batch: 'full',
      seed: 1,
      logEvery: 100,
    },
  };
}

/** LeNet-5 of issue 10 on 28 × 28 grey images (spec §8), its data given by the test. */
export function lenet(data: NetworkSpec['train']['data'] = { kind: 'images', path: '/nonexistent' }): NetworkSpec {
  const relu = { name: 'relu' } as const;
  return {
    name: 'lenet',
    inputSize: 28 * 28,
    image: { n_H: 28, n_W: 28, n_C: 1 },
    layers: [
      { kind: 'conv2d', filters: 6, activation: relu, f: 5, stride: 1, pad: 0 },
      { kind: 'max_pool', f: 2, stride: 2 },
      { kind: 'conv2d', filters: 16, activation: relu, f: 5, stride: 1, pad: 0 },
      { kind: 'max_pool', f: 2, stride: 2 },
      { kind: 'flatten' },
      { kind: 'dense', units: 120, activation: relu },
      { kind: 'dense', units: 84, activation: relu },
      { kind: 'dense', units: 10, activation: { name: 'softmax' } },
    ],
    loss: 'softmax_cross_entropy',
    train: { data, init: { kind: 'he' }, learningRate: 0.05, iterations: 10, batch: 'full', seed: 1, logEvery: 1 },
  };
}

/**
 * A tiny conv network on 4 × 4 × 1 images: conv2d 2 relu f: 3 → (2, 2, 2), max_pool f: 2 → (1, 1, 2),
 * flatten, one sigmoid unit. Its data is `bars(m)` or a CSV the test writes.
 */
export function tinyConv(data: NetworkSpec['train']['data'] = { kind: 'images', path: '/nonexistent' }, test?: NetworkSpec['train']['test']): NetworkSpec {
  return {
    name: 'bars',
    inputSize: 16,
    image: { n_H: 4, n_W: 4, n_C: 1 },
    layers: [
      { kind: 'conv2d', filters: 2, activation: { name: 'relu' }, f: 3, stride: 1, pad: 0 },
      { kind: 'max_pool', f: 2, stride: 2 },
      { kind: 'flatten' },
      { kind: 'dense', units: 1, activation: { name: 'sigmoid' } },
    ],
    loss: 'cross_entropy',
    train: { data, test, init: { kind: 'he' }, learningRate: 0.5, iterations: 50, batch: 'full', seed: 1, logEvery: 10 },
  };
}

/** m images of 4 × 4 pixels, one example per column: a bright row (y = 0) or a bright column (y = 1), at every place in turn. */
export function bars(m: number): { X: { rows: number; cols: number; data: Float64Array }; Y: { rows: number; cols: number; data: Float64Array }; m: number } {
  const X = { rows: 16, cols: m, data: new Float64Array(16 * m) };
  const Y = { rows: 1, cols: m, data: new Float64Array(m) };
  for (let i = 0; i < m; i++) {
    const label = i % 2;
    const at = (i >> 1) % 4;
    Y.data[i] = label;
    for (let p = 0; p < 16; p++) X.data[p * m + i] = (label === 0 ? Math.floor(p / 4) : p % 4) === at ? 1 : 0.1 * ((p * 7 + i) % 5);
  }
  return { X, Y, m };
}

type Of<T extends Report['type']> = Extract<Report, { type: T }>;

export class Collector {
  readonly reports: Report[] = [];
  private waiters: Array<{ test: (r: Report) => boolean; resolve: (r: Report) => void }> = [];

  readonly post = (report: Report): void => {
    this.reports.push(report);
    this.waiters = this.waiters.filter((w) => !(w.test(report) && (w.resolve(report), true)));
  };

  of<T extends Report['type']>(type: T): Array<Of<T>> {
    return this.reports.filter((r): r is Of<T> => r.type === type);
  }

  /** The first report from now on of `type` that satisfies `test`, or a rejection after `ms`. */
  next<T extends Report['type']>(type: T, test: (r: Of<T>) => boolean = () => true, ms = 20000): Promise<Of<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} report within ${ms} ms`)), ms);
      this.waiters.push({
        test: (r) => r.type === type && test(r as Of<T>),
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r as Of<T>);
        },
      });
    });
  }
}
