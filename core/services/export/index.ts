// `nn export` (spec §10): a network as files for the tools that scale — a PyTorch script (with a
// generator's or text(…)'s data written beside it as CSV, an image folder's as .npy) or an ONNX model of given weights. Pure: returns the
// files to write; the CLI and the extension write them.

import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { DataSource, NetworkSpec } from '../../foundation/model';
import type { WeightsValues } from '../../data/weights';
import { generate } from '../../data/generators';
import { DataError } from '../../data/dataset';
import { ImageFolderError, loadImageFolder } from '../../data/images';
import { dataCsv } from './csv';
import { sequenceCsv } from './sequenceCsv';
import { loadData } from '../../data/dataset';
import { sequenceDataset, sequenceInputOf } from '../../data/sequenceDataset';
import { outputOf } from '../../layers';
import { activationKind } from '../../layers/activations';
import { examplesNpy } from './npy';
import { onnxModel, type OnnxOptions } from './onnx';
import { pytorchScript } from './pytorch';

export type ExportTarget = 'pytorch' | 'onnx';
export const EXPORT_TARGETS: readonly ExportTarget[] = ['pytorch', 'onnx'];

/** The conventional extension of each target's main file. */
export const EXTENSIONS: { [T in ExportTarget]: string } = { pytorch: '.py', onnx: '.onnx' };

export interface ExportedFile {
  /** absolute path */
  path: string;
  content: string | Uint8Array;
}

/**
 * The PyTorch script at `out` and, for generated or text(…) data, `OUT.data.csv` (and `OUT.test.csv`) beside
 * it. `weights`: an absolute weights-file path replacing the file's `weights` setting.
 */
export function exportPytorch(spec: NetworkSpec, out: string, source: string, weights?: string): ExportedFile[] {
  const folder = dirname(out);
  const stem = basename(out).replace(/\.py$/, '');
  const files: ExportedFile[] = [];
  const place = (data: DataSource, stream: 'data' | 'test'): string => {
    if (data.kind === 'csv') return fromScript(folder, data.path);
    const path = resolve(folder, `${stem}.${stream}.${data.kind === 'images' ? 'npy' : 'csv'}`);
    const input = sequenceInputOf(spec);
    files.push({
      path,
      content: data.kind === 'images' ? imagesNpy(spec, data.path)
        : data.kind === 'text' || input ? sequenceExamples(spec, data, stream)
        : dataCsv(generate(data.name, data.args, spec.train.seed, stream)),
    });
    return fromScript(folder, path);
  };
  if (!spec.train.data) throw new Error(`network ${spec.name} has no data to train on`);
  const data = place(spec.train.data, 'data');
  const testSource = spec.train.test;
  const test = testSource === undefined ? undefined : testSource.kind === 'fraction' ? testSource.value : place(testSource, 'test');
  const initial = weights ?? spec.train.weights;
  const script = pytorchScript(spec, {
    data,
    test,
    weights: initial === undefined ? undefined : fromScript(folder, initial),
    source: basename(source),
    script: basename(out),
  });
  return [{ path: resolve(out), content: script }, ...files];
}

/** The ONNX model of `weights` (every parameter by weights-file key, row-major in the editor's layout). */
export function exportOnnx(spec: NetworkSpec, out: string, weights: WeightsValues, options: OnnxOptions): ExportedFile[] {
  return [{ path: resolve(out), content: onnxModel(spec, weights, options) }];
}

/**
 * text(…) or a sequence generator's examples as the engine loads them (spec §14), as CSV: a text
 * has no stream (its test is a fraction or another file); a generator's test set is its 'test' stream.
 */
function sequenceExamples(spec: NetworkSpec, data: DataSource, stream: 'data' | 'test'): string {
  const input = sequenceInputOf(spec);
  const examples = data.kind === 'text' || !input
    ? loadData({ ...spec, train: { ...spec.train, data, test: undefined } }).train
    : sequenceDataset(spec, input, data, stream, () => { throw new Error('a generator reads no file'); });
  const out = outputOf(spec);
  return sequenceCsv(examples, out.units, activationKind(out.activation).labels === 'class');
}

/** An image folder's examples as the script reads them (npy.ts); a bad folder is a DataError, as in training. */
function imagesNpy(spec: NetworkSpec, folder: string): Uint8Array {
  if (!spec.image) throw new DataError(`images(…) needs an image input such as \`input (28, 28, 1)\``, folder);
  try {
    const { X, labels } = loadImageFolder(folder, spec.image);
    return examplesNpy(X, labels);
  } catch (e) {
    if (e instanceof ImageFolderError) throw new DataError(e.message, e.file ?? folder);
    throw e;
  }
}

/** `path` as the script reads it: relative to the script's folder, '/'-separated. */
function fromScript(folder: string, path: string): string {
  return relative(folder, path).split(sep).join('/');
}

