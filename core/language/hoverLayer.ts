// The editor's text for a layer of any kind (spec §8): the hover of a conv2d, pool or flatten line —
// its matrices as the course's rules and in numbers, the output-size formula worked out, the
// parameter count written out — the hover of an image `input`, and each layer's inlay hint. Plain
// lines of Markdown; the extension escapes the course's brackets outside code spans.

import type { OptimizerSpec, Volume } from '../foundation/model';
import { formatDims, type Dims } from '../layers/describe';
import { describeLayer, volume, type LayerShapes, type Shape } from '../layers';
import { thousands } from '../foundation/numbers';
import type { Range } from './api';
import { ACTIVATION_NAMES, ANNOTATION_DOCS, IMAGE_LAYER_KEYWORDS, KEYWORD_DOCS } from './catalog';
import { optimizerState, padLines, windowOptionLines } from './explain';
import { lex } from './lexer';

const code = (text: string) => `\`${text}\``;

/** `m = 400` into a shape when the data says so, as the dense hover does: `(400, 24, 24, 6)`. */
const withM = (dims: Dims, m: number | undefined) => dims.map((d) => (d === 'm' ? (m ?? 'm') : d));

/** One step of a network's sizes: n[l] for vectors, `24×24×6` for a volume. */
export function sizeText(shape: Shape): string {
  return shape.kind === 'volume' ? `${shape.n_H}×${shape.n_W}×${shape.n_C}` : String(shape.n);
}

/** What the hover says about m: its value, or where it will come from. */
export function examplesLine(m: number | undefined): string {
  return m === undefined ? '*m* (examples) is known once `data` is given' : `*m* = ${thousands(m)} training examples`;
}

export interface LayerContext {
  network: string;
  /** training examples, when the data is known */
  m?: number;
  /** its moving averages share W[l]'s and b[l]'s shapes (spec §9) */
  optimizer?: OptimizerSpec;
}

/**
 * The hover of layer l: a table of its matrices (W[l], dW[l] in one row as they share a shape),
 * the output-size formula for n_H and n_W in numbers, and the parameter count written out.
 * Markdown lines end in two spaces where the next line must not join them.
 */
export function layerHoverLines(shapes: LayerShapes, context: LayerContext): string[] {
  const d = describeLayer(shapes);
  const l = shapes.l;
  const state = (name: string) => (name === 'W' || name === 'b' ? optimizerState(context.optimizer, name, l) : []);
  const rows = d.rows.map((r) => `| ${[...r.names.map((n) => `${n}[${l}]`), ...state(r.names[0])].join(', ')} | ${code(`${r.rule} = ${formatDims(withM(r.dims, context.m))}`)} |`);
  const count = d.count === undefined
    ? 'No parameters: nothing here is learned.'
    : `**${thousands(d.params)}** parameters: ${code(`${d.count} = ${d.params}`)}`;
  return [
    `**Layer ${l}** of ${code(context.network)} · ${d.kind} · ${d.summary}`,
    '',
    '| matrices | shape |',
    '|---|---|',
    ...rows,
    ...(d.derivation.length > 0 ? ['', ...d.derivation.map((line, i) => `${code(line)}${i < d.derivation.length - 1 ? '  ' : ''}`)] : []),
    '',
    examplesLine(context.m),
    '',
    count,
  ];
}

/** The hover of `input (N_H, N_W, N_C)`: X = A[0] as a 4-tuple and n[0] in numbers. */
export function imageInputLines(image: Volume, context: LayerContext): string[] {
  const { n_H, n_W, n_C } = image;
  return [
    `**Input** of ${code(context.network)}: images of ${n_H}×${n_W} pixels, ${n_C} channel${n_C === 1 ? '' : 's'}`,
    '',
    `X = A[0] is ${code(`(m, n_H[0], n_W[0], n_C[0]) = ${formatDims(withM(['m', n_H, n_W, n_C], context.m))}`)}: one volume per example.`,
    '',
    `${code(`n[0] = n_H[0]·n_W[0]·n_C[0] = ${n_H}·${n_W}·${n_C} = ${n_H * n_W * n_C}`)} features, in (h, w, c) row-major order in a CSV row.`,
    '',
    examplesLine(context.m),
  ];
}

/**
 * The inlay hint at the end of a layer line: the parameters' shapes, then A[l]'s when it is an
 * image volume or comes from `flatten` (a dense layer's A[l] is (n[l], m), plain from its units):
 * `W (5, 5, 1, 6) · A (m, 24, 24, 6)`, `A (m, 12, 12, 6)`, `A (256, m)`, `W (4, 2) · b (4, 1)`.
 * Names in `written` (annotations on the line) are not repeated.
 */
export function layerHint(shapes: LayerShapes, written: ReadonlySet<string> = new Set()): string | undefined {
  const d = describeLayer(shapes);
  const parts: string[] = [];
  // A dense layer's b says n[l] already; a conv layer's b (1, 1, 1, n_C) adds nothing to A's n_C.
  const shown = shapes.parameters ? (shapes.output.kind === 'volume' ? ['W', 'A'] : ['W', 'b']) : ['A'];
  for (const name of shown) {
    const row = d.rows.find((r) => r.names.includes(name));
    if (row && !written.has(name)) parts.push(`${name} ${formatDims(row.dims)}`);
  }
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The hint's tooltip: each shown shape's rule and the parameter count. */
export function layerHintTooltip(shapes: LayerShapes): string {
  const d = describeLayer(shapes);
  const rules = d.rows.map((r) => `${r.names[0]}[${shapes.l}] is ${r.rule}`).join(', ');
  return `${d.kind}: ${rules}: ${thousands(d.params)} parameters`;
}

/** `W: (…)` on an image layer: what W[l] is and the 4-tuple it must be here. */
function annotationLines(name: string, layer: LayerShapes): string[] | undefined {
  const row = describeLayer(layer).rows.find((r) => r.names.includes(name));
  const doc = ANNOTATION_DOCS.find((d) => d.name === name);
  return row && doc && [`**${name}**: ${doc.doc}.`, '', `Here ${name}[${layer.l}] must be ${code(`${row.rule} = ${formatDims(row.dims)}`)}.`];
}

/** What the hover of an image-layer line shows for the word under the cursor. */
export type LineHover =
  | { lines: string[]; range: Range }
  /** an activation: the extension's activation hover */
  | { activation: string; range: Range };

/**
 * The hover on a conv2d, pool or flatten line at `column` (1-based) of `lineText` (line `line`):
 * f, stride, pad, same, valid and annotations explain themselves, an activation is handed back, and anything
 * else shows the layer (`layer`, when the checker resolved it) or else the keyword's syntax.
 */
export function imageLineHover(lineText: string, line: number, column: number, layer: LayerShapes | undefined, context: LayerContext): LineHover | undefined {
  const tokens = lex(lineText).tokens.filter((t) => t.kind !== 'newline' && t.kind !== 'eof');
  const keyword = tokens[0];
  if (!keyword || !IMAGE_LAYER_KEYWORDS.includes(keyword.text)) return undefined;
  const i = tokens.findIndex((t) => t.range.start.column <= column && column < t.range.end.column);
  if (i < 0) return undefined;
  const t = tokens[i];
  const at = (r: Range): Range => ({ start: { line, column: r.start.column }, end: { line, column: r.end.column } });
  const word = t.kind === 'name' ? t.text : undefined;
  if (word && tokens[i + 1]?.kind === ':') {
    const lines = windowOptionLines(word) ?? (layer && annotationLines(word, layer));
    if (lines) return { lines, range: at(t.range) };
  }
  if (word && tokens[i - 1]?.kind === ':' && tokens[i - 2]?.text === 'pad') {
    const lines = padLines(word);
    if (lines) return { lines, range: at(t.range) };
  }
  if (word && ACTIVATION_NAMES.includes(word)) return { activation: word, range: at(t.range) };
  if (layer) return { lines: layerHoverLines(layer, context), range: at({ start: keyword.range.start, end: tokens[tokens.length - 1].range.end }) };
  const doc = KEYWORD_DOCS.find((d) => d.name === keyword.text)!;
  return { lines: [`**${doc.name}**`, '', code(doc.syntax), '', doc.doc], range: at(keyword.range) };
}

/** n[0] → … → n[L] of a network's hover, volumes as `28×28×1`. */
export function networkSizes(input: Shape | undefined, outputs: readonly Shape[]): string {
  return [input ? sizeText(input) : '?', ...outputs.map(sizeText)].join(' → ');
}

/** A[0]'s shape from what the checker knows of `input`. */
export function inputShapeOf(inputSize: number | undefined, image: { n_H: number; n_W: number; n_C: number } | undefined): Shape | undefined {
  if (image) return volume(image.n_H, image.n_W, image.n_C);
  return inputSize === undefined ? undefined : { kind: 'vector', n: inputSize };
}
