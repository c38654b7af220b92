// From the `data`/`test` setting of a network with a sequence or tokens input (spec §14) to the
// matrices the engine trains on (docs/part3.md "Sequences in matrices"): x (T·n, m) or ids (T, m);
// y per step (T·n_y, m), one-hot per step for softmax, or one per example as §4. Each source is the
// data floor's (text.ts, csvSequences.ts, sequenceGenerators.ts); this module fits it to the network.

import type { DataSource, NetworkSpec } from '../foundation/model';
import { networkShapes, outputOf } from '../layers';
import { activationKind } from '../layers/activations';
import { CsvError, parseCsv } from './csv';
import { csvSequences } from './csvSequences';
import { generateSequence } from './sequenceGenerators';
import { inputText, labelsFor, oneHotPerStep, outputText, sameInput, sameOutput, type SequenceData, type SequenceInput, type SequenceOutput } from './sequences';
import { DataError, type Dataset, type ReadFile } from './datasetTypes';

/** x's layout from the network's input; undefined for a vector or image input. */
export function sequenceInputOf(spec: Pick<NetworkSpec, 'sequence' | 'tokens'>): SequenceInput | undefined {
  if (spec.sequence) return { kind: 'sequence', steps: spec.sequence.T, features: spec.sequence.n };
  if (spec.tokens) return { kind: 'tokens', steps: spec.tokens.T, vocab: spec.tokens.V };
  return undefined;
}

/** The labels the network's output layer takes. */
export function sequenceOutputOf(spec: NetworkSpec): SequenceOutput {
  const shapes = networkShapes(spec);
  const last = outputOf(spec);
  return labelsFor(shapes[shapes.length - 1].output, last.units, activationKind(last.activation).labels === 'class');
}

/** The examples of `source` for a network whose input is a sequence or tokens. */
export function sequenceDataset(spec: NetworkSpec, input: SequenceInput, source: DataSource, stream: string, readFile: ReadFile): Dataset {
  const output = sequenceOutputOf(spec);
  const data = read(spec, input, output, source, stream, readFile);
  const where = source.kind === 'generator' ? `${source.name}(…)` : source.kind === 'images' ? undefined : source.path;
  if (!sameInput(data.input, input)) throw new DataError(`${where} gives ${inputText(data.input)}, but the input is ${inputText(input)}`, where);
  if (!sameOutput(data.output, output)) throw new DataError(`${where} gives ${outputText(data.output)}, but the output layer takes ${outputText(output)}`, where);
  const Y = data.output.kind === 'classes' ? oneHotPerStep(data.Y, data.output.classes) : data.Y;
  const classes = output.kind === 'values' ? undefined : output.classes;
  const dataset: Dataset = { X: data.X, Y, m: data.m, ...(classes === undefined ? {} : { classes }) };
  if (data.inputVocab) dataset.vocab = [...data.inputVocab];
  if (data.outputVocab) dataset.outputVocab = [...data.outputVocab];
  return dataset;
}

function read(spec: NetworkSpec, input: SequenceInput, output: SequenceOutput, source: DataSource, stream: string, readFile: ReadFile): SequenceData {
  switch (source.kind) {
    case 'generator': return generateSequence(source.name, source.args, spec.train.seed, stream);
    case 'text': throw new Error('text(…) is read by dataset.ts fromText');
    case 'csv': return fromCsv(source.path, input, output, readFile);
    case 'images': throw new DataError(`images(…) gives image data, but the input is ${inputText(input)}`, source.path);
  }
}

function fromCsv(path: string, input: SequenceInput, output: SequenceOutput, readFile: ReadFile): SequenceData {
  try {
    return csvSequences(parseCsv(readText(path, readFile)), input, output);
  } catch (e) {
    // without the cell, as for vector CSVs (dataset.ts): the path may name any file
    if (e instanceof CsvError) throw new DataError(`${path}: ${e.unquoted}`, path, e.row, e.column);
    throw e;
  }
}

function readText(path: string, readFile: ReadFile): string {
  try {
    return readFile(path);
  } catch (e) {
    throw new DataError(`cannot read ${path}: ${(e as Error).message}`, path);
  }
}
