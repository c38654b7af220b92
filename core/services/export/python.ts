// Python literals for the generated script: numbers that read back exactly, strings, names.

/** A float or int literal Python parses to the same double (JS's shortest round-trip form). */
export function pyNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} as a Python number`);
  return String(x);
}

/** A Python string literal (JSON's escapes are Python's too). */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

/** `None`, or the literal of a value. */
export function pyValue(v: number | string | boolean | null | undefined | readonly (number | string)[]): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'string') return pyString(v);
  return `(${v.map((e) => pyValue(e)).join(', ')}${v.length === 1 ? ',' : ''})`;
}

/** Names the script imports or defines, which a class named after the network must not shadow. */
const TAKEN = new Set(['Dataset', 'DataLoader', 'Sampler', 'Rng', 'Examples', 'CourseBatches', 'DropoutMasks', 'CourseOptimizer', 'DistributedDataParallel', 'Path', 'F']);

/** The network's name as a Python class name: `planar` → `Planar`, `lenet_5` → `Lenet5`. */
export function className(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let out = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('') || 'Network';
  if (/^[0-9]/.test(out)) out = `Network${out}`;
  return TAKEN.has(out) ? `${out}Network` : out;
}
