// Spec §14 in the checker: does a network's sequence data fit it? `text("FILE", steps: T)` against
// `input tokens(…)` (its vocabulary V, NN518 with a fix that writes the right V), the sequence
// generators against the input they make, CSV rows laid out as csvSequences.ts reads them, and the
// labels against the output: one per step or one per sequence (`return: last` and the reverse).
// Judged without training, each on the `data`/`test` value that causes it.

import { CsvError, type CsvTable } from '../data/csv';
import { csvSequences } from '../data/csvSequences';
import { findGenerator } from '../data/catalog';
import { findSequenceGenerator } from '../data/sequenceCatalog';
import { inputText, labelsFor, outputText, sameInput, sameOutput, type SequenceInput, type SequenceOutput } from '../data/sequences';
import { corpusOf, exampleCount } from '../data/text';
import { basename } from '../data/paths';
import type { DataSource } from '../foundation/model';
import { activationKind } from '../layers/activations';
import type { Fix, LayerInfo, Range } from './api';
import type { CallValue, LayerNode, Value } from './ast';
import { lineEnd, removePart } from './lineEdits';
import { replaceFix, type CheckContext } from './context';

/** What the checker knows of a network with a sequence or tokens input (or none, for data that needs one). */
export interface SequenceNet {
  /** x's layout; undefined for a vector or image input */
  input?: SequenceInput;
  /** the input's value as written (`2`, `(28, 28, 1)`, `sequence(…)`): where a fix rewrites it */
  inputRange?: Range;
  /** `sequence(…)`/`tokens(…)` as written, whose arguments a fix changes */
  inputForm?: CallValue;
  output?: LayerInfo;
  /** the last layer statement that takes `return:`, whose option a fix writes or removes */
  stepsEnd?: LayerNode;
}

/** Reading a file for the checker (data.ts owns the workspace rule and the CSV reader). */
export interface SequenceFiles {
  readText(path: string, node: Value): string | undefined;
  readCsv(path: string, node: Value): CsvTable | undefined;
}

/** Whether `source` is sequence data, or `net` takes it: then this module judges it. */
export function isSequenceSource(source: DataSource, net: SequenceNet | undefined): boolean {
  return source.kind === 'text' || (source.kind === 'generator' && !findGenerator(source.name)) || net?.input !== undefined;
}

/** m (when known) and whether the source fits the network. */
export function checkSequenceSource(ctx: CheckContext, source: DataSource, node: Value, net: SequenceNet | undefined, files: SequenceFiles): { m?: number; fits: boolean } {
  switch (source.kind) {
    case 'text': return text(ctx, source.path, source.steps, node, net, files);
    case 'generator': return generator(ctx, source.name, source.args, node, net);
    case 'csv': return csv(ctx, source.path, node, net, files);
    case 'images': {
      ctx.report('NN516', node.range, `images(…) gives image data, but the input is ${inputText(net!.input!)}`);
      return { fits: false };
    }
  }
}

function text(ctx: CheckContext, path: string, steps: number, node: Value, net: SequenceNet | undefined, files: SequenceFiles): { m?: number; fits: boolean } {
  const content = files.readText(path, node);
  if (content === undefined) return { fits: true };
  const corpus = corpusOf(content);
  const length = corpus.ids.length;
  const m = exampleCount(length, steps);
  if (m === 0) {
    ctx.report('NN518', node.range, length === 0
      ? `the text file ${basename(path)} is empty: text(…) needs at least steps + 1 characters`
      : `${basename(path)} has ${length} character${length === 1 ? '' : 's'}, but steps: ${steps} needs at least ${steps + 1} (T + 1: x and the next character)`);
    return { fits: false };
  }
  if (!net) return { m, fits: true };
  const V = corpus.vocab.length;
  const given: SequenceInput = { kind: 'tokens', steps, vocab: V };
  const input = net.input;
  if (input?.kind === 'tokens' && input.steps === steps && input.vocab !== V) {
    const vocab = net.inputForm?.args?.find((a) => a.name === 'vocab')?.value;
    ctx.report('NN518', node.range,
      `${basename(path)} has V = ${V} distinct characters, so its tokens are 0…${V - 1}, but the input's vocab is ${input.vocab}: vocab must be the text's vocabulary size`,
      vocab ? [replaceFix(`Change vocab to ${V}`, vocab.range, String(V))] : undefined);
    return { m, fits: false };
  }
  if (!fitsInput(ctx, `text("${basename(path)}", steps: ${steps})`, given, node, net)) return { m, fits: false };
  return { m, fits: fitsOutput(ctx, 'text(…)', { kind: 'classes', steps, classes: V }, node, net) };
}

function generator(ctx: CheckContext, name: string, args: Record<string, number>, node: Value, net: SequenceNet | undefined): { m?: number; fits: boolean } {
  const info = findSequenceGenerator(name);
  if (!net) return { m: args.m, fits: true };
  if (!info) {
    // a vector generator for a sequence input
    const features = findGenerator(name)!.features(args);
    ctx.report('NN505', node.range, `${name} gives vectors of ${features} feature${features === 1 ? '' : 's'}, but the input is ${inputText(net.input!)}: use sequence data (a CSV file, text(…), adding, reverse or dates)`);
    return { m: args.m, fits: false };
  }
  const fits = fitsInput(ctx, name, info.input(args), node, net) && fitsOutput(ctx, name, info.output(args), node, net);
  return { m: args.m, fits };
}

function csv(ctx: CheckContext, path: string, node: Value, net: SequenceNet | undefined, files: SequenceFiles): { m?: number; fits: boolean } {
  const table = files.readCsv(path, node);
  if (!table) return { fits: true };
  const m = table.rows.length;
  const input = net?.input;
  const output = net && expected(net);
  if (!input || !output) return { m, fits: true };
  try {
    csvSequences(table, input, output);
    return { m, fits: true };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    ctx.report(e.message.startsWith('the file has') ? 'NN503' : 'NN504', node.range, `${basename(path)}:${e.row}:${e.column}: ${e.message}`);
    return { m, fits: false };
  }
}

/** The labels the network's output layer takes, when it has one. */
function expected(net: SequenceNet): SequenceOutput | undefined {
  const last = net.output;
  if (!last) return undefined;
  const units = last.output.kind === 'sequence' ? last.output.n : last.units;
  return labelsFor(last.output, units, activationKind(last.activation).labels === 'class');
}

/** The form a fix writes for data's x: `sequence(steps: 50, features: 2)`, `tokens(steps: 10, vocab: 10)`. */
function formText(input: SequenceInput): string {
  return input.kind === 'sequence' ? `sequence(steps: ${input.steps}, features: ${input.features})` : `tokens(steps: ${input.steps}, vocab: ${input.vocab})`;
}

function fitsInput(ctx: CheckContext, source: string, given: SequenceInput, node: Value, net: SequenceNet): boolean {
  if (net.input && sameInput(given, net.input)) return true;
  const form = formText(given);
  const is = net.input ? inputText(net.input) : 'not a sequence';
  ctx.report('NN505', node.range, `${source} gives ${inputText(given)}, but the input is ${is}: write \`input ${form}\``,
    net.inputRange ? [replaceFix(`Change input to ${form}`, net.inputRange, form)] : undefined);
  return false;
}

/**
 * Whether data's labels fit the output layer. One per sequence against a per-step output (or the
 * reverse) is the mistake of the last recurrent layer's `return:`, and the message says so.
 */
function fitsOutput(ctx: CheckContext, source: string, given: SequenceOutput, node: Value, net: SequenceNet): boolean {
  const output = expected(net);
  if (!output || sameOutput(given, output)) return true;
  const l = net.output!.index;
  let why = `the output layer ${l} takes ${outputText(output)}`;
  const fixes = stepsFixes(net.stepsEnd, given.kind === 'last', output.kind === 'last');
  if (given.kind === 'last' && output.kind !== 'last') {
    why = `the output layer ${l} predicts at each of its ${output.steps} steps: end the steps with \`return: last\` on the last recurrent layer`;
  } else if (given.kind !== 'last' && output.kind === 'last') {
    why = `the output layer ${l} predicts once per sequence: keep every step with \`return: sequence\` (the default) on the last recurrent layer`;
  } else if (given.kind === 'classes' && output.kind === 'classes' && given.steps === output.steps) {
    why = `the output layer ${l} is a softmax of ${output.classes}: it needs ${given.classes} units (\`dense ${given.classes} softmax\`)`;
  }
  ctx.report('NN504', node.range, `${source} gives ${outputText(given)}, but ${why}`, fixes);
  return false;
}

/**
 * The fix to the last recurrent layer's `return:` when the data has one label per sequence and the
 * output one per step (write `return: last`, or change `sequence` to it), or the reverse (remove
 * `return: last`: `sequence` is the default); none when the steps end elsewhere (`global_avg_pool`).
 */
function stepsFixes(layer: LayerNode | undefined, givenLast: boolean, outputLast: boolean): Fix[] {
  if (!layer || givenLast === outputLast) return [];
  const option = layer.options.find((o) => o.name === 'return');
  const written = option?.value && 'name' in option.value ? option.value.name : undefined;
  if (!givenLast) return option && written === 'last' ? [removePart(layer, option, 'Remove `return: last`')] : [];
  if (option?.value) return written === 'last' ? [] : [replaceFix('Change to `return: last`', option.value.range, 'last')];
  const end = lineEnd(layer);
  return [{ title: `Add \`return: last\` to \`${layer.kind}\``, edits: [{ range: { start: end, end }, newText: '  return: last' }], preferred: true }];
}
