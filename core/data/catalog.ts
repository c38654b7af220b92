// What every data generator takes and yields, known without running it: the checker uses this
// for completion, "did you mean", argument checks and the data-fits-network rules; the generators
// themselves (core/data/generators.ts) read their defaults from here so the two never disagree.

export interface GeneratorParam {
  name: string;
  default: number;
  /** integer-valued parameter (m, classes, features) */
  integer: boolean;
  min: number; // inclusive lower bound
  doc: string;
}

export interface GeneratorInfo {
  name: string;
  doc: string;
  params: GeneratorParam[];
  /** n[0] of the examples it makes */
  features(args: Record<string, number>): number;
  /** number of classes; 2 gives one 0/1 label, more give a class index 0…K−1 (spec §4) */
  classes(args: Record<string, number>): number;
}

const m = (def: number): GeneratorParam => ({ name: 'm', default: def, integer: true, min: 1, doc: 'number of examples' });
const noise = (def: number): GeneratorParam => ({ name: 'noise', default: def, integer: false, min: 0, doc: 'standard deviation of the Gaussian noise' });
const two = () => 2;

export const GENERATORS: readonly GeneratorInfo[] = [
  {
    name: 'flower',
    doc: 'The planar "flower" of the course (week 3): two classes of petals, 2 features.',
    params: [m(400), noise(0.2)],
    features: two,
    classes: two,
  },
  {
    name: 'xor',
    doc: 'Four Gaussian clusters in the quadrants; the class is the XOR of the signs. 2 features.',
    params: [m(400), noise(0.1)],
    features: two,
    classes: two,
  },
  {
    name: 'circles',
    doc: 'An inner circle (class 1) inside an outer one (class 0); factor is the inner radius. 2 features.',
    params: [m(400), noise(0.05), { name: 'factor', default: 0.5, integer: false, min: 0, doc: 'inner radius over outer radius (0…1)' }],
    features: two,
    classes: two,
  },
  {
    name: 'moons',
    doc: 'Two interleaving half moons. 2 features.',
    params: [m(400), noise(0.1)],
    features: two,
    classes: two,
  },
  {
    name: 'spiral',
    doc: 'Interleaved spiral arms, one per class (CS231n). 2 features.',
    params: [m(300), noise(0.2), { name: 'classes', default: 3, integer: true, min: 2, doc: 'number of arms (classes)' }],
    features: two,
    classes: (a) => a.classes ?? 3,
  },
  {
    name: 'blobs',
    doc: 'Isotropic Gaussian blobs, one per class, centred at random.',
    params: [
      m(300),
      { name: 'classes', default: 3, integer: true, min: 2, doc: 'number of blobs (classes)' },
      { name: 'features', default: 2, integer: true, min: 1, doc: 'n[0], the number of features' },
      { name: 'spread', default: 1.0, integer: false, min: 0, doc: 'standard deviation of each blob' },
    ],
    features: (a) => a.features ?? 2,
    classes: (a) => a.classes ?? 3,
  },
  {
    name: 'parity',
    doc: 'The parity of `bits` hidden ±1 factors, each a fixed random pattern over the features, plus noise: no single direction separates the classes, so depth pays.',
    params: [
      m(400),
      { name: 'features', default: 20, integer: true, min: 1, doc: 'n[0], the number of features' },
      { name: 'bits', default: 3, integer: true, min: 1, doc: 'hidden ±1 factors whose parity is the class' },
      noise(1.0),
    ],
    features: (a) => a.features ?? 20,
    classes: two,
  },
];

export function findGenerator(name: string): GeneratorInfo | undefined {
  return GENERATORS.find((g) => g.name === name);
}

/** The call's arguments with every default filled in. */
export function withDefaults(info: Pick<GeneratorInfo, 'params'>, args: Record<string, number>): Record<string, number> {
  const full: Record<string, number> = {};
  for (const p of info.params) full[p.name] = args[p.name] ?? p.default;
  return full;
}
