// LeNet-5 as course 4 draws it (with an avg_pool for variety), shared by the conv editor tests.

import { TRAIN_DEFAULTS, type NetworkSpec } from '../../../core/model';

const relu = { name: 'relu' } as const;

export const LENET: NetworkSpec = {
  name: 'lenet',
  inputSize: 784,
  image: { n_H: 28, n_W: 28, n_C: 1 },
  layers: [
    { kind: 'conv2d', filters: 6, activation: relu, f: 5, stride: 1, pad: 0 },
    { kind: 'max_pool', f: 2, stride: 2 },
    { kind: 'conv2d', filters: 16, activation: relu, f: 5, stride: 1, pad: 0 },
    { kind: 'avg_pool', f: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 120, activation: relu },
    { kind: 'dense', units: 84, activation: relu },
    { kind: 'dense', units: 10, activation: { name: 'softmax' } },
  ],
  loss: 'softmax_cross_entropy',
  train: { ...TRAIN_DEFAULTS },
};

