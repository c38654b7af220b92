// Spec §8 in the checker: the image input, the options of each layer statement (f, stride, pad,
// keep_prob), and the shape issues core/layers finds, each reported on the line that causes it.
// The arithmetic itself (output sizes, unused rows, parameters) is core/layers'; this file only
// reads the options into LayerSpecs and words the issues.

import { formula, kindNamed, LAYER_KINDS, samePad, type LayerForm, type Shape, type ShapeIssue, type Window } from '../layers';
import type { Volume } from '../foundation/model';
import type { InputVolume, LayerNode, LayerNodeKind, LayerOption, NumberValue } from './ast';
import { ANNOTATION_NAMES, LAYER_OPTION_DOCS, type LayerOptionDoc, type WordValueDoc } from './catalog';
import { replaceFix, reportUnknown, type CheckContext } from './context';
import { reportHeads } from './heads';
import { removePart } from './lineEdits';
import { stepsAdvice } from './afterSteps';

/**
 * The options of a layer line whose names are right for its statement, by name. Each mistake is
 * one diagnostic: a matrix name used as an option, an unknown name, an option of another statement
 * (NN223), the same option twice.
 */
export function layerOptions(ctx: CheckContext, node: LayerNode): Map<string, LayerOption> {
  // read from the registry at each call, so a kind registered at run time counts too
  const own = kindNamed(node.kind)!.form.options;
  const options = new Map<string, LayerOption>();
  for (const o of node.options) {
    if (ANNOTATION_NAMES.includes(o.name)) {
      ctx.report('NN208', o.range, `${o.name} is a matrix: its annotation takes a shape, e.g. \`${o.name}: (ROWS, COLS)\``);
    } else if (!LAYER_KINDS.some((k) => k.form.options.includes(o.name))) {
      reportUnknown(ctx, 'NN208', 'annotation or option', o.name, o.nameRange, [...ANNOTATION_NAMES, ...own]);
    } else if (!own.includes(o.name)) {
      const takers = LAYER_KINDS.filter((k) => k.form.options.includes(o.name)).map((k) => `\`${k.kind}\``);
      const takes = own.length > 0 ? `takes ${own.join(', ')}` : 'takes no option';
      const of = takers.length > 1 ? `${takers.slice(0, -1).join(', ')} and ${takers[takers.length - 1]}` : takers[0];
      ctx.report('NN223', o.range, `\`${o.name}\` is an option of ${of}, not of \`${node.kind}\` (which ${takes})`,
        [removePart(node, o, `Remove \`${o.name}\``)]);
    } else if (options.has(o.name)) {
      ctx.report('NN303', o.range, `${o.name} is already given on this layer`);
    } else {
      options.set(o.name, o);
    }
  }
  return options;
}

/** A positive integer option (f, stride); undefined (reported, NN418) when it is not one. */
function count(ctx: CheckContext, option: LayerOption | undefined, what: string): number | undefined {
  if (!option) return undefined;
  const v = option.value;
  if (v?.kind === 'number' && v.integer && Number.isSafeInteger(v.value) && v.value >= 1) return v.value;
  ctx.report('NN418', v?.range ?? option.range, `${option.name} is ${what}: a positive integer, not ${written(option)}`);
  return undefined;
}

function written(option: LayerOption): string {
  const v = option.value;
  return v?.kind === 'number' ? v.text : v ? `\`${v.name}\`` : 'nothing';
}

/** How the checker reads one option into a number; `shapes` false when a broken value leaves the shapes as they are. */
interface OptionReader {
  read(ctx: CheckContext, node: LayerNode, option: LayerOption, read: OptionsRead): number | undefined;
  shapes: boolean;
}

/** The options read so far (a form lists f and stride before pad, which depends on them). */
interface OptionsRead {
  values: Record<string, number>;
  written: ReadonlyMap<string, LayerOption>;
  l: number;
  isOutput: boolean;
}

/** Every layer option by name (spec §8–9): a kind's form names the ones it takes. */
const READERS: Readonly<Record<string, OptionReader>> = {
  f: { read: (ctx, _node, option) => count(ctx, option, 'the window size f'), shapes: true },
  stride: { read: (ctx, _node, option) => count(ctx, option, 'the stride s'), shapes: true },
  // `same` needs f and the stride, which is 1 unless written
  pad: { read: (ctx, node, option, { values, written }) => padding(ctx, node, option, values.f, written.has('stride') ? values.stride : 1), shapes: true },
  keep_prob: { read: (ctx, node, option, { l, isOutput }) => keepProb(ctx, node, option, l, isOutput), shapes: false },
  // the word-valued options (`norm: batch`, `return: last`), each read by its catalogue entry
  ...Object.fromEntries(LAYER_OPTION_DOCS.filter((d) => d.values).map((d): [string, OptionReader] =>
    [d.name, { read: (ctx, _node, option) => wordValue(ctx, option, d, d.values!), shapes: d.shapes ?? false }])),
  heads: { read: (ctx, _node, option) => count(ctx, option, 'the number of heads h'), shapes: true },
};

/**
 * A word-valued option as the index of its word in the catalogue's list (LayerParts options are
 * numbers); undefined when it is not one of them (NN419, with the close word as a fix).
 */
function wordValue(ctx: CheckContext, option: LayerOption, d: LayerOptionDoc, values: readonly WordValueDoc[]): number | undefined {
  const v = option.value;
  const names = values.map((x) => x.name);
  if (v?.kind !== 'call') {
    ctx.report('NN419', v?.range ?? option.range, `${d.name} takes ${names.map((name) => `\`${d.name}: ${name}\``).join(' or ')}, not ${v ? v.text : 'nothing'}`);
    return undefined;
  }
  const index = names.indexOf(v.name);
  if (index < 0) {
    reportUnknown(ctx, 'NN419', d.noun ?? `value of ${d.name}`, v.name, v.nameRange, names);
    return undefined;
  }
  if (v.args) {
    ctx.report('NN419', v.argsRange ?? v.range, `\`${d.name}: ${v.name}\` takes no arguments${d.noArgs ? `: ${d.noArgs}` : ''}`);
    return undefined;
  }
  return index;
}

/**
 * The lone words of a layer line (spec §14–15) as options of value 1, each written once: a flag of
 * another statement is NN223 (as an option of another statement is), an unknown word NN227.
 */
function readFlags(ctx: CheckContext, node: LayerNode, form: LayerForm, values: Record<string, number>): void {
  const own = form.flags ?? [];
  for (const f of node.flags) {
    if (own.includes(f.name)) {
      if (values[f.name] === 1) ctx.report('NN303', f.range, `${f.name} is already given on this layer`, [removePart(node, f, `Remove the second \`${f.name}\``)]);
      values[f.name] = 1;
      continue;
    }
    const takers = LAYER_KINDS.filter((k) => k.form.flags?.includes(f.name)).map((k) => `\`${k.kind}\``);
    if (takers.length > 0) {
      const takes = own.length > 0 ? `takes ${own.map((x) => `\`${x}\``).join(', ')}` : 'takes no such word';
      ctx.report('NN223', f.range, `\`${f.name}\` is a flag of ${takers.join(', ')}, not of \`${node.kind}\` (which ${takes})`,
        [removePart(node, f, `Remove \`${f.name}\``)]);
    } else if (own.length > 0) {
      reportUnknown(ctx, 'NN227', 'flag', f.name, f.range, own);
    } else {
      ctx.report('NN227', f.range, `unknown word \`${f.name}\`: \`${node.kind}\` takes no lone words; its options are written \`NAME: VALUE\``);
    }
  }
}

/** What an option the statement cannot do without is for, as NN226 says it. */
const REQUIRED: Readonly<Record<string, { what: string; means: string }>> = {
  f: { what: 'its window size', means: 'an f × f window' },
  heads: { what: 'its number of heads', means: 'h heads of d/h rows each' },
};

/**
 * The options of layer l's statement as numbers, by its kind's form; undefined when one the shapes
 * depend on is broken or missing (each mistake reported once, on the part it is about).
 */
export function readOptions(ctx: CheckContext, node: LayerNode, form: LayerForm, l: number, isOutput: boolean): Record<string, number> | undefined {
  const written = layerOptions(ctx, node);
  const read: OptionsRead = { values: {}, written, l, isOutput };
  let complete = true;
  for (const [name, example] of Object.entries(form.requires ?? {})) {
    if (written.has(name)) continue;
    const at = node.range.end;
    ctx.report('NN226', node.keywordRange, `\`${node.kind}\` needs ${REQUIRED[name].what}: add \`${example}\` (${REQUIRED[name].means})`,
      [{ title: `Add \`${example}\``, edits: [{ range: { start: at, end: at }, newText: ` ${example}` }], preferred: true }]);
    complete = false;
  }
  for (const name of form.options) {
    const option = written.get(name);
    if (!option) continue;
    const value = READERS[name].read(ctx, node, option, read);
    if (value !== undefined) read.values[name] = value;
    else if (READERS[name].shapes) complete = false;
  }
  readFlags(ctx, node, form, read.values);
  return complete ? read.values : undefined;
}

/**
 * `keep_prob: P` (spec §9): the probability of keeping a unit, on a hidden layer only. Each mistake
 * is one diagnostic on the option it is about.
 */
function keepProb(ctx: CheckContext, node: LayerNode, o: LayerOption, l: number, isOutput: boolean): number | undefined {
  const v = o.value;
  if (v?.kind !== 'number' || !(v.value > 0 && v.value <= 1)) {
    const written = v?.kind === 'number' ? v.text : `\`${v?.name ?? ''}\``;
    ctx.report('NN416', v?.range ?? o.range, `keep_prob is the probability of keeping a unit: 0 < keep_prob ≤ 1 (1 keeps every unit), not ${written}`);
    return undefined;
  }
  if (isOutput) {
    ctx.report('NN417', o.range, `no dropout on the output layer: layer ${l} gives the predictions A[${l}], which dropout would zero at random; put keep_prob on a hidden layer`,
      [removePart(node, o, 'Remove `keep_prob`')]);
    return undefined;
  }
  return v.value;
}

/**
 * p from `pad: P | same | valid` (default 0). `same` needs an odd f and stride 1 (NN306); its fix
 * keeps what the user most likely meant: with stride 1 (so f is even) f becomes the next odd size,
 * which keeps the output the input's size; with another stride, `same` becomes the explicit pad
 * ⌊(f − 1)/2⌋, which keeps the stride.
 */
function padding(ctx: CheckContext, node: LayerNode, option: LayerOption | undefined, f: number | undefined, stride: number | undefined): number | undefined {
  if (!option) return 0;
  const v = option.value;
  if (v?.kind === 'call' && !v.args && v.name === 'valid') return 0;
  if (v?.kind === 'call' && !v.args && v.name === 'same') {
    if (f === undefined || stride === undefined) return undefined;
    if (f % 2 === 1 && stride === 1) return samePad(f);
    const why = [f % 2 === 0 ? `f = ${f} is even, so (f − 1)/2 = ${(f - 1) / 2} is no whole padding` : '', stride !== 1 ? `stride ${stride} shrinks the output whatever the padding` : '']
      .filter(Boolean).join(', and ');
    const fOption = node.options.find((o) => o.name === 'f');
    const fix = stride === 1 && fOption?.value
      ? replaceFix(`Change f to ${f + 1}`, fOption.value.range, String(f + 1))
      : replaceFix(`Pad explicitly: \`pad: ${Math.floor((f - 1) / 2)}\``, v.range, String(Math.floor((f - 1) / 2)));
    ctx.report('NN306', option.range, `\`pad: same\` keeps n_H and n_W only for an odd f and stride 1: ${why}`, [fix]);
    return undefined;
  }
  if (v?.kind === 'number' && v.integer && Number.isSafeInteger(v.value) && v.value >= 0) return v.value;
  ctx.report('NN418', v?.range ?? option.range, `pad is the zero padding p: an integer ≥ 0, \`same\` or \`valid\`, not ${written(option)}`);
  return undefined;
}

/** `input (N_H, N_W, N_C)`: the volume, or undefined when it is not three positive integers (reported). */
export function imageInput(ctx: CheckContext, image: InputVolume): Volume | undefined {
  const sizes = image.dims.map((d) => positive(ctx, d));
  if (image.dims.length !== 3) {
    const example = image.dims.length === 2 ? `(${image.dims[0].text}, ${image.dims[1].text}, 1)` : '(28, 28, 1)';
    ctx.report('NN225', image.range, `an image input is (n_H, n_W, n_C): height, width and channels, e.g. \`input ${example}\`; this has ${image.dims.length} size${image.dims.length === 1 ? '' : 's'}`,
      image.dims.length === 2 ? [replaceFix(`Change to \`${example}\``, image.range, example)] : undefined);
    return undefined;
  }
  if (sizes.some((s) => s === undefined)) return undefined;
  const [n_H, n_W, n_C] = sizes as number[];
  return { n_H, n_W, n_C };
}

function positive(ctx: CheckContext, d: NumberValue): number | undefined {
  if (d.integer && Number.isSafeInteger(d.value) && d.value >= 1) return d.value;
  ctx.report('NN215', d.range, `a size of the image input must be a positive integer, not ${d.text}`);
  return undefined;
}

/** How a message names a shape: `(24, 24, 6)` for a volume, `vectors of 120`, sequences with their T. */
function describeShape(shape: Shape): string {
  switch (shape.kind) {
    case 'volume': return `(${shape.n_H}, ${shape.n_W}, ${shape.n_C})`;
    case 'vector': return `vectors of ${shape.n}`;
    case 'sequence': return `sequences of ${shape.n} features over T = ${shape.T} steps`;
    case 'tokens': return `tokens (T = ${shape.T} steps, vocabulary V = ${shape.V})`;
  }
}

/** What comes into layer l: `the input` or `layer 3 (max_pool)`. */
export interface Source {
  l: number;
  kind?: LayerNodeKind;
}

function from(source: Source): string {
  return source.l === 0 ? 'the input' : `layer ${source.l} (\`${source.kind}\`)`;
}

/**
 * Whether rows the stride leaves unused hold input (NN305 warns only then). Rows left over from the
 * padding alone are zeros (ResNet's 3×3 at stride 2, pad 1, on an even n leaves the last padded
 * row); a window narrower than its stride (ResNet's 1×1 projection at stride 2) skips rows between
 * every two windows by design, so the last one is no loss of the border's (docs/diagnostics.md).
 */
const losesInput = (issue: Extract<ShapeIssue, { kind: 'unused' }>): boolean => issue.unused > issue.p && issue.f >= issue.s;

/** Reports what core/layers found wrong with layer l's input, on the line of `node`. */
export function reportShapeIssues(ctx: CheckContext, node: LayerNode, l: number, issues: readonly ShapeIssue[], source: Source): void {
  const windows = issues.filter((i): i is Extract<ShapeIssue, { kind: 'too-small' | 'unused' }> => i.kind === 'too-small' || (i.kind === 'unused' && losesInput(i)));
  const fRange = node.options.find((o) => o.name === 'f')?.range ?? node.range;
  const strideRange = node.options.find((o) => o.name === 'stride')?.range ?? fRange;
  for (const issue of windows) {
    // A square input has the same issue on both axes: one diagnostic says both.
    if (issue.axis === 'n_W' && sameWindow(windows, issue)) continue;
    const both = issue.axis === 'n_H' && sameWindow(windows, issue);
    if (issue.kind === 'too-small') {
      const axis = both ? 'height and width' : issue.axis === 'n_H' ? 'height' : 'width';
      ctx.report('NN304', fRange, `the ${issue.f}×${issue.f} window does not fit the ${axis} ${issue.n}${issue.p ? ` padded by ${issue.p}` : ''}: ${formula(issue, l)}, and a size must be at least 1`);
    } else {
      const what = both ? `${unit(issue.unused, 'row')} and ${unit(issue.unused, 'column')}` : unit(issue.unused, issue.axis === 'n_H' ? 'row' : 'column');
      const size = issue.n + 2 * issue.p;
      ctx.report('NN305', strideRange, `stride ${issue.s} leaves the last ${what} unused: ${formula(issue, l)}, so the windows reach ${size - issue.unused} of the ${size}${issue.p ? ' padded' : ''} ${issue.axis === 'n_H' ? 'rows' : 'columns'}`);
    }
  }
  for (const issue of issues) {
    const steps = stepsAdvice(node, issue, source.l === 0);
    if (steps && (issue.kind === 'needs-vector' || issue.kind === 'needs-volume' || issue.kind === 'already-vector')) {
      const code = { 'needs-vector': 'NN307', 'needs-volume': 'NN308', 'already-vector': 'NN309' }[issue.kind];
      const what = steps.what ?? `\`${node.kind}\` ${issue.kind === 'needs-vector' ? 'takes column vectors' : issue.kind === 'already-vector' ? 'turns image volumes into vectors' : issue.what ?? 'slides a window over image volumes'}`;
      ctx.report(code, node.keywordRange, `${what}, but ${from(source)} gives ${describeShape(issue.input)}${steps.hint}`, steps.fixes);
    } else if (issue.kind === 'needs-vector') {
      const indent = ' '.repeat(node.range.start.column - 1);
      const at = { line: node.range.start.line, column: 1 };
      ctx.report('NN307', node.keywordRange,
        `\`${node.kind}\` takes column vectors, but ${from(source)} gives image volumes ${describeShape(issue.input)}: add \`flatten\` before it`,
        [{ title: 'Insert `flatten` above', edits: [{ range: { start: at, end: at }, newText: `${indent}flatten\n` }], preferred: true }]);
    } else if (issue.kind === 'already-vector') {
      ctx.report('NN309', node.keywordRange, `\`flatten\` turns image volumes into vectors, but ${from(source)} already gives ${describeShape(issue.input)}`);
    } else if (issue.kind === 'heads-divide') {
      reportHeads(ctx, node, issue.d, issue.h);
    } else if (issue.kind === 'needs-volume') {
      const hint = source.l === 0 ? ': declare the input as an image, e.g. `input (28, 28, 1)`' : ': put the conv and pool layers before `flatten` and the dense layers';
      ctx.report('NN308', node.keywordRange, `\`${node.kind}\` ${issue.what ?? 'slides a window over image volumes'}, but ${from(source)} gives ${describeShape(issue.input)}${hint}`);
    } else if (issue.kind === 'needs-sequence') {
      // the input's own sizes make the example: its features, over steps the user chooses
      const n = issue.input.kind === 'vector' ? issue.input.n : 1;
      const hint = source.l === 0
        ? `: declare the input as a sequence, e.g. \`input sequence(steps: 10, features: ${n})\``
        : ': the steps end at a layer that gives one vector per example (`return: last`, `global_avg_pool`), so put this layer before it';
      ctx.report('NN311', node.keywordRange, `\`${node.kind}\` ${issue.what ?? 'runs over the steps of a sequence'}, but ${from(source)} gives ${describeShape(issue.input)}${hint}`);
    } else if (issue.kind === 'needs-tokens') {
      ctx.report('NN312', node.keywordRange,
        `\`${node.kind}\` looks up token ids (a column of E[l] for each), so it comes right after \`input tokens(steps: T, vocab: V)\`, but ${from(source)} gives ${describeShape(issue.input)}`);
    }
  }
}

/** Whether an n_W issue repeats the n_H one (a square input): then one diagnostic says both. */
function sameWindow(windows: readonly (Window & { kind: string })[], issue: Window & { kind: string }): boolean {
  return windows.some((w) => w.axis !== issue.axis && w.kind === issue.kind && w.n === issue.n && w.f === issue.f && w.p === issue.p && w.s === issue.s);
}

function unit(k: number, what: string): string {
  return `${k} ${what}${k === 1 ? '' : 's'}`;
}
