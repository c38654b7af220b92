// Does the data fit the network (spec §3, §4)? Feature counts against n[0], labels against the
// output layer, CSV cells, and the weights file's matrices against W[l] and b[l]. Generators are
// judged from core/data/catalog.ts without running them; files are read through ctx.files, and only
// those its reach allows (paths.ts).

import { CsvError, parseCsv, type CsvTable } from '../data/csv';
import { findGenerator } from '../data/catalog';
import { holdOutCount } from '../data/dataset';
import { parseWeights } from '../data/weights';
import { channelMessage, channelsFit, firstMisfit, shown } from '../data/images';
import type { DataSource, Volume } from '../foundation/model';
import { activationKind } from '../layers/activations';
import { layerWeightEntries } from '../layers';
import type { CsvRead, LayerInfo, Range } from './api';
import type { CallValue, LayerNode, Value } from './ast';
import type { SequenceInput } from '../data/sequences';
import { checkSequenceSource, isSequenceSource, type SequenceFiles } from './sequenceData';
import { replaceFix, type CheckContext } from './context';
import type { CheckedTrain, SourceRef } from './settings';
import { basename, defaultReach, placeOf, type Reach } from '../data/paths';

export interface NetworkShape {
  inputSize: number;
  /** n[0], written in the file: where a fix that changes it goes */
  inputRange?: Range;
  /** `input (N_H, N_W, N_C)`: messages name the tuple, image folders are checked against it, and no fix rewrites it as one number */
  image?: Volume;
  /** x's layout for `input sequence(…)`/`input tokens(…)` (spec §14), and the form as written */
  sequence?: SequenceInput;
  inputForm?: CallValue;
  /** the whole input value as written (`2`, `(28, 28, 1)`, `sequence(…)`): what a fix to a sequence input replaces */
  inputValue?: Range;
  layers: LayerInfo[];
  /** the last layer statement that takes `return:` (spec §14): where a fix to the labels' steps writes it */
  stepsEnd?: LayerNode;
}

/** n[0] as a message writes it: `784`, or `28·28·1 = 784` for an image input. */
function inputSize(net: NetworkShape): string {
  return net.image ? `${net.image.n_H}·${net.image.n_W}·${net.image.n_C} = ${net.inputSize}` : String(net.inputSize);
}

/**
 * Checks data, test and weights; returns m, the number of training examples, when known. Without
 * `net` (its shapes could not be inferred) only the files themselves are checked.
 */
export function checkData(ctx: CheckContext, train: CheckedTrain, net: NetworkShape | undefined): number | undefined {
  let m: number | undefined;
  let fits = true;
  if (train.data) ({ m, fits } = checkSource(ctx, train.data, net));
  const test = train.test;
  if (test && test.source.kind === 'fraction') {
    if (m !== undefined) {
      if (m < 2) {
        ctx.report('NN510', test.node.range, `a test fraction needs at least 2 examples to split, but the data has m = ${m}`);
        return undefined;
      }
      m -= holdOutCount(m, test.source.value);
    }
  } else if (test) {
    // When `data` does not fit, the mistake is usually in the network (n[0], the output layer):
    // it is reported once, on `data`, and the test set is only checked for being readable.
    checkSource(ctx, test as SourceRef<DataSource>, fits ? net : undefined);
  }
  if (train.weights && ctx.files) checkWeights(ctx, train.weights, net?.layers);
  return m;
}

/** m, the number of examples (undefined when unknown or broken), and whether the source fits `net`. */
function checkSource(ctx: CheckContext, ref: SourceRef<DataSource>, net: NetworkShape | undefined): { m?: number; fits: boolean } {
  const { source, node } = ref;
  const last = net?.layers[net.layers.length - 1];
  // A 1-unit softmax is already an error (NN217): no label fits it, so labels are not judged.
  const output = last && !(activationKind(last.activation).oneUnit && last.units === 1) ? last : undefined;
  const sequenceNet = net && { input: net.sequence, inputRange: net.inputValue, inputForm: net.inputForm, output, stepsEnd: net.stepsEnd };
  if (isSequenceSource(source, sequenceNet)) return checkSequenceSource(ctx, source, node, sequenceNet, sequenceFiles(ctx));
  if (source.kind === 'text') return { fits: true }; // judged above; for the type
  if (source.kind === 'generator') {
    if (!net) return { m: source.args.m, fits: true };
    const info = findGenerator(source.name)!;
    const features = info.features(source.args);
    let fits = true;
    if (features !== net.inputSize) {
      ctx.report('NN505', node.range,
        `${source.name} gives ${features} feature${features === 1 ? '' : 's'} per example, but input n[0] is ${inputSize(net)}: n[0] must equal the number of features`,
        net.inputRange && !net.image ? [replaceFix(`Change input to ${features}`, net.inputRange, String(features))] : undefined);
      fits = false;
    }
    if (output) fits = checkClasses(ctx, node.range, source.name, info.classes(source.args), output) && fits;
    return { m: source.args.m, fits };
  }
  if (source.kind === 'images') return checkImages(ctx, source.path, node, net, output);
  const place = ctx.files ? reachOf(ctx, source.path, node) : 'denied';
  if (place === 'denied') return { fits: true };
  const read = readCsv(ctx, source.path, node, place === 'outside');
  if (!read) return { fits: true };
  const { table, complete } = read;
  // Only the first rows of a file still loading are known: they are checked, m is not known yet.
  const m = complete ? table.rows.length : undefined;
  if (!net || !output) return { m, fits: true };
  const softmax = classIndex(output);
  const labelColumns = softmax ? 1 : output.units;
  const name = basename(source.path);
  if (table.columns !== 0 && table.columns !== net.inputSize + labelColumns) {
    const labels = softmax ? '1 label column (the class index)' : `${labelColumns} label column${labelColumns === 1 ? '' : 's'} (n[${output.index}] = ${output.units})`;
    ctx.report('NN503', node.range,
      `${name} has ${table.columns} columns, but the network needs n[0] = ${inputSize(net)} feature columns + ${labels} = ${net.inputSize + labelColumns}`);
    return { m, fits: false };
  }
  return { m, fits: checkLabels(ctx, node.range, name, table, net.inputSize, output) };
}

/**
 * An image folder (spec §8) from its summary: the folder and every image header readable, one
 * class per output unit (or 2 for one sigmoid unit), each image of the input's size, and an
 * image input at all. Reports the first problem only: later ones are usually its consequences.
 */
function checkImages(ctx: CheckContext, folder: string, node: Value, net: NetworkShape | undefined, output: LayerInfo | undefined): { m?: number; fits: boolean } {
  if (!ctx.files?.readImageFolder) return { fits: true };
  const place = reachOf(ctx, folder, node);
  if (place === 'denied') return { fits: true };
  const reach = reachFor(ctx);
  const read = ctx.files.readImageFolder(folder, reach);
  // A folder outside the workspace may hold anything: its class and file names are not shown.
  const outside = place === 'outside';
  if (read instanceof Error) {
    const code = read.kind === 'denied' ? 'NN512' : read.kind === 'image' ? 'NN514' : 'NN513';
    ctx.report(code, node.range, outside ? read.unquoted : read.message);
    return { fits: true };
  }
  if (read.listing.outside && !outside) {
    ctx.report('NN511', node.range, `${read.listing.outside} is a symbolic link to outside ${reach.name}: it is read, but the network depends on files others may not have`);
  }
  const m = read.listing.count;
  if (!net) return { m, fits: true };
  const input = net.image;
  if (!input) {
    const first = read.shapes[0];
    const tuple = `(${first.height}, ${first.width}, ${first.channels})`;
    const fix = read.shapes.length === 1 && net.inputRange ? [replaceFix(`Change input to ${tuple}`, net.inputRange, tuple)] : undefined;
    ctx.report('NN516', node.range, `images(…) gives image data, but input is the vector n[0] = ${net.inputSize}: write the image size as \`input (N_H, N_W, N_C)\`, here ${tuple}`, fix);
    return { m, fits: false };
  }
  if (!channelsFit(input.n_C)) {
    ctx.report('NN517', node.range, channelMessage(input));
    return { m, fits: false };
  }
  const misfit = firstMisfit(read, input);
  if (misfit) {
    ctx.report('NN515', node.range, `${outside ? `an image of ${shown(folder)}` : misfit.file} ${misfit.why}`);
    return { m, fits: false };
  }
  const fits = !output || checkClasses(ctx, node.range, shown(folder), read.listing.classes.length, output);
  return { m, fits };
}

/** Whether the output's labels are class indices made one-hot (softmax), one column for all its units. */
function classIndex(output: LayerInfo): boolean {
  return activationKind(output.activation).labels === 'class';
}

/** Two classes give one 0/1 label; more give a class index for a softmax of that many units. */
function checkClasses(ctx: CheckContext, range: Range, source: string, classes: number, output: LayerInfo): boolean {
  const softmax = classIndex(output);
  const fits = softmax ? output.units === classes : classes === 2 && output.units === 1;
  if (fits) return true;
  const need = classes === 2
    ? 'an output layer of 1 unit (e.g. `dense 1 sigmoid`) or a softmax of 2'
    : `a softmax output layer of ${classes} units (\`dense ${classes} softmax\`)`;
  const have = `${output.units} ${output.activation.name} unit${output.units === 1 ? '' : 's'}`;
  ctx.report('NN504', range, `${source} has ${classes} classes, so it needs ${need}; layer ${output.index} has ${have}`);
  return false;
}

/** Whether every label fits the output layer; reports the first that does not. */
function checkLabels(ctx: CheckContext, range: Range, name: string, table: CsvTable, n0: number, output: LayerInfo): boolean {
  const softmax = classIndex(output);
  for (let i = 0; i < table.rows.length; i++) {
    const row = table.rows[i];
    for (let j = n0; j < row.length; j++) {
      const y = row[j];
      const bad = softmax ? !(Number.isInteger(y) && y >= 0 && y < output.units) : activationKind(output.activation).labels === 'probability' && !(y >= 0 && y <= 1);
      if (bad) {
        const rule = softmax ? `a class index 0…${output.units - 1} for the ${output.units}-unit softmax` : 'between 0 and 1 for a sigmoid output';
        ctx.report('NN504', range, `${name}, row ${table.lines[i]}, column ${j + 1}: the label ${y} must be ${rule}`);
        return false;
      }
    }
  }
  return true;
}

/** A text or CSV file for sequenceData.ts, through the same workspace rule and reader; undefined once reported. */
function sequenceFiles(ctx: CheckContext): SequenceFiles {
  const place = (path: string, node: Value) => (ctx.files ? reachOf(ctx, path, node) : 'denied');
  return {
    readText(path, node) {
      if (place(path, node) === 'denied') return undefined;
      const text = ctx.files!.readFile(path);
      if (!(text instanceof Error)) return text;
      ctx.report('NN501', node.range, `cannot read the text file ${path}: ${text.message}`);
      return undefined;
    },
    readCsv(path, node) {
      const where = place(path, node);
      return where === 'denied' ? undefined : readCsv(ctx, path, node, where === 'outside')?.table;
    },
  };
}

/** The file's table, or undefined once its problem is reported. */
function readCsv(ctx: CheckContext, path: string, node: Value, outside: boolean): { table: CsvTable; complete: boolean } | undefined {
  const files = ctx.files!;
  const read: CsvRead = files.readCsv ? files.readCsv(path) : parsed(files.readFile(path));
  if (read instanceof CsvError) {
    // A file outside the workspace may be anything (a key file): not even the offending cell is shown.
    ctx.report('NN502', node.range, `${basename(path)}:${read.row}:${read.column}: ${outside ? read.unquoted : read.message}`);
    return undefined;
  }
  if (read instanceof Error) {
    ctx.report('NN501', node.range, `cannot read the data file ${path}: ${read.message}`);
    return undefined;
  }
  return read;
}

function parsed(text: string | Error): CsvRead {
  if (text instanceof Error) return text;
  try {
    return { table: parseCsv(text), complete: true };
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
}

/**
 * Whether the checker may read `path` (paths.ts): a file outside the reach's roots is a warning and
 * read, or, where the reach denies it, an error and not read at all.
 */
function reachOf(ctx: CheckContext, path: string, node: Value): 'inside' | 'outside' | 'denied' {
  const reach = reachFor(ctx);
  const place = placeOf(path, reach);
  if (place === 'denied') {
    ctx.report('NN512', node.range, `${path} is outside ${reach.name}, and this workspace is not trusted: the file is not read (trust the workspace, or move the file into it)`);
    return 'denied';
  }
  if (place === 'outside') ctx.report('NN511', node.range, `${path} is outside ${reach.name}: it is read, but the network depends on a file others may not have`);
  return place;
}

function reachFor(ctx: CheckContext): Reach {
  return ctx.files!.reach ?? defaultReach(ctx.resolve('.'));
}

function checkWeights(ctx: CheckContext, weights: NonNullable<CheckedTrain['weights']>, layers: LayerInfo[] | undefined): void {
  if (reachOf(ctx, weights.path, weights.node) === 'denied') return;
  const text = ctx.files!.readFile(weights.path);
  if (text instanceof Error) {
    ctx.report('NN501', weights.node.range, `cannot read the weights file ${weights.path}: ${text.message}`);
    return;
  }
  if (!layers) return;
  // Every named parameter as `nn train --save-weights` writes it (W, b, gamma, Wax, Wf, WQ, …); pools
  // and flatten have none, so no keys (l still counts them).
  const { problems } = parseWeights(text, layerWeightEntries(layers.map(({ index, spec, input }) => ({ l: index, spec, input }))));
  const name = basename(weights.path);
  for (const p of problems) {
    const code = p.kind === 'missing' ? 'NN507' : p.kind === 'extra' ? 'NN508' : p.kind === 'shape' ? 'NN509' : 'NN506';
    ctx.report(code, weights.node.range, `${name}: ${p.message}`);
  }
}
