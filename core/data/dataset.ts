// From the `data` and `test` settings (spec §4, §8) to matrices the engine trains on: X (n[0], m) and
// Y (n[L], m). CSV rows, images of a folder and generated examples become columns; labels are shaped for the output
// layer (n[L] label values for sigmoid/linear/… outputs, a class index made one-hot for softmax).

import type { DataSource, NetworkSpec } from '../foundation/model';
import { outputOf } from '../layers';
import { activationKind } from '../layers/activations';
import { matrix, type Matrix } from '../foundation/matrix';
import { Rng } from '../foundation/prng';
import { CsvError, parseCsv } from './csv';
import { generate } from './generators';
import { ImageFolderError, loadImageFolder, shown } from './images';
import { readRegularFile } from './read';
import { DataError, type Dataset, type ReadFile } from './datasetTypes';
import { sequenceDataset, sequenceInputOf } from './sequenceDataset';
import { oneHotPerStep } from './sequences';
import { corpusOf, TextError, textExamples } from './text';

export { DataError, type Dataset, type ReadFile } from './datasetTypes';

// Training runs in a worker thread (or the CLI), so reading the whole file synchronously blocks no
// editor; the rules (regular files, the size limit) are the checker's, in read.ts.
const readUtf8: ReadFile = (path) => readRegularFile(path, 'csv');

/**
 * The training set and, if `test` is given, the test set. A generator's training data comes from
 * the seed's 'data' stream and a generated test set from its 'test' stream, so the two differ.
 * `test FRACTION` holds out round(FRACTION·m) examples (at least 1, at most m − 1) picked by the
 * seed's 'holdout' stream; both parts keep the file's (or generator's) order.
 */
export function loadData(spec: NetworkSpec, readFile: ReadFile = readUtf8): { train: Dataset; test?: Dataset } {
  const source = spec.train.data;
  if (!source) throw new DataError(`network '${spec.name}' has no 'data' setting: add 'data SOURCE' inside train { … } to train it`);
  const all = fromSource(spec, source, 'data', readFile);
  const test = spec.train.test;
  if (!test) return { train: all };
  if (test.kind !== 'fraction') return { train: all, test: fromSource(spec, test, 'test', readFile) };
  const held = holdOutCount(all.m, test.value);
  const order = Int32Array.from({ length: all.m }, (_, j) => j);
  new Rng(spec.train.seed, 'holdout').shuffle(order);
  const testColumns = order.slice(0, held).sort();
  const trainColumns = order.slice(held).sort();
  return { train: pick(all, trainColumns), test: pick(all, testColumns) };
}

/** How many of m examples `test FRACTION` holds out. */
export function holdOutCount(m: number, fraction: number): number {
  return Math.min(m - 1, Math.max(1, Math.round(fraction * m)));
}

function fromSource(spec: NetworkSpec, source: DataSource, stream: string, readFile: ReadFile): Dataset {
  // text(…) is read below whatever the input (its own sentences say what it needs); every other
  // source of a sequence or tokens input is laid out by sequenceDataset.ts
  const input = sequenceInputOf(spec);
  if (input && source.kind !== 'text') return sequenceDataset(spec, input, source, stream, readFile);
  switch (source.kind) {
    case 'csv': return fromCsv(spec, source.path, readFile);
    case 'images': return fromImages(spec, source.path);
    case 'generator': return fromGenerator(spec, source.name, source.args, stream);
    case 'text': return fromText(spec, source.path, source.steps, readFile);
  }
}

/**
 * `text("FILE", steps: T)` (spec §14): token ids x (T, m) and, for the per-step softmax over the
 * same characters, one-hot labels (T·V, m) of the next characters (text.ts). `vocab` is kept for
 * sampling (`nn sample`).
 */
function fromText(spec: NetworkSpec, path: string, T: number, readFile: ReadFile): Dataset {
  let corpus;
  try {
    corpus = corpusOf(readFile(path));
  } catch (e) {
    throw new DataError(`cannot read ${path}: ${(e as Error).message}`, path);
  }
  const V = corpus.vocab.length;
  const call = `text("${shown(path)}", steps: ${T})`;
  if (!spec.tokens || spec.tokens.T !== T) throw new DataError(`${call} gives ${T} token ids per example: the input must be \`input tokens(steps: ${T}, vocab: ${V})\``, path);
  if (spec.tokens.V !== V) throw new DataError(`${shown(path)} has ${V} distinct characters, but the input says vocab: ${spec.tokens.V}`, path);
  const out = output(spec);
  if (!out.softmax || out.units !== V) throw new DataError(`${call} labels each step with the next of ${V} characters: the output layer must be \`dense ${V} softmax\` at every step`, path);
  let examples;
  try {
    examples = textExamples(corpus, T);
  } catch (e) {
    if (e instanceof TextError) throw new DataError(e.message, path);
    throw e;
  }
  return { X: examples.X, Y: oneHotPerStep(examples.Y, V), m: examples.m, classes: V, vocab: corpus.vocab };
}

/** An image folder: every image decoded, labels by class folder (two with a sigmoid unit: one 0/1 row). */
function fromImages(spec: NetworkSpec, folder: string): Dataset {
  const input = spec.image;
  if (!input) throw new DataError(`images(…) gives image data, but input is the vector n[0] = ${spec.inputSize}: write the image size, e.g. \`input (28, 28, 1)\``, folder);
  let data;
  try {
    data = loadImageFolder(folder, input);
  } catch (e) {
    if (e instanceof ImageFolderError) throw new DataError(e.message, e.file ?? folder);
    throw e;
  }
  const out = output(spec);
  const classes = data.classes.length;
  const m = data.labels.length;
  if (out.softmax ? out.units !== classes : !(classes === 2 && out.units === 1)) {
    const need = classes === 2 ? 'an output layer of 1 sigmoid unit or a softmax of 2' : `a softmax output layer of ${classes} units`;
    throw new DataError(`${shown(folder)} has ${classes} class folders (${data.classes.join(', ')}), so it needs ${need}; the output layer has ${out.units} unit${out.units === 1 ? '' : 's'}`, folder);
  }
  const Y = out.softmax ? oneHot(data.labels, out.units) : { rows: 1, cols: m, data: Float64Array.from(data.labels) };
  return { X: data.X, Y, m, classes, classNames: data.classes };
}

function output(spec: NetworkSpec): { units: number; softmax: boolean } {
  const last = outputOf(spec);
  return { units: last.units, softmax: activationKind(last.activation).labels === 'class' };
}

function fromGenerator(spec: NetworkSpec, name: string, args: Record<string, number>, stream: string): Dataset {
  const { X, labels, classes } = generate(name, args, spec.train.seed, stream);
  const out = output(spec);
  const call = `${name}(…)`;
  if (X.rows !== spec.inputSize) throw new DataError(`${call} makes ${X.rows} features, but input is ${spec.inputSize}`);
  if (out.softmax) {
    if (classes > out.units) throw new DataError(`${call} makes ${classes} classes, but the softmax output has ${out.units} units`);
  } else if (classes !== 2 || out.units !== 1) {
    throw new DataError(`${call} makes ${classes} classes: ${classes === 2 ? 'the output layer needs 1 unit' : 'use a softmax output layer of ' + classes + ' units'}`);
  }
  return { X, Y: out.softmax ? oneHot(labels, out.units) : { rows: 1, cols: X.cols, data: Float64Array.from(labels) }, m: X.cols, classes: out.softmax ? out.units : 2 };
}

function fromCsv(spec: NetworkSpec, path: string, readFile: ReadFile): Dataset {
  let text: string;
  try {
    text = readFile(path);
  } catch (e) {
    throw new DataError(`cannot read ${path}: ${(e as Error).message}`, path);
  }
  let table;
  try {
    table = parseCsv(text);
  } catch (e) {
    // Without the cell: training does not know the workspace, and the path may name any file (a key
    // file's line would be quoted); the checker, which knows, shows the cell of a file inside it.
    if (e instanceof CsvError) throw new DataError(`${path}: ${e.unquoted}`, path, e.row, e.column);
    throw e;
  }
  const out = output(spec);
  const n0 = spec.inputSize;
  const labelColumns = out.softmax ? 1 : out.units;
  if (table.columns !== n0 + labelColumns) {
    const wanted = out.softmax ? '1 class-index column (softmax output)' : `${out.units} label column${out.units === 1 ? '' : 's'}`;
    throw new DataError(`${path} has ${table.columns} columns, but the network needs ${n0 + labelColumns}: ${n0} features (input ${n0}) and ${wanted}`, path);
  }
  const m = table.rows.length;
  const X = matrix(n0, m);
  const labels = matrix(labelColumns, m);
  table.rows.forEach((row, j) => {
    for (let f = 0; f < n0; f++) X.data[f * m + j] = row[f];
    for (let c = 0; c < labelColumns; c++) labels.data[c * m + j] = row[n0 + c];
  });
  const names = table.header;
  if (!out.softmax) return { X, Y: labels, m, classes: out.units === 1 && labels.data.every((v) => v === 0 || v === 1) ? 2 : undefined, names };
  const classes = new Int32Array(m);
  labels.data.forEach((v, j) => {
    if (!Number.isInteger(v) || v < 0 || v >= out.units) {
      const row = table.lines[j];
      throw new DataError(`${path}: row ${row}, column ${n0 + 1}: class ${v} is not one of the softmax output's classes 0…${out.units - 1}`, path, row, n0 + 1);
    }
    classes[j] = v;
  });
  return { X, Y: oneHot(classes, out.units), m, classes: out.units, names };
}

function oneHot(labels: Int32Array, n: number): Matrix {
  const Y = matrix(n, labels.length);
  labels.forEach((c, j) => (Y.data[c * labels.length + j] = 1));
  return Y;
}

/** The examples (columns) at `columns`, in that order. */
function pick(ds: Dataset, columns: Int32Array): Dataset {
  const take = (M: Matrix): Matrix => {
    const out = matrix(M.rows, columns.length);
    for (let i = 0; i < M.rows; i++) columns.forEach((c, t) => (out.data[i * columns.length + t] = M.data[i * M.cols + c]));
    return out;
  };
  return { X: take(ds.X), Y: take(ds.Y), m: columns.length, classes: ds.classes, names: ds.names, classNames: ds.classNames };
}
