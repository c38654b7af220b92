// Weights files (spec §6, §8, §13): `{"W1": [[…], …], "b1": [[…], …], "W2": …}`, one key per named
// parameter (`W`, `b`, `gamma`, `beta`, `running_mean`, …, followed by l), nested row-major arrays of
// exactly its shape — (n[l], n[l−1]) and (n[l], 1) for dense, (f, f, n_C[l−1], n_C[l]) and
// (1, 1, 1, n_C[l]) for conv2d. Layers without parameters (pools, flatten) have no keys, but l still
// counts them. The checker, `weights "…"` loading and `--save-weights` all go through here, so
// reading and writing agree.
//
// API
//   parseWeights(text, entries) → { values?, problems }
//     entries: the keys the network needs, in order, with their shapes (layers/index.ts
//     weightEntries; layerEntries for a network known by its W[l], b[l] alone); an entry with a
//     `fill` (running statistics) may be left out and then starts at that value.
//     values (only when problems is empty): each key's entries row-major.
//     problems: each names the key, the shape found and the shape required; invalid JSON carries
//     the 1-based line and column of the first error, a key written twice both places.
//   formatWeights(values, entries) → the JSON text (in the entries' order; one matrix row per line;
//     numbers printed exactly, so parseWeights(formatWeights(v)) gives v back bit for bit). Throws on
//     a non-finite number: JSON cannot hold NaN or Infinity.

/** A matrix's shape: (rows, cols), or the 4-tuples of a conv layer. */
export type Shape = readonly number[];

/** W[l] and b[l] of a layer, as the language knows a network's layers. */
export interface LayerShapes {
  W: Shape;
  b: Shape;
}

/** One key a network's weights file holds: `W1`, `gamma3`, … with its shape; `fill` for state a file may leave out. */
export interface WeightEntry {
  key: string;
  shape: Shape;
  fill?: number;
}

/** A network's weights by key (`W1`, `b1`, `gamma3`, …), each row-major. */
export type WeightsValues = Record<string, Float64Array>;

export interface WeightsProblem {
  kind: 'json' | 'structure' | 'duplicate' | 'missing' | 'extra' | 'shape';
  message: string;
  /** the matrix concerned, e.g. `W2` */
  key?: string;
  found?: Shape;
  required?: Shape;
  /** json: where the text stops being valid JSON; duplicate: where the second copy of the key starts (1-based) */
  line?: number;
  column?: number;
}

export interface WeightsResult {
  values?: WeightsValues;
  problems: WeightsProblem[];
}

const fmt = (s: Shape) => `(${s.join(', ')})`;

/** The entries of a network known by W[l], b[l] per layer (undefined for a layer without parameters): W<l>, b<l>. */
export function layerEntries(layers: ReadonlyArray<LayerShapes | undefined>): WeightEntry[] {
  return layers.flatMap((shapes, i) => (shapes ? [{ key: `W${i + 1}`, shape: shapes.W }, { key: `b${i + 1}`, shape: shapes.b }] : []));
}

/** What an unknown key is told the network holds: W1…WL, b1…bL when every layer has just those, else every key. */
function keysOf(entries: readonly WeightEntry[]): string {
  const L = entries.length / 2;
  const plain = entries.every(({ key }, i) => key === `${i % 2 === 0 ? 'W' : 'b'}${Math.floor(i / 2) + 1}`);
  if (plain && L >= 1) return `it has ${L} layer${L === 1 ? '' : 's'}: W1…W${L}, b1…b${L}`;
  return `its keys are ${entries.map((e) => e.key).join(', ') || 'none'}: pools and flatten have no parameters`;
}

export function parseWeights(text: string, entries: readonly WeightEntry[]): WeightsResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const offset = scanJson(text).error ?? text.length;
    const { line, column } = lineColumn(text, offset);
    // The character itself is not quoted: the file may be any file (a key file), and line and column find it.
    const near = offset >= text.length ? 'the text ends too early' : 'an unexpected character';
    return { problems: [{ kind: 'json', line, column, message: `not valid JSON at line ${line}, column ${column}: ${near}` }] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { problems: [{ kind: 'structure', message: 'a weights file is a JSON object with keys W1, b1, W2, …' }] };
  }
  const object = json as Record<string, unknown>;
  const duplicate = duplicateKey(text);
  if (duplicate) return { problems: [duplicate] };
  const problems: WeightsProblem[] = [];
  const values: WeightsValues = {};
  for (const { key, shape: required, fill } of entries) {
    if (!(key in object)) {
      if (fill !== undefined) values[key] = new Float64Array(required.reduce((p, d) => p * d, 1)).fill(fill);
      else problems.push({ kind: 'missing', key, required, message: `${key} is missing: it must be a ${fmt(required)} ${required.length === 2 ? 'matrix' : 'array'}` });
      continue;
    }
    const matrix = required.length === 2 ? readMatrix(key, object[key], required, problems) : readArray(key, object[key], required, problems);
    if (matrix) values[key] = matrix;
  }
  const expected = new Set(entries.map((e) => e.key));
  for (const key of Object.keys(object)) {
    if (!expected.has(key)) problems.push({ kind: 'extra', key, message: `${shownKey(key)} is not a matrix of this network (${keysOf(entries)})` });
  }
  return problems.length === 0 ? { values, problems } : { problems };
}

function readMatrix(key: string, value: unknown, required: Shape, problems: WeightsProblem[]): Float64Array | undefined {
  const structure = (message: string) => {
    problems.push({ kind: 'structure', key, required, message: `${key}: ${message}` });
    return undefined;
  };
  if (!Array.isArray(value) || value.length === 0 || !value.every(Array.isArray)) {
    return structure(`expected a nested array of rows, e.g. [[0.1, 0.2], [0.3, 0.4]], of shape ${fmt(required)}`);
  }
  const rows = value as unknown[][];
  const cols = rows[0].length;
  const ragged = rows.findIndex((r) => r.length !== cols);
  if (ragged >= 0) return structure(`row ${ragged + 1} has ${rows[ragged].length} numbers but row 1 has ${cols}`);
  const found: Shape = [rows.length, cols];
  if (found[0] !== required[0] || found[1] !== required[1]) {
    problems.push({ kind: 'shape', key, found, required, message: `${key} is ${fmt(found)} but must be ${fmt(required)}` });
    return undefined;
  }
  const out = new Float64Array(found[0] * found[1]);
  for (let r = 0; r < found[0]; r++) {
    for (let c = 0; c < cols; c++) {
      const x = rows[r][c];
      if (typeof x !== 'number' || !Number.isFinite(x)) return structure(`row ${r + 1}, column ${c + 1} is not a finite number`);
      out[r * cols + c] = x;
    }
  }
  return out;
}

/**
 * A nested array of exactly `required` (a conv layer's 4-tuple), row-major. The shape found is read
 * along the first entries; a sub-array of another length or an entry that is not a finite number
 * is named by its 1-based position.
 */
function readArray(key: string, value: unknown, required: Shape, problems: WeightsProblem[]): Float64Array | undefined {
  const found: number[] = [];
  for (let x = value; Array.isArray(x); x = x[0]) found.push(x.length);
  if (found.length !== required.length || found.some((d, i) => d !== required[i])) {
    problems.push({ kind: 'shape', key, found, required, message: `${key} is ${found.length ? fmt(found) : 'not a nested array'} but must be ${fmt(required)}` });
    return undefined;
  }
  const out = new Float64Array(required.reduce((p, d) => p * d, 1));
  let q = 0;
  const walk = (x: unknown, depth: number, at: number[]): boolean => {
    if (depth === required.length) {
      if (typeof x === 'number' && Number.isFinite(x)) {
        out[q++] = x;
        return true;
      }
      problems.push({ kind: 'structure', key, required, message: `${key}: the entry at position (${at.join(', ')}) is not a finite number` });
      return false;
    }
    if (!Array.isArray(x) || x.length !== required[depth]) {
      const what = Array.isArray(x) ? `has ${x.length} entries` : 'is not an array';
      problems.push({ kind: 'structure', key, required, message: `${key}: the array at position (${at.join(', ')}) ${what}, but ${key} must be ${fmt(required)}` });
      return false;
    }
    return x.every((item, i) => walk(item, depth + 1, [...at, i + 1]));
  };
  return walk(value, 0, []) ? out : undefined;
}

export function formatWeights(values: WeightsValues, entries: readonly WeightEntry[]): string {
  const lines = entries.map(({ key, shape }) => `  "${key}": ${nested(key, values[key], shape, shape, 0, '  ')}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/**
 * data[offset…] as a nested array of `shape`, one innermost array per line (a matrix row), the
 * lines indented under `indent`. Numbers are printed exactly (-0 too).
 */
function nested(key: string, data: Float64Array, full: Shape, shape: Shape, offset: number, indent: string): string {
  if (shape.length === 1) {
    const row: string[] = [];
    for (let c = 0; c < shape[0]; c++) {
      const x = data[offset + c];
      if (!Number.isFinite(x)) throw new Error(`${key} holds ${x} at ${position(full, offset + c)}: JSON cannot store it`);
      row.push(Object.is(x, -0) ? '-0' : String(x)); // String(-0) is '0'
    }
    return `[${row.join(', ')}]`;
  }
  const inner = shape.slice(1);
  const stride = inner.reduce((p, d) => p * d, 1);
  const items = Array.from({ length: shape[0] }, (_, r) => `${indent}  ${nested(key, data, full, inner, offset + r * stride, `${indent}  `)}`);
  return `[\n${items.join(',\n')}\n${indent}]`;
}

/** Where entry `index` (row-major) of an array of `shape` is: "row 2, column 3", or "position (1, 1, 1, 3)" (1-based). */
function position(shape: Shape, index: number): string {
  const at: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    at.unshift((index % shape[d]) + 1);
    index = Math.floor(index / shape[d]);
  }
  return shape.length === 2 ? `row ${at[0]}, column ${at[1]}` : `position (${at.join(', ')})`;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * A key found in the file as messages show it: its first 8 characters, escaped. A weights path may
 * name any JSON file, whose keys can be secrets (a 104-character token was shown whole).
 */
function shownKey(key: string): string {
  const cut = [...key].length > 8 ? `${[...key].slice(0, 8).join('')}…` : key;
  return JSON.stringify(cut).slice(1, -1);
}

/** The first key of the top-level object written twice (JSON.parse silently keeps the last). */
function duplicateKey(text: string): WeightsProblem | undefined {
  const seen = new Map<string, number>();
  for (const { key, offset } of scanJson(text).keys) {
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, offset);
      continue;
    }
    const a = lineColumn(text, first);
    const b = lineColumn(text, offset);
    return {
      kind: 'duplicate', key, line: b.line, column: b.column,
      message: `${shownKey(key)} is given twice (line ${a.line}, column ${a.column} and line ${b.line}, column ${b.column}): keep one`,
    };
  }
  return undefined;
}

class Stop {
  constructor(readonly offset: number) {}
}

/**
 * Walks JSON text without recursion (so 100,000 nested `[` cannot overflow the stack): the offset of
 * the first character that makes it invalid (JSON.parse's messages do not always say where), and the
 * keys of the top-level object with their offsets.
 */
function scanJson(text: string): { error?: number; keys: { key: string; offset: number }[] } {
  const keys: { key: string; offset: number }[] = [];
  const open: string[] = []; // '{' or '[' for each container we are inside
  let i = 0;
  const fail = (): never => {
    throw new Stop(Math.min(i, text.length));
  };
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] < ' ') fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const key = () => {
    ws();
    if (text[i] !== '"') fail();
    const start = i;
    string();
    if (open.length === 1) keys.push({ key: JSON.parse(text.slice(start, i)) as string, offset: start });
    ws();
    if (text[i] !== ':') fail();
    i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const number = () => {
    const m = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    m.lastIndex = i;
    if (!m.test(text)) fail();
    i = m.lastIndex;
  };
  try {
    for (;;) {
      // A value starts here.
      ws();
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        ws();
        if (text[i] !== (c === '{' ? '}' : ']')) {
          open.push(c);
          if (c === '{') key();
          continue;
        }
        i++;
      } else if (c === '"') string();
      else if (c === 't') literal('true');
      else if (c === 'f') literal('false');
      else if (c === 'n') literal('null');
      else number();
      // A value ended: close containers until a comma asks for the next value.
      for (;;) {
        ws();
        const top = open[open.length - 1];
        if (top === undefined) {
          if (i < text.length) fail();
          return { keys };
        }
        if (text[i] === ',') {
          i++;
          if (top === '{') key();
          break;
        }
        if (text[i] !== (top === '{' ? '}' : ']')) fail();
        i++;
        open.pop();
      }
    }
  } catch (e) {
    if (e instanceof Stop) return { error: e.offset, keys };
    throw e;
  }
}
