// The rules of spec §3 for one parsed file: structure, names, layer shapes, annotations, loss
// compatibility and the lecture's warnings; training settings and data are checked by settings.ts
// and data.ts. Produces one NetworkInfo per network, with its NetworkSpec when it has no error.

import { inferLoss, type Activation, type ActivationName, type LayerSpec, type LossName, type NetworkSpec, type Volume } from '../foundation/model';
import { features, kindNamed, kindOf, vector, volume, type Shape } from '../layers';
import type { Diagnostic, FileAccess, LayerInfo, NetworkInfo, Position } from './api';
import type { DenseNode, InputNode, LayerNode, LayerOption, LossNode, NetworkNode, NumberValue, SourceFile, TrainNode } from './ast';
import { ACTIVATION_DOCS, ACTIVATION_NAMES, LAYER_KEYWORDS, LOSS_NAMES, SETTING_NAMES, STATEMENT_KEYWORDS } from './catalog';
import { collector, distinctAnnotations, noArgs, replaceFix, reportUnknown, singleNumberArg, type CheckContext } from './context';
import { imageInput, readOptions, reportShapeIssues } from './conv';
import { checkBatchOfOne } from './norms';
import { checkVolumeAnnotations } from './convAnnotations';
import { layerInfoOf } from './convShapes';
import { isLayer } from './layerShapes';
import { checkData } from './data';
import { checkMemory, describeNeed } from './memory';
import { checkTrain, type CheckedTrain } from './settings';
import { expectedShape, formatShape } from './shapes';
import { diagnostic } from './codes';
import { suggest } from './suggest';
import { findGenerator } from '../data/catalog';

/** Above this typical |z| (scale·√n[l−1]), sigmoid and tanh sit in their flat tails. */
const SATURATING_Z = 3;

export interface CheckResult {
  diagnostics: Diagnostic[];
  networks: NetworkInfo[];
}

export function check(ast: SourceFile, syntax: readonly Diagnostic[], files: FileAccess | null, resolve: (p: string) => string): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const networks: NetworkInfo[] = [];
  const byName = new Map<string, NetworkNode>();
  const broken = withSyntaxErrors(ast.networks, syntax);
  for (const node of ast.networks) {
    const { ctx, errors } = collector(diagnostics, files, resolve);
    const first = node.name ? byName.get(node.name) : undefined;
    if (first) {
      ctx.report('NN214', node.nameRange, `a network named \`${node.name}\` is already defined on line ${first.nameRange.start.line}; network names must be unique`);
    } else if (node.name) {
      byName.set(node.name, node);
    }
    const info = checkNetwork(ctx, node);
    if (errors() > 0 || broken.has(node)) delete info.spec;
    networks.push(info);
  }
  if (ast.networks.length === 0 && !syntax.some((d) => d.severity === 'error')) {
    const start = { line: 1, column: 1 };
    diagnostics.push(diagnostic('NN221', { start, end: start }, 'this file holds no network: start one with `network NAME {`'));
  }
  return { diagnostics, networks };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

/**
 * The networks with a syntax error inside them. Networks come in source order without overlapping,
 * so each error finds its network by binary search: linear in the file, not networks × errors.
 */
function withSyntaxErrors(networks: readonly NetworkNode[], syntax: readonly Diagnostic[]): Set<NetworkNode> {
  const broken = new Set<NetworkNode>();
  for (const d of syntax) {
    if (d.severity !== 'error') continue;
    // The last network starting at or before the error; the one before it when they touch (`}network`).
    let lo = 0;
    let hi = networks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (before(networks[mid].range.start, d.range.start)) lo = mid + 1;
      else hi = mid - 1;
    }
    for (let k = hi; k >= 0 && k >= hi - 1; k--) {
      const node = networks[k];
      if (before(node.range.start, d.range.start) && before(d.range.start, node.range.end)) broken.add(node);
    }
  }
  return broken;
}

interface Parts {
  input?: InputNode;
  /** every layer statement, in order: l = index + 1 */
  layers: LayerNode[];
  loss?: LossNode;
  train?: TrainNode;
  /** keywords of unknown statements (already reported) */
  unknown: string[];
}

function collect(ctx: CheckContext, node: NetworkNode): Parts {
  const parts: Parts = { layers: [], unknown: [] };
  for (const s of node.statements) {
    if (isLayer(s)) {
      parts.layers.push(s);
      continue;
    }
    switch (s.kind) {
      case 'input':
        if (parts.input) {
          ctx.report('NN211', s.range, `\`input\` is already given on line ${parts.input.range.start.line}; a network has exactly one input`);
        } else {
          parts.input = s;
          if (parts.layers.length > 0) {
            ctx.report('NN212', s.range, `\`input\` must come before the first layer (line ${parts.layers[0].range.start.line})`);
          }
        }
        break;
      case 'loss':
        if (parts.loss) ctx.report('NN219', s.range, `\`loss\` is already given on line ${parts.loss.range.start.line}`);
        else parts.loss = s;
        break;
      case 'train':
        if (parts.train) ctx.report('NN220', s.keywordRange, `a \`train\` block is already given on line ${parts.train.range.start.line}`);
        else parts.train = s;
        break;
      case 'unknown':
        parts.unknown.push(s.keyword);
        break;
    }
  }
  return parts;
}

function checkNetwork(ctx: CheckContext, node: NetworkNode): NetworkInfo {
  const parts = collect(ctx, node);
  const info: NetworkInfo = { name: node.name, range: node.range, nameRange: node.nameRange, layers: [], lossInferred: false, params: 0 };

  const train = checkTrain(ctx, parts.train);
  const input = parts.input && inputOf(ctx, parts.input);
  if (parts.input) info.inputRange = parts.input.size?.range ?? parts.input.image?.range ?? parts.input.range;
  const n0 = input && features(input);
  info.inputSize = n0;
  if (input?.kind === 'volume') info.image = { n_H: input.n_H, n_W: input.n_W, n_C: input.n_C };
  // A broken header with nothing below it (`network`, `network a` without `{`, `network {`, or a
  // `network a {` never closed before the next network) has its syntax error; that the body is
  // still empty is not news.
  const unwritten = (!node.body.opened || !node.body.closed || !node.name) && node.statements.length === 0;
  if (!parts.input && !mayBe(parts, 'input') && !unwritten) missingInput(ctx, node, parts, train);
  const layers = parts.layers;
  if (layers.length === 0 && !LAYER_KEYWORDS.some((k) => mayBe(parts, k)) && !unwritten) {
    ctx.report('NN213', node.nameRange, `${called(node)} has no layer: add one such as \`dense 1 sigmoid\``);
  }
  const last = layers[layers.length - 1];
  if (last && last.kind !== 'dense') {
    ctx.report('NN224', last.keywordRange, `the last layer must be \`dense\`: it gives the output activation and Y's shape; \`${last.kind}\` cannot end a network`);
  }

  // Shapes follow from A[l−1]: a bad size or option breaks the chain. A bad activation does not
  // change the shapes, so later annotations are still checked, but NetworkInfo.layers stops before it.
  const resolved = layers.map((d, i) => resolve(ctx, d, i + 1, i === layers.length - 1));
  const shapes: (LayerInfo | undefined)[] = [];
  /** the `norm: batch` options and their layers' outputs, checked against the batch once m is known */
  const normalized: { option: LayerOption; output: Shape }[] = [];
  let previous: Shape | undefined = input;
  let contiguous = true;
  layers.forEach((d, i) => {
    const { spec: layer, activationOk } = resolved[i];
    if (previous === undefined || layer === undefined) {
      previous = undefined;
      contiguous = false;
      return;
    }
    const { output, issues } = kindOf(layer).output(layer, previous);
    reportShapeIssues(ctx, d, i + 1, issues, { l: i, kind: layers[i - 1]?.kind });
    if (!output) {
      // A dense layer on volumes reads on as if the `flatten` its fix inserts were there, so the
      // layers below it are still checked; any other missing output breaks the chain.
      previous = layer.kind === 'dense' && issues.some((issue) => issue.kind === 'needs-vector') ? vector(layer.units) : undefined;
      contiguous = false;
      return;
    }
    const norm = d.options.find((o) => o.name === 'norm');
    if (norm && 'norm' in layer && layer.norm) normalized.push({ option: norm, output });
    const shaped = layerInfoOf(i + 1, layer, previous, output, d.range);
    shapes[i] = shaped;
    contiguous &&= activationOk;
    if (contiguous) info.layers.push(shaped);
    previous = output;
  });
  info.params = info.layers.reduce((sum, l) => sum + l.params, 0);
  const complete = n0 !== undefined && info.layers.length === layers.length && info.layers.length > 0 && last?.kind === 'dense';
  const output = last?.kind === 'dense' ? resolved[resolved.length - 1].activation : undefined;

  const loss = checkLoss(ctx, parts.loss, output?.name);
  info.loss = loss ?? (output && !parts.loss ? inferLoss(output.name) : undefined);
  info.lossInferred = !parts.loss && info.loss !== undefined;
  info.optimizer = train.spec.optimizer;

  info.m = checkData(ctx, train, complete ? { inputSize: n0, inputRange: parts.input?.size?.range, image: info.image, layers: info.layers } : undefined);
  for (const { option, output } of normalized) checkBatchOfOne(ctx, option, output, train.spec.batch, info.m);
  if (complete) {
    const e = checkMemory(ctx, info.layers, train, info.m);
    info.footprint = { bytes: e.bytes, need: describeNeed(e) };
  }
  initWarnings(ctx, train, info.layers, layers.length > 1);
  layers.forEach((d, i) => {
    if (d.kind === 'dense') checkAnnotations(ctx, d, shapes[i], info.m);
    else checkVolumeAnnotations(ctx, d, shapes[i], info.m);
  });

  if (complete && info.loss) info.spec = spec(node.name, n0, info.image, info.layers, info.loss, train);
  return info;
}

/** A[0]'s shape from `input N` or `input (N_H, N_W, N_C)`; undefined when broken (reported). */
function inputOf(ctx: CheckContext, node: InputNode): Shape | undefined {
  if (node.image) {
    const image = imageInput(ctx, node.image);
    return image && volume(image.n_H, image.n_W, image.n_C);
  }
  const n0 = size(ctx, node.size, 'the number of input features n[0]');
  return n0 === undefined ? undefined : vector(n0);
}

interface Resolved {
  /** undefined when a size or an option is broken (reported) */
  spec?: LayerSpec;
  /** the activation as written, when it is valid */
  activation?: Activation;
  activationOk: boolean;
}

/**
 * Layer l's LayerSpec from its statement, read by its kind's form (count, activation, options) and
 * built by its kind; each mistake reported on the part it is about.
 */
function resolve(ctx: CheckContext, d: LayerNode, l: number, isOutput: boolean): Resolved {
  const kind = kindNamed(d.kind)!;
  const { form } = kind;
  const act = form.activation ? activation(ctx, d, l, isOutput, form.count?.field === 'units' ? d.units?.value : undefined) : undefined;
  const count = form.count && size(ctx, d[form.count.field], form.count.what(l));
  const options = readOptions(ctx, d, form, l, isOutput);
  const activationOk = !form.activation || act !== undefined;
  if ((form.count && count === undefined) || !options) return { activation: act, activationOk };
  return { spec: kind.spec({ count, activation: act ?? { name: 'linear' }, options }), activation: act, activationOk };
}

/** How a message names the network: `network \`a\``, or `this network` when the name is missing. */
function called(node: NetworkNode): string {
  return node.name ? `network \`${node.name}\`` : 'this network';
}

/**
 * Whether an unknown statement (already an error) may be a misspelt `keyword`: then its absence is
 * not reported a second time. One with no close keyword could have been any of them; a training
 * setting out of its block stands for none.
 */
function mayBe(parts: Parts, keyword: string): boolean {
  return parts.unknown.some((u) => !SETTING_NAMES.includes(u) && (suggest(u, STATEMENT_KEYWORDS) ?? keyword) === keyword);
}

function spec(name: string, inputSize: number, image: Volume | undefined, layers: LayerInfo[], loss: LossName, train: CheckedTrain): NetworkSpec {
  const t = { ...train.spec };
  if (train.data) t.data = train.data.source;
  if (train.test) t.test = train.test.source;
  if (train.init) t.init = train.init.spec;
  if (train.weights) t.weights = train.weights.path;
  const result: NetworkSpec = { name, inputSize, layers: layers.map((l) => l.spec), loss, train: t };
  if (image) result.image = image;
  return result;
}

function size(ctx: CheckContext, value: NumberValue | undefined, what: string): number | undefined {
  if (!value) return undefined;
  // An integer is written `[0-9]+` (spec §2): `4.0` or `1e1` is a number, not a count of units.
  if (!value.integer || !Number.isSafeInteger(value.value) || value.value < 1) {
    ctx.report('NN215', value.range, `${what} must be a positive integer, not ${value.text}`);
    return undefined;
  }
  return value.value;
}

function missingInput(ctx: CheckContext, node: NetworkNode, parts: Parts, train: CheckedTrain): void {
  const first = parts.layers[0];
  // The likeliest n[0]: the generator's feature count, else the first W annotation's columns; a
  // network that starts with a window layer wants an image (an MNIST digit's size, for want of one).
  const data = train.data?.source;
  const w = first?.kind === 'dense' ? first.annotations.find((a) => a.name === 'W' && typeof a.cols?.value === 'number')?.cols?.value : undefined;
  const n0 = first && first.kind !== 'dense' ? '(28, 28, 1)'
    : data?.kind === 'generator' ? findGenerator(data.name)!.features(data.args) : typeof w === 'number' ? w : 2;
  // On a line of its own, before the first layer (or just after the `{`).
  const at = first ? { line: first.range.start.line, column: 1 } : node.body.range.end;
  const newText = first ? `${' '.repeat(first.range.start.column - 1)}input ${n0}\n` : `\n  input ${n0}`;
  ctx.report('NN210', first ? first.keywordRange : node.nameRange,
    `${called(node)} has no \`input\`: state n[0], the number of features per example, before the first layer (e.g. \`input ${n0}\`)`,
    [{ title: `Add \`input ${n0}\``, edits: [{ range: { start: at, end: at }, newText }], preferred: true }]);
}

function activation(ctx: CheckContext, d: LayerNode, l: number, isOutput: boolean, units: number | undefined): Activation | undefined {
  const call = d.activation;
  if (!call) return undefined;
  if (!ACTIVATION_NAMES.includes(call.name)) {
    reportUnknown(ctx, 'NN202', 'activation', call.name, call.nameRange, ACTIVATION_NAMES);
    return undefined;
  }
  const name = call.name as ActivationName;
  const doc = ACTIVATION_DOCS.find((a) => a.name === name)!;
  const result: Activation = { name };
  if (doc.takesSlope) {
    const slope = singleNumberArg(ctx, call, 'slope');
    if (slope !== undefined) {
      if (!Number.isFinite(slope)) ctx.report('NN207', call.argsRange!, `the slope of leaky_relu must be a finite number, not ${slope}`);
      else result.slope = slope;
    }
  } else {
    noArgs(ctx, call, 'activation');
  }
  if (name === 'softmax' && !isOutput) {
    ctx.report('NN216', call.nameRange, `softmax is for the output layer only; layer ${l} is hidden: use relu or tanh here`);
  } else if (name === 'softmax' && units === 1) {
    ctx.report('NN217', call.nameRange, 'softmax over 1 unit always outputs 1: use `dense 1 sigmoid` for two classes, or give softmax one unit per class',
      [replaceFix('Change to `sigmoid`', call.range, 'sigmoid')]);
  } else if (name === 'sigmoid' && !isOutput) {
    ctx.report('NN602', call.nameRange, `sigmoid in hidden layer ${l}: its outputs are not centred on 0 and it saturates, so tanh (or relu) usually learns faster`,
      [replaceFix('Change to `tanh`', call.range, 'tanh')]);
  }
  return result;
}

function checkLoss(ctx: CheckContext, node: LossNode | undefined, output: ActivationName | undefined): LossName | undefined {
  const call = node?.loss;
  if (!call) return undefined;
  if (!LOSS_NAMES.includes(call.name)) {
    reportUnknown(ctx, 'NN203', 'loss', call.name, call.nameRange, LOSS_NAMES);
    return undefined;
  }
  noArgs(ctx, call, 'loss');
  const loss = call.name as LossName;
  const needs = loss === 'cross_entropy' ? 'sigmoid' : loss === 'softmax_cross_entropy' ? 'softmax' : undefined;
  if (needs && output && output !== needs) {
    const better = inferLoss(output);
    ctx.report('NN218', call.range, `${loss} needs a ${needs} output layer, but the output is ${output}: use ${better}${needs === 'sigmoid' ? '' : ', or a softmax output'}`,
      [replaceFix(`Change to \`${better}\``, call.range, better)]);
    return undefined;
  }
  return loss;
}

/** `layers` are the layers whose shapes are known, which a broken earlier layer may cut short. */
function initWarnings(ctx: CheckContext, train: CheckedTrain, layers: LayerInfo[], hasHidden: boolean): void {
  const init = train.init;
  if (!init || train.weights) return;
  if (init.spec.kind === 'zeros' && hasHidden) {
    ctx.report('NN601', init.node.range,
      'init zeros: every hidden unit then computes the same function and gets the same gradient, so symmetry is never broken; use he (relu) or xavier (tanh, sigmoid)',
      [replaceFix('Change to `he`', init.node.range, 'he'), replaceFix('Change to `xavier`', init.node.range, 'xavier', false)]);
  }
  if (init.spec.kind === 'random') {
    const scale = init.spec.scale;
    // n[l−1] of course 1 is the fan-in: f·f·n_C[l−1] for a conv layer (spec §8).
    const fanIn = (l: LayerInfo) => kindOf(l.spec).fanIn(l.spec, l.input);
    const layer = layers.find((l) => (l.activation.name === 'sigmoid' || l.activation.name === 'tanh') && scale * Math.sqrt(fanIn(l)) >= SATURATING_Z);
    if (layer) {
      const z = scale * Math.sqrt(fanIn(layer));
      const n = layer.kind === 'conv2d' ? `√(f·f·n_C[${layer.index - 1}])` : `√n[${layer.index - 1}]`;
      ctx.report('NN603', init.node.range,
        `random(${scale}) makes Z[${layer.index}] about ${scale}·${n} ≈ ${z.toPrecision(2)} in size, where ${layer.activation.name} is flat and its gradient vanishes: use xavier or a smaller scale`,
        [replaceFix('Change to `xavier`', init.node.range, 'xavier')]);
    }
  }
}

function checkAnnotations(ctx: CheckContext, d: DenseNode, layer: LayerInfo | undefined, m: number | undefined): void {
  for (const a of distinctAnnotations(ctx, d.annotations)) {
    if (!layer || !a.rows || !a.cols) continue;
    const l = layer.index;
    if (a.dims.length !== 2) {
      const right = formatShape(...(layer[a.name as 'W'] as [number, number]));
      ctx.report('NN301', a.range, `${a.name}[${l}] must be ${expectedShape(a.name, l, layer.units, layer.W[1])!.rule} = ${right}, not (${a.dims.map((d) => d.text).join(', ')}): a dense layer's matrices have two dimensions`,
        [replaceFix(`Change to ${right}`, a.shapeRange, right)]);
      continue;
    }
    const exp = expectedShape(a.name, l, layer.units, layer.W[1])!;
    const rows = a.rows.value;
    const cols = a.cols.value;
    const colsOk = exp.cols === 'm' ? cols === 'm' || typeof cols === 'number' : cols === exp.cols;
    const written = formatShape(a.rows.text, a.cols.text);
    if (rows !== exp.rows || !colsOk) {
      const right = formatShape(exp.rows, exp.cols);
      ctx.report('NN301', a.range, `${a.name}[${l}] must be ${exp.rule} = ${right}, not ${written}`,
        [replaceFix(`Change to ${right}`, a.shapeRange, right)]);
    } else if (exp.cols === 'm' && typeof cols === 'number' && m !== undefined && cols !== m) {
      ctx.report('NN302', a.cols.range, `${a.name}[${l}] must be ${exp.rule} = ${formatShape(exp.rows, m)}, not ${written}: one column per training example, and m = ${m}`,
        [replaceFix(`Change to ${formatShape(exp.rows, 'm')}`, a.shapeRange, formatShape(exp.rows, 'm')), replaceFix(`Change to ${formatShape(exp.rows, m)}`, a.shapeRange, formatShape(exp.rows, m), false)]);
    }
  }
}
