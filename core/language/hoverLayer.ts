// The editor's text for a layer of any kind (spec §3, §8), dense as conv2d, pool or flatten: its
// hover — its matrices as the course's rules and in numbers, the output-size formula worked out, the
// parameter count written out, dropout's D[l] — the hover of an annotation on its line, the hover of
// an image `input`, and each layer's inlay hint. Everything comes from the kind's record
// (describeLayer); nothing here switches on kinds. Plain lines of Markdown; the callers escape the
// course's brackets outside code spans.

import type { OptimizerSpec, Volume } from '../foundation/model';
import { formatDims, type Dims, type MatrixRow } from '../layers/describe';
import { describeLayer, features, inputShape, type LayerShapes, type Shape } from '../layers';
import type { NetworkInfo } from './api';
import { activationText } from '../layers/kind';
import { thousands } from '../foundation/numbers';
import { ANNOTATION_DOCS } from './catalog';
import { optimizerState } from './explain';

const code = (text: string) => `\`${text}\``;

/** `m = 400` into a shape when the data says so, as the dense hover does: `(400, 24, 24, 6)`. */
const withM = (dims: Dims, m: number | undefined) => dims.map((d) => (d === 'm' ? (m ?? 'm') : d));

/** One step of a network's sizes: n[l] for vectors, `24×24×6` for a volume, `64×T50` for a sequence. */
export function sizeText(shape: Shape): string {
  switch (shape.kind) {
    case 'volume': return `${shape.n_H}×${shape.n_W}×${shape.n_C}`;
    case 'vector': return String(shape.n);
    case 'sequence': return `${shape.n}×T${shape.T}`;
    case 'tokens': return `V${shape.V}×T${shape.T}`;
  }
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
 * A layer from column vectors to column vectors is written as course 1 writes it: g[l] and n[l],
 * n[l−1] in its title, its parameter count as plain arithmetic, W and b alone in its hint's tooltip.
 * Layers on volumes (and flatten, which leaves one) name their kind and work their sizes out.
 */
export const onColumns = (shapes: LayerShapes) => shapes.input.kind === 'vector' && shapes.output.kind === 'vector';

/** `| W[1], dW[1] | `(n[1], n[0]) = (4, 2)` |`: a row of matrices of one shape, `m` in numbers when known. */
function row(names: string[], r: MatrixRow, m: number | undefined): string {
  // a Python tuple: one entry is `(6,)`
  const torch = r.torch ? ` · PyTorch ${code(r.torch.length === 1 ? `(${r.torch[0]},)` : formatDims(withM(r.torch, m)))}` : '';
  return `| ${names.join(', ')} | ${code(`${r.rule} = ${formatDims(withM(r.dims, m))}`)}${torch} |`;
}

/**
 * The hover of layer l: a table of its matrices (W[l], dW[l] in one row as they share a shape, with
 * the optimizer's moving averages and dropout's D[l] when there are any), the output-size formula
 * for n_H and n_W in numbers, and the parameter count written out. Rows, not one matrix per row: a
 * short hover fits in an editor made small by a panel beside or below it, where VS Code cuts a tall
 * hover's last lines. Markdown lines end in two spaces where the next line must not join them.
 */
export function layerHoverLines(shapes: LayerShapes, context: LayerContext): string[] {
  const d = describeLayer(shapes);
  const l = shapes.l;
  const columns = onColumns(shapes);
  // The optimizer's moving averages have the shape of the parameter they follow (spec §9).
  const state = (name: string) => (name === 'W' || name === 'b' ? optimizerState(context.optimizer, name, l) : []);
  const rows = d.rows.map((r) => row([...r.names.map((n) => `${n}[${l}]`), ...state(r.names[0])], r, context.m));
  const keepProb = 'keepProb' in shapes.spec ? shapes.spec.keepProb : undefined;
  const A = d.rows.find((r) => r.names.includes('A'));
  // D[l] masks A[l] (spec §9); short enough for a narrow hover, its own rule is in the hover of `keep_prob`.
  const dropout = keepProb === undefined || !A ? [] : [row([`D[${l}]`], A, context.m), '', `Dropout while training: A[${l}] = A[${l}] ⊙ D[${l}] / ${keepProb}`];
  const title = columns && 'activation' in shapes.spec
    ? `${activationText(shapes.spec.activation)} · n[${l}] = ${features(shapes.output)}, n[${l - 1}] = ${features(shapes.input)}`
    : `${d.kind} · ${d.summary}`;
  const count = d.count === undefined
    ? 'No parameters: nothing here is learned.'
    : `**${thousands(d.params)}** parameters: ${columns ? d.count : code(`${d.count} = ${d.params}`)}`;
  return [
    `**Layer ${l}** of ${code(context.network)} · ${title}`,
    '',
    '| matrices | shape |',
    '|---|---|',
    ...rows,
    ...dropout,
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

/** The hover of `input sequence(steps: T, features: n)`: x in the course's (n_x, m, T_x), x⟨t⟩, and batch-first beside it. */
export function sequenceInputLines({ T, n }: { T: number; n: number }, context: LayerContext): string[] {
  return [
    `**Input** of ${code(context.network)}: sequences of T_x = ${T} steps, n_x = ${n} feature${n === 1 ? '' : 's'} per step`,
    '',
    `x = A[0] is ${code(`(n_x, m, T_x) = ${formatDims(withM([n, 'm', T], context.m))}`)}; x⟨t⟩ is ${code(`(n_x, m) = ${formatDims(withM([n, 'm'], context.m))}`)} at each step t = 1…${T}.`,
    '',
    `Batch-first, as PyTorch and Keras hold it: ${code(`(m, T_x, n_x) = ${formatDims(withM(['m', T, n], context.m))}`)}.`,
    '',
    `A CSV row holds ${code(`T_x·n_x = ${T}·${n} = ${T * n}`)} values, time-major: step 1's ${n}, then step 2's, …`,
    '',
    examplesLine(context.m),
  ];
}

/** The hover of `input tokens(steps: T, vocab: V)`: one-hot x⟨t⟩ (V, m) in meaning, ids (T_x, m) as kept. */
export function tokensInputLines({ T, V }: { T: number; V: number }, context: LayerContext): string[] {
  return [
    `**Input** of ${code(context.network)}: T_x = ${T} tokens per example from a vocabulary of V = ${V}`,
    '',
    `x⟨t⟩ is one-hot ${code(`(V, m) = ${formatDims(withM([V, 'm'], context.m))}`)} at each step t = 1…${T}, so x is ${code(`(V, m, T_x) = ${formatDims(withM([V, 'm', T], context.m))}`)} in meaning; it is kept as the token ids ${code(`(T_x, m) = ${formatDims(withM([T, 'm'], context.m))}`)}, integers 0…${V - 1}.`,
    '',
    `Batch-first, as PyTorch and Keras hold it: ids ${code(`(m, T_x) = ${formatDims(withM(['m', T], context.m))}`)}.`,
    '',
    examplesLine(context.m),
  ];
}

/**
 * The inlay hint at the end of a sequence or tokens input line, which states its sizes but not the
 * layout: `x (3, m, 10) · batch-first (m, 10, 3)`, `x⟨t⟩ one-hot (27, m) · ids (25, m)`.
 */
export function inputHint(info: Pick<NetworkInfo, 'sequence' | 'tokens'>): string | undefined {
  if (info.sequence) return `x ${formatDims([info.sequence.n, 'm', info.sequence.T])} · batch-first ${formatDims(['m', info.sequence.T, info.sequence.n])}`;
  if (info.tokens) return `x⟨t⟩ one-hot ${formatDims([info.tokens.V, 'm'])} · ids ${formatDims([info.tokens.T, 'm'])}`;
  return undefined;
}

/** The hover of `input N`: X = A[0] as (n[0], m). */
export function vectorInputLines(n: number, context: LayerContext): string[] {
  return [
    `**Input** of ${code(context.network)}: n[0] = ${n} features per example`,
    '',
    `X = A[0] is ${code(`(n[0], m) = ${formatDims(withM([n, 'm'], context.m))}`)}: one column per example.`,
    '',
    examplesLine(context.m),
  ];
}

/**
 * The inlay hint at the end of a layer line: the parameters' shapes, then A[l]'s when it is an
 * image volume or comes from `flatten` (a dense layer's A[l] is (n[l], m), plain from its units):
 * `W (5, 5, 1, 6) · A (m, 24, 24, 6)`, `A (m, 12, 12, 6)`, `A (256, m)`, `W (4, 2) · b (4, 1)`.
 * Names in `written` (annotations on the line) are not repeated: like a type hint, a shape the line
 * already states is not repeated (the checker verifies it).
 */
export function layerHint(shapes: LayerShapes, written: ReadonlySet<string> = new Set()): string | undefined {
  const d = describeLayer(shapes);
  const parts: string[] = [];
  // A dense layer's b says n[l] already; a conv layer's b (1, 1, 1, n_C) adds nothing to A's n_C.
  // A batch-normalized layer has γ[l], β[l] (one shape) where b[l] would be. A kind without the
  // course's W[l] (rnn, lstm, embedding, self_attention, layer_norm) shows A[l]: its parameters
  // are many, and its hover lists them.
  const shown = shapes.parameters?.W ? (shapes.output.kind === 'volume' ? ['W', 'γ', 'A'] : ['W', 'b', 'γ']) : ['A'];
  for (const name of shown) {
    const r = d.rows.find((x) => x.names.includes(name));
    if (r && !written.has(name)) parts.push(`${name === 'γ' ? 'γ, β' : name} ${formatDims(r.dims)}`);
  }
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The hint's tooltip: each shape's rule (W[l] and b[l] alone on column vectors) and the parameter count. */
export function layerHintTooltip(shapes: LayerShapes): string {
  const d = describeLayer(shapes);
  const columns = onColumns(shapes) && shapes.parameters?.W !== undefined;
  const rows = columns ? d.rows.filter((r) => r.names[0] === 'W' || r.names[0] === 'b') : d.rows;
  const rules = rows.map((r) => `${r.names[0]}[${shapes.l}] is ${r.rule}`).join(', ');
  return `${columns ? '' : `${d.kind}: `}${rules}: ${thousands(d.params)} parameters`;
}

/**
 * `W: (…)` on a layer line: what W[l] is and the shape it must be here; on column vectors also the
 * course's general rule. `layer` is absent when the checker could not infer the layer's shapes.
 */
export function annotationLines(name: string, layer: LayerShapes | undefined): string[] | undefined {
  const doc = ANNOTATION_DOCS.find((d) => d.name === name);
  if (!doc) return undefined;
  const r = layer && describeLayer(layer).rows.find((x) => x.names.includes(name));
  const general = !layer || onColumns(layer) ? ` The rule: ${name}[l] is ${code(doc.shape)}.` : '';
  const lines = [`**${name}**: ${doc.doc}.${general}`];
  if (!layer || !r) return lines;
  lines.push('', `Here ${name}[${layer.l}] must be ${code(`${r.rule} = ${formatDims(r.dims)}`)}.`);
  if (r.dims.includes('m')) lines.push('', 'A column count of `m` is always right; a number must equal the number of training examples.');
  return lines;
}

/** n[0] → … → n[L] of a network's hover, volumes as `28×28×1`. */
export function networkSizes(input: Shape | undefined, outputs: readonly Shape[]): string {
  return [input ? sizeText(input) : '?', ...outputs.map(sizeText)].join(' → ');
}

/** A[0]'s shape from what the checker knows of `input`: n[0] with the image, sequence or tokens it holds. */
export function inputShapeOf(info: Pick<NetworkInfo, 'inputSize' | 'image' | 'sequence' | 'tokens'>): Shape | undefined {
  return info.inputSize === undefined ? undefined : inputShape({ ...info, inputSize: info.inputSize });
}
