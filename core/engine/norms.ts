// The normalizations of spec §13 in plain TypeScript (the NormKernels of core/foundation/kernels.ts):
// mean and biased variance per group, standardizing, the learned scale and shift, and their
// gradients. A group is a row of M (batch norm on a dense layer: unit i over the m columns) or a
// column (batch norm on a conv layer: channel c over the m·n_H·n_W rows; layer norm: example i over
// the n rows); both walk the same loops with a start and a step.

import type { NormKernels } from '../foundation/kernels';
import type { Matrix } from '../foundation/matrix';

/** Group g's values are M.data[start(g) + t·step], t < count. */
interface Groups {
  groups: number;
  count: number;
  start: (g: number) => number;
  step: number;
}

function groupsOf(M: Matrix, perRow: boolean): Groups {
  const { rows, cols } = M;
  return perRow
    ? { groups: rows, count: cols, start: (g) => g * cols, step: 1 }
    : { groups: cols, count: rows, start: (g) => g, step: cols };
}

/** 1/√(σ² + ε): what every standardized value of the group is scaled by. */
const inverseDeviation = (variance: number, epsilon: number): number => 1 / Math.sqrt(variance + epsilon);

export const normKernels: NormKernels = {
  moments(mean, variance, M, perRow) {
    const { groups, count, start, step } = groupsOf(M, perRow);
    const x = M.data;
    for (let g = 0; g < groups; g++) {
      const p0 = start(g), end = p0 + count * step;
      let sum = 0;
      for (let p = p0; p < end; p += step) sum += x[p];
      const mu = sum / count;
      let squares = 0;
      for (let p = p0; p < end; p += step) squares += (x[p] - mu) * (x[p] - mu);
      mean.data[g] = mu;
      variance.data[g] = squares / count;
    }
  },
  standardize(out, M, mean, variance, epsilon, perRow) {
    const { groups, count, start, step } = groupsOf(M, perRow);
    const x = M.data, o = out.data;
    for (let g = 0; g < groups; g++) {
      const mu = mean.data[g], scale = inverseDeviation(variance.data[g], epsilon);
      for (let p = start(g), end = p + count * step; p < end; p += step) o[p] = (x[p] - mu) * scale;
    }
  },
  standardizeBackward(dM, d, xhat, variance, epsilon, perRow) {
    const { groups, count, start, step } = groupsOf(d, perRow);
    const dd = d.data, xh = xhat.data, out = dM.data;
    for (let g = 0; g < groups; g++) {
      const p0 = start(g), end = p0 + count * step;
      let sum = 0, dot = 0;
      for (let p = p0; p < end; p += step) {
        sum += dd[p];
        dot += dd[p] * xh[p];
      }
      const meanD = sum / count, meanDX = dot / count, scale = inverseDeviation(variance.data[g], epsilon);
      for (let p = p0; p < end; p += step) out[p] = (dd[p] - meanD - xh[p] * meanDX) * scale;
    }
  },
  scaleShift(out, M, gamma, beta, perRow) {
    const { rows, cols } = M;
    const x = M.data, o = out.data, y = gamma.data, b = beta.data;
    for (let i = 0; i < rows; i++) {
      for (let j = 0, p = i * cols; j < cols; j++, p++) {
        const at = perRow ? i : j;
        o[p] = y[at] * x[p] + b[at];
      }
    }
  },
  scaleShiftBackward(dM, dgamma, dbeta, d, xhat, gamma, alpha, perRow) {
    const { groups, count, start, step } = groupsOf(d, perRow);
    const dd = d.data, xh = xhat.data, out = dM.data;
    for (let g = 0; g < groups; g++) {
      const y = gamma.data[g];
      let sum = 0, dot = 0;
      for (let p = start(g), end = p + count * step; p < end; p += step) {
        sum += dd[p];
        dot += dd[p] * xh[p];
        out[p] = y * dd[p];
      }
      dgamma.data[g] = alpha * dot;
      dbeta.data[g] = alpha * sum;
    }
  },
};
