// LeNet-5 as course 4 draws it (with an avg_pool for variety), shared by the conv editor tests.

import { TRAIN_DEFAULTS, type NetworkSpec } from '../../../core/foundation/model';
import { lenet } from '../train/fixtures';

const maxPooled = lenet();

export const LENET: NetworkSpec = {
  ...maxPooled,
  layers: maxPooled.layers.map((layer, i) => (i === 3 ? { kind: 'avg_pool', f: 2, stride: 2 } : layer)),
  train: { ...TRAIN_DEFAULTS },
};

