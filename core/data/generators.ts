// The seeded toy data sets of spec §4. Each returns features (n[0], m) and one class index per
// example; dataset.ts turns the indices into labels that fit the output layer. Arguments are
// completed from catalog.ts, the metadata the checker uses too, so both agree on every default.
// Examples come in class order (class 0 first), as the course's planar data does.

import { allocate } from '../foundation/matrix';
import type { Matrix } from '../foundation/matrix';
import { Rng } from '../foundation/prng';
import { findGenerator, withDefaults } from './catalog';

export interface Generated {
  /** features, (n[0], m) */
  X: Matrix;
  /** class index of each example, 0…classes−1 */
  labels: Int32Array;
  classes: number;
}

type Point = (rng: Rng, klass: number, t: number, count: number) => number[];

/** Counts per class adding up to m: the first m mod k classes get one more. */
function split(m: number, k: number): number[] {
  return Array.from({ length: k }, (_, c) => Math.floor(m / k) + (c < m % k ? 1 : 0));
}

/** linspace(from, to, count)[t], endpoints included (numpy's default). */
function linspace(from: number, to: number, count: number, t: number): number {
  return count === 1 ? from : from + ((to - from) * t) / (count - 1);
}

/** Example by example, class by class: point(rng, class, t, count) for t = 0…count−1. */
function build(m: number, classes: number, features: number, rng: Rng, point: Point): Generated {
  const X = { rows: features, cols: m, data: allocate(features * m) };
  const labels = new Int32Array(m);
  let j = 0;
  split(m, classes).forEach((count, klass) => {
    for (let t = 0; t < count; t++, j++) {
      const x = point(rng, klass, t, count);
      for (let f = 0; f < features; f++) X.data[f * m + j] = x[f];
      labels[j] = klass;
    }
  });
  return { X, labels, classes };
}

const generators: Record<string, (a: Record<string, number>, rng: Rng) => Generated> = {
  // The course's planar petals: per class j, t = linspace(3.12j, 3.12(j+1)) + noise·N(0,1),
  // r = 4·sin(4t) + noise·N(0,1), x = (r·sin t, r·cos t). Drawn per example: t's noise, then r's.
  flower: ({ m, noise }, rng) => build(m, 2, 2, rng, (rng, j, i, count) => {
    const t = linspace(3.12 * j, 3.12 * (j + 1), count, i) + noise * rng.normal();
    const r = 4 * Math.sin(4 * t) + noise * rng.normal();
    return [r * Math.sin(t), r * Math.cos(t)];
  }),
  // Four Gaussian clusters (standard deviation `noise`) centred on (±1, ±1), alternating
  // (+,+), (−,−) in class 0 and (+,−), (−,+) in class 1: the class is the XOR of the signs.
  xor: ({ m, noise }, rng) => build(m, 2, 2, rng, (rng, klass, i) => {
    const sx = i % 2 === 0 ? 1 : -1;
    const sy = klass === 0 ? sx : -sx;
    return [sx + noise * rng.normal(), sy + noise * rng.normal()];
  }),
  // scikit-learn's make_circles: angles linspace(0, 2π) without the endpoint; outer circle radius 1
  // (class 0), inner radius `factor` (class 1), each coordinate plus noise·N(0,1).
  circles: ({ m, noise, factor }, rng) => build(m, 2, 2, rng, (rng, klass, i, count) => {
    const angle = (2 * Math.PI * i) / count;
    const radius = klass === 0 ? 1 : factor;
    return [radius * Math.cos(angle) + noise * rng.normal(), radius * Math.sin(angle) + noise * rng.normal()];
  }),
  // scikit-learn's make_moons: the upper half circle (cos s, sin s) (class 0) and the lower one
  // (1 − cos s, 0.5 − sin s) (class 1), s = linspace(0, π), plus noise·N(0,1) per coordinate.
  moons: ({ m, noise }, rng) => build(m, 2, 2, rng, (rng, klass, i, count) => {
    const s = linspace(0, Math.PI, count, i);
    const [x, y] = klass === 0 ? [Math.cos(s), Math.sin(s)] : [1 - Math.cos(s), 0.5 - Math.sin(s)];
    return [x + noise * rng.normal(), y + noise * rng.normal()];
  }),
  // CS231n's spiral: for arm k, r = linspace(0, 1), t = linspace(4k, 4(k+1)) + noise·N(0,1),
  // x = (r·sin t, r·cos t).
  spiral: ({ m, noise, classes }, rng) => build(m, classes, 2, rng, (rng, k, i, count) => {
    const r = linspace(0, 1, count, i);
    const t = linspace(4 * k, 4 * (k + 1), count, i) + noise * rng.normal();
    return [r * Math.sin(t), r * Math.cos(t)];
  }),
  // One Gaussian blob per class: centres uniform in [−5, 5]^features (drawn first, class by class),
  // then each example = its centre + spread·N(0,1) per feature.
  blobs: ({ m, classes, features, spread }, rng) => {
    const centres = Array.from({ length: classes }, () => Array.from({ length: features }, () => 10 * rng.uniform() - 5));
    return build(m, classes, features, rng, (rng, k) => centres[k].map((c) => c + spread * rng.normal()));
  },
  // The parity of `bits` hidden ±1 factors: fixed random sign patterns P_k ∈ {−1, +1}^features
  // (drawn first), then per example factors c_k = ±1 (the first bits − 1 at random, the last
  // fixing the parity to the class) and x = Σ_k c_k·P_k / √bits + noise·N(0,1) per feature (the
  // signal part has unit variance, as normalised pixels would). The class is
  // whether an odd number of the c_k are −1: no direction of x separates the classes (bits ≥ 2), so
  // a network must find the P_k in one layer and combine them in the next ones.
  parity: ({ m, features, bits, noise }, rng) => {
    const patterns = Array.from({ length: bits }, () => Array.from({ length: features }, () => (rng.uniform() < 0.5 ? -1 : 1)));
    return build(m, 2, features, rng, (rng, klass) => {
      const c = Array.from({ length: bits - 1 }, () => (rng.uniform() < 0.5 ? -1 : 1));
      const odd = c.filter((v) => v < 0).length % 2;
      c.push(odd === klass ? 1 : -1);
      const scale = 1 / Math.sqrt(bits);
      return Array.from({ length: features }, (_, f) => scale * c.reduce((sum, ck, k) => sum + ck * patterns[k][f], 0) + noise * rng.normal());
    });
  },
};

/** Runs generator `name` with `args` (defaults filled in from the catalog) on `seed`'s `stream`. */
export function generate(name: string, args: Record<string, number>, seed: number, stream = 'data'): Generated {
  const info = findGenerator(name);
  const run = generators[name];
  if (!info || !run) throw new Error(`unknown generator '${name}'`);
  return run(withDefaults(info, args), new Rng(seed, stream));
}
