// The rules of spec §3 for one parsed file: structure, names, layer shapes, annotations, loss
// compatibility and the lecture's warnings; training settings and data are checked by settings.ts
// and data.ts. Produces one NetworkInfo per network, with its NetworkSpec when it has no error.

import { inferLoss, type Activation, type ActivationName, type DenseSpec, type LossName, type NetworkSpec } from '../model';
import type { Diagnostic, FileAccess, LayerInfo, NetworkInfo, Position, Range } from './api';
import type { DenseNode, InputNode, LossNode, NetworkNode, NumberValue, SourceFile, TrainNode } from './ast';
import { ACTIVATION_DOCS, ACTIVATION_NAMES, ANNOTATION_NAMES, LAYER_OPTION_NAMES, LOSS_NAMES, SETTING_NAMES, STATEMENT_KEYWORDS } from './catalog';
import { collector, noArgs, replaceFix, reportUnknown, singleNumberArg, type CheckContext } from './context';
import { checkData } from './data';
import { checkMemory } from './memory';
import { checkTrain, type CheckedTrain } from './settings';
import { expectedShape, formatShape, layerInfo } from './shapes';
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
  dense: DenseNode[];
  loss?: LossNode;
  train?: TrainNode;
  /** keywords of unknown statements (already reported) */
  unknown: string[];
}

function collect(ctx: CheckContext, node: NetworkNode): Parts {
  const parts: Parts = { dense: [], unknown: [] };
  for (const s of node.statements) {
    switch (s.kind) {
      case 'input':
        if (parts.input) {
          ctx.report('NN211', s.range, `\`input\` is already given on line ${parts.input.range.start.line}; a network has exactly one input`);
        } else {
          parts.input = s;
          if (parts.dense.length > 0) {
            ctx.report('NN212', s.range, `\`input\` must come before the first layer (line ${parts.dense[0].range.start.line})`);
          }
        }
        break;
      case 'dense':
        parts.dense.push(s);
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
  const n0 = parts.input ? size(ctx, parts.input.size, 'the number of input features n[0]') : undefined;
  if (parts.input) info.inputRange = parts.input.size?.range ?? parts.input.range;
  info.inputSize = n0;
  // A broken header with nothing below it (`network`, `network a` without `{`, `network {`, or a
  // `network a {` never closed before the next network) has its syntax error; that the body is
  // still empty is not news.
  const unwritten = (!node.body.opened || !node.body.closed || !node.name) && node.statements.length === 0;
  if (!parts.input && !mayBe(parts, 'input') && !unwritten) missingInput(ctx, node, parts, train);
  if (parts.dense.length === 0 && !mayBe(parts, 'dense') && !unwritten) {
    ctx.report('NN213', node.nameRange, `${called(node)} has no layer: add one such as \`dense 1 sigmoid\``);
  }

  // Shapes follow from n[l−1]: a bad size breaks the chain. A bad activation does not change the
  // shapes, so later annotations are still checked, but NetworkInfo.layers stops before it.
  const activations = parts.dense.map((d, i) => activation(ctx, d, i + 1, i === parts.dense.length - 1));
  const keepProbs = parts.dense.map((d, i) => checkOptions(ctx, d, i + 1, i === parts.dense.length - 1));
  const shapes: (LayerInfo | undefined)[] = [];
  let previous = n0;
  let contiguous = true;
  parts.dense.forEach((d, i) => {
    const units = size(ctx, d.units, `the number of units n[${i + 1}]`);
    const act = activations[i];
    if (previous === undefined || units === undefined) {
      previous = undefined;
      contiguous = false;
      return;
    }
    const layer = layerInfo(i + 1, units, previous, act ?? { name: 'linear' }, d.range);
    if (keepProbs[i] !== undefined) layer.keepProb = keepProbs[i];
    shapes[i] = layer;
    contiguous &&= act !== undefined;
    if (contiguous) info.layers.push(layer);
    previous = units;
  });
  info.params = info.layers.reduce((sum, l) => sum + l.params, 0);
  const complete = n0 !== undefined && info.layers.length === parts.dense.length && info.layers.length > 0;
  const output = activations[activations.length - 1];

  const loss = checkLoss(ctx, parts.loss, output?.name);
  info.loss = loss ?? (output && !parts.loss ? inferLoss(output.name) : undefined);
  info.lossInferred = !parts.loss && info.loss !== undefined;
  info.optimizer = train.spec.optimizer;

  info.m = checkData(ctx, train, complete ? { inputSize: n0, inputRange: parts.input?.size?.range, layers: info.layers } : undefined);
  if (complete) checkMemory(ctx, info.layers, train, info.m);
  initWarnings(ctx, train, info.layers, parts.dense.length > 1);
  parts.dense.forEach((d, i) => checkAnnotations(ctx, d, shapes[i], info.m));

  if (complete && info.loss) info.spec = spec(node.name, n0, info.layers, info.loss, train);
  return info;
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

function spec(name: string, inputSize: number, layers: LayerInfo[], loss: LossName, train: CheckedTrain): NetworkSpec {
  const t = { ...train.spec };
  if (train.data) t.data = train.data.source;
  if (train.test) t.test = train.test.source;
  if (train.init) t.init = train.init.spec;
  if (train.weights) t.weights = train.weights.path;
  return { name, inputSize, layers: layers.map(layerSpec), loss, train: t };
}

/** keepProb only when `keep_prob` is written, so a course-1 layer's spec is what it always was. */
function layerSpec(l: LayerInfo): DenseSpec {
  const s: DenseSpec = { kind: 'dense', units: l.units, activation: l.activation };
  if (l.keepProb !== undefined) s.keepProb = l.keepProb;
  return s;
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
  const first = parts.dense[0];
  // The likeliest n[0]: the generator's feature count, else the first W annotation's columns.
  const data = train.data?.source;
  const w = first?.annotations.find((a) => a.name === 'W' && typeof a.cols?.value === 'number')?.cols?.value;
  const n0 = data?.kind === 'generator' ? findGenerator(data.name)!.features(data.args) : typeof w === 'number' ? w : 2;
  // On a line of its own, before the first layer (or just after the `{`).
  const at = first ? { line: first.range.start.line, column: 1 } : node.body.range.end;
  const newText = first ? `${' '.repeat(first.range.start.column - 1)}input ${n0}\n` : `\n  input ${n0}`;
  ctx.report('NN210', first ? first.keywordRange : node.nameRange,
    `${called(node)} has no \`input\`: state n[0], the number of features per example, before the first layer (e.g. \`input ${n0}\`)`,
    [{ title: `Add \`input ${n0}\``, edits: [{ range: { start: at, end: at }, newText }], preferred: true }]);
}

function activation(ctx: CheckContext, d: DenseNode, l: number, isOutput: boolean): Activation | undefined {
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
  const units = d.units?.value;
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

/**
 * The `NAME: VALUE` options of a dense line (spec §9: `keep_prob: P`); returns keep_prob when it is
 * given and valid. Each mistake is one diagnostic on the option it is about.
 */
function checkOptions(ctx: CheckContext, d: DenseNode, l: number, isOutput: boolean): number | undefined {
  const seen = new Set<string>();
  let keepProb: number | undefined;
  for (const o of d.options) {
    if (ANNOTATION_NAMES.includes(o.name)) {
      ctx.report('NN208', o.range, `${o.name} is a matrix: its annotation takes a shape, e.g. \`${o.name}: (ROWS, COLS)\``);
      continue;
    }
    if (!LAYER_OPTION_NAMES.includes(o.name)) {
      reportUnknown(ctx, 'NN208', 'annotation or option', o.name, o.nameRange, [...ANNOTATION_NAMES, ...LAYER_OPTION_NAMES]);
      continue;
    }
    if (seen.has(o.name)) {
      ctx.report('NN303', o.range, `${o.name} is already given on this layer`);
      continue;
    }
    seen.add(o.name);
    const v = o.value;
    if (v?.kind !== 'number' || !(v.value > 0 && v.value <= 1)) {
      const written = v?.kind === 'number' ? v.text : `\`${v?.name ?? ''}\``;
      ctx.report('NN416', v?.range ?? o.range, `keep_prob is the probability of keeping a unit: 0 < keep_prob ≤ 1 (1 keeps every unit), not ${written}`);
      continue;
    }
    if (isOutput) {
      ctx.report('NN417', o.range, `no dropout on the output layer: layer ${l} gives the predictions A[${l}], which dropout would zero at random; put keep_prob on a hidden layer`,
        [{ title: 'Remove `keep_prob`', edits: [{ range: { start: endBefore(d, o.range), end: o.range.end }, newText: '' }], preferred: true }]);
      continue;
    }
    keepProb = v.value;
  }
  return keepProb;
}

/** Where the element of a dense line just before `range` ends, so removing an option leaves no gap. */
function endBefore(d: DenseNode, range: Range): Position {
  let end = d.units?.range.end ?? d.keywordRange.end;
  for (const r of [d.activation?.range, ...d.annotations.map((a) => a.range), ...d.options.map((o) => o.range)]) {
    if (r && before(r.end, range.start) && before(end, r.end)) end = r.end;
  }
  return end;
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
    const layer = layers.find((l) => (l.activation.name === 'sigmoid' || l.activation.name === 'tanh') && scale * Math.sqrt(l.W[1]) >= SATURATING_Z);
    if (layer) {
      const z = scale * Math.sqrt(layer.W[1]);
      ctx.report('NN603', init.node.range,
        `random(${scale}) makes Z[${layer.index}] about ${scale}·√n[${layer.index - 1}] ≈ ${z.toPrecision(2)} in size, where ${layer.activation.name} is flat and its gradient vanishes: use xavier or a smaller scale`,
        [replaceFix('Change to `xavier`', init.node.range, 'xavier')]);
    }
  }
}

function checkAnnotations(ctx: CheckContext, d: DenseNode, layer: LayerInfo | undefined, m: number | undefined): void {
  const seen = new Set<string>();
  for (const a of d.annotations) {
    if (!ANNOTATION_NAMES.includes(a.name)) {
      reportUnknown(ctx, 'NN208', 'matrix', a.name, a.nameRange, ANNOTATION_NAMES);
      continue;
    }
    if (seen.has(a.name)) {
      ctx.report('NN303', a.range, `${a.name} is already annotated on this layer`);
      continue;
    }
    seen.add(a.name);
    if (!layer || !a.rows || !a.cols) continue;
    const l = layer.index;
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
