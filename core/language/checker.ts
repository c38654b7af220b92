// The rules of spec §3 for one parsed file: structure, names, layer shapes, annotations, loss
// compatibility and the lecture's warnings; training settings and data are checked by settings.ts
// and data.ts. Produces one NetworkInfo per network, with its NetworkSpec when it has no error.

import type { Activation, ActivationName, LossName, NetworkSpec } from '../foundation/model';
import { features, kindNamed, kindOf, outputKinds, vector, volume, type Shape } from '../layers';
import { activationKind, LINEAR } from '../layers/activations';
import { inferLoss, lossKind, neededOutput } from '../layers/losses';
import type { Diagnostic, FileAccess, LayerInfo, NetworkInfo, Position } from './api';
import type { BlockDefinition, CallValue, InputNode, LayerNode, LayerOption, LossNode, NetworkNode, NumberValue, SourceFile, Statement, TrainNode } from './ast';
import { ACTIVATION_NAMES, GROUP_KEYWORDS, LAYER_KEYWORDS, LOSS_NAMES, SETTING_NAMES, STATEMENT_KEYWORDS } from './catalog';
import { collector, noArgs, replaceFix, reportUnknown, singleNumberArg, type CheckContext } from './context';
import { imageInput, readOptions } from './conv';
import { sequenceInput } from './sequenceInput';
import { checkAnnotations } from './annotations';
import { Blocks, expand, layerItems } from './expand';
import { lastItem, walkTree, type Resolved } from './walk';
import { checkBatchOfOne } from './norms';
import { checkCausal } from './causal';
import { isLayer } from './layerShapes';
import { checkData } from './data';
import { checkMemory, describeNeed } from './memory';
import { checkTrain, type CheckedTrain } from './settings';
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
  const blocks = new Blocks(ast.blocks, STATEMENT_KEYWORDS, collector(diagnostics, files, resolve).ctx, blocksWithErrors(ast.blocks, syntax));
  for (const node of ast.networks) {
    const { ctx, errors } = collector(diagnostics, files, resolve);
    const first = node.name ? byName.get(node.name) : undefined;
    if (first) {
      ctx.report('NN214', node.nameRange, `a network named \`${node.name}\` is already defined on line ${first.nameRange.start.line}; network names must be unique`);
    } else if (node.name) {
      byName.set(node.name, node);
    }
    const { info, broken: badUse } = checkNetwork(once(ctx), node, blocks);
    if (errors() > 0 || broken.has(node) || badUse) delete info.spec;
    networks.push(info);
  }
  if (ast.networks.length === 0 && !syntax.some((d) => d.severity === 'error')) {
    const start = { line: 1, column: 1 };
    diagnostics.push(diagnostic('NN221', { start, end: start }, 'this file holds no network: start one with `network NAME {`'));
  }
  return { diagnostics, networks };
}

/** A context that reports each diagnostic once: the copies of a repeat report the same mistakes. */
function once(ctx: CheckContext): CheckContext {
  const seen = new Set<string>();
  return {
    ...ctx,
    report(code, range, message, fixes) {
      const key = `${code} ${range.start.line}:${range.start.column} ${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.report(code, range, message, fixes);
    },
  };
}

/** The block definitions with a syntax error inside them. */
function blocksWithErrors(blocks: readonly BlockDefinition[], syntax: readonly Diagnostic[]): Set<BlockDefinition> {
  return new Set(blocks.filter((b) => syntax.some((d) => d.severity === 'error' && before(b.range.start, d.range.start) && before(d.range.start, b.range.end))));
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
  /** the layer statements, groups and block uses, in order */
  body: Statement[];
  loss?: LossNode;
  train?: TrainNode;
  /** keywords of unknown statements (already reported) */
  unknown: string[];
}

function collect(ctx: CheckContext, node: NetworkNode): Parts {
  const parts: Parts = { body: [], unknown: [] };
  for (const s of node.statements) {
    if (isLayer(s) || s.kind === 'use' || GROUP_KEYWORDS.includes(s.kind)) {
      parts.body.push(s);
      continue;
    }
    switch (s.kind) {
      case 'input':
        if (parts.input) {
          ctx.report('NN211', s.range, `\`input\` is already given on line ${parts.input.range.start.line}; a network has exactly one input`);
        } else {
          parts.input = s;
          if (parts.body.length > 0) {
            ctx.report('NN212', s.range, `\`input\` must come before the first layer (line ${parts.body[0].range.start.line})`);
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

function checkNetwork(ctx: CheckContext, node: NetworkNode, blocks: Blocks): { info: NetworkInfo; broken: boolean } {
  const parts = collect(ctx, node);
  const info: NetworkInfo = { name: node.name, range: node.range, nameRange: node.nameRange, layers: [], lossInferred: false, params: 0 };

  const train = checkTrain(ctx, parts.train);
  const input = parts.input && inputOf(ctx, parts.input);
  if (parts.input) info.inputRange = parts.input.size?.range ?? parts.input.image?.range ?? parts.input.form?.range ?? parts.input.range;
  const n0 = input && features(input);
  info.inputSize = n0;
  if (input?.kind === 'volume') info.image = { n_H: input.n_H, n_W: input.n_W, n_C: input.n_C };
  if (input?.kind === 'sequence') info.sequence = { T: input.T, n: input.n };
  if (input?.kind === 'tokens') info.tokens = { T: input.T, V: input.V };
  // A broken header with nothing below it (`network`, `network a` without `{`, `network {`, or a
  // `network a {` never closed before the next network) has its syntax error; that the body is
  // still empty is not news.
  const unwritten = (!node.body.opened || !node.body.closed || !node.name) && node.statements.length === 0;
  if (!parts.input && !mayBe(parts, 'input') && !unwritten) missingInput(ctx, node, parts, train);
  blocks.checkStatements(node.statements, 'network', ctx);
  const { items, broken } = expand(parts.body, blocks, ctx);
  const layers = layerItems(items).map((item) => item.node);
  if (layers.length === 0 && !LAYER_KEYWORDS.some((k) => mayBe(parts, k)) && !unwritten) {
    ctx.report('NN213', node.nameRange, `${called(node)} has no layer: add one such as \`dense 1 sigmoid\``);
  }
  const end = lastItem(items);
  const last = end?.kind === 'layer' ? end.node : undefined;
  // Only a kind whose record says it can be the output layer ends a network (spec §8: dense).
  const ends = last !== undefined && kindNamed(last.kind)!.asOutput !== undefined;
  const outputs = outputKinds().map((k) => `\`${k}\``).join(' or ');
  if (last && !ends) {
    end!.ctx.report('NN224', last.keywordRange, `the last layer must be ${outputs}: it gives the output activation and Y's shape; \`${last.kind}\` cannot end a network`);
  } else if (end && end.kind !== 'layer') {
    end.ctx.report('NN224', end.node.keywordRange, `a network ends with its output layer, a ${outputs} outside any group: it gives the output activation and Y's shape; \`${end.kind}\` cannot end a network`);
  }

  // Shapes follow from A[l−1]: a bad size or option breaks the chain. A bad activation does not
  // change the shapes, so later annotations are still checked, but NetworkInfo.layers stops before it.
  const walked = walkTree(items, input, end?.kind === 'layer' ? end : undefined, {
    layer: (item, l, isOutput) => resolve(item.ctx, item.node, l, isOutput),
    activation: (c, group) => group.activation && activation(c, group.activation, 0, false, undefined, 'a residual\'s sum'),
  });
  const { resolved, shapes } = walked;
  /** the `norm: batch` options and their layers' outputs, checked against the batch once m is known */
  const normalized = walked.items.flatMap(({ node: d, ctx: c }, i): { ctx: CheckContext; option: LayerOption; output: Shape }[] => {
    const option = d.options.find((o) => o.name === 'norm');
    const layer = resolved[i]?.spec;
    const output = shapes[i]?.output;
    return option && layer && 'norm' in layer && layer.norm && output ? [{ ctx: c, option, output }] : [];
  });
  for (let i = 0; i < layers.length && shapes[i] && resolved[i].activationOk; i++) info.layers.push(shapes[i]!);
  checkCausal(walked.items, shapes, end?.kind === 'layer' ? end : undefined);
  if (walked.tree.some((n) => n.kind !== 'layer')) info.tree = walked.tree;
  info.params = info.layers.reduce((sum, l) => sum + l.params, 0);
  const complete = n0 !== undefined && info.layers.length === layers.length && info.layers.length > 0 && ends;
  const output = ends ? resolved[resolved.length - 1]?.activation : undefined;

  const loss = checkLoss(ctx, parts.loss, output?.name);
  info.loss = loss ?? (output && !parts.loss ? inferLoss(output.name) : undefined);
  info.lossInferred = !parts.loss && info.loss !== undefined;
  info.optimizer = train.spec.optimizer;

  const sequence = info.sequence ? { kind: 'sequence' as const, steps: info.sequence.T, features: info.sequence.n } : info.tokens ? { kind: 'tokens' as const, steps: info.tokens.T, vocab: info.tokens.V } : undefined;
  const inputValue = parts.input?.size?.range ?? parts.input?.image?.range ?? parts.input?.form?.range;
  // the last layer statement that takes `return:` (spec §14), found by its kind's form
  const stepsEnd = walked.items.filter((item) => kindNamed(item.node.kind)!.form.options.includes('return')).pop()?.node;
  info.m = checkData(ctx, train, complete ? { inputSize: n0, inputRange: parts.input?.size?.range, image: info.image, sequence, inputForm: parts.input?.form, inputValue, layers: info.layers, stepsEnd } : undefined);
  for (const { ctx: c, option, output } of normalized) checkBatchOfOne(c, option, output, train.spec.batch, info.m);
  if (complete) {
    const e = checkMemory(ctx, info.layers, train, info.m, walked.branches ? walked.body : undefined);
    info.footprint = { bytes: e.bytes, need: describeNeed(e) };
  }
  initWarnings(ctx, train, info.layers, layers.length > 1);
  walked.items.forEach(({ node: d, ctx: c }, i) => checkAnnotations(c, d, shapes[i], info.m));

  if (complete && info.loss) {
    info.spec = spec(node.name, n0, info, info.layers, info.loss, train);
    if (walked.branches) info.spec.body = walked.body;
  }
  return { info, broken };
}

/** A[0]'s shape from `input N`, `input (N_H, N_W, N_C)` or `input sequence(…)`/`tokens(…)`; undefined when broken (reported). */
function inputOf(ctx: CheckContext, node: InputNode): Shape | undefined {
  if (node.form) return sequenceInput(ctx, node.form);
  if (node.image) {
    const image = imageInput(ctx, node.image);
    return image && volume(image.n_H, image.n_W, image.n_C);
  }
  const n0 = size(ctx, node.size, 'the number of input features n[0]');
  return n0 === undefined ? undefined : vector(n0);
}

/**
 * Layer l's LayerSpec from its statement, read by its kind's form (count, activation, options) and
 * built by its kind; each mistake reported on the part it is about.
 */
function resolve(ctx: CheckContext, d: LayerNode, l: number, isOutput: boolean): Resolved {
  const kind = kindNamed(d.kind)!;
  const { form } = kind;
  // an activation left out where the form has a default (`rnn 64`) is that default
  const act = !d.activation && form.activation?.default ? { name: form.activation.default }
    : form.activation && !unsupported(ctx, d, form.activation.only) ? activation(ctx, d.activation, l, isOutput, form.count?.field === 'units' ? { keyword: d.kind, n: d.units?.value } : undefined) : undefined;
  const count = form.count && size(ctx, d[form.count.field], form.count.what(l));
  const options = readOptions(ctx, d, form, l, isOutput);
  const activationOk = !form.activation || act !== undefined;
  if ((form.count && count === undefined) || !options) return { activation: act, activationOk };
  return { spec: kind.spec({ count, activation: act ?? LINEAR, options }), activation: act, activationOk };
}

/**
 * NN228 when the kind takes only some activations (`rnn`: tanh or relu, as nn.RNN and ONNX's RNN)
 * and the line names another known one; an unknown name is left to NN202. The fixes change it to
 * each allowed one, the first (the kind's default) preferred.
 */
function unsupported(ctx: CheckContext, d: LayerNode, only: { names: readonly ActivationName[]; why: string } | undefined): boolean {
  const call = d.activation;
  if (!call || !only || only.names.includes(call.name as ActivationName) || !ACTIVATION_NAMES.includes(call.name)) return false;
  const list = only.names.map((g) => `\`${g}\``).join(' or ');
  ctx.report('NN228', call.range, `\`${d.kind}\` takes ${list}, not \`${call.name}\`: ${only.why}`,
    only.names.map((g, i) => replaceFix(`Change to \`${g}\``, call.range, g, i === 0)));
  return true;
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

function spec(name: string, inputSize: number, { image, sequence, tokens }: Pick<NetworkInfo, 'image' | 'sequence' | 'tokens'>, layers: LayerInfo[], loss: LossName, train: CheckedTrain): NetworkSpec {
  const t = { ...train.spec };
  if (train.data) t.data = train.data.source;
  if (train.test) t.test = train.test.source;
  if (train.init) t.init = train.init.spec;
  if (train.weights) t.weights = train.weights.path;
  const result: NetworkSpec = { name, inputSize, layers: layers.map((l) => l.spec), loss, train: t };
  if (image) result.image = image;
  if (sequence) result.sequence = sequence;
  if (tokens) result.tokens = tokens;
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
  const first = parts.body[0];
  const layer = first && isLayer(first) ? first : undefined;
  // The likeliest n[0]: the generator's feature count, else the first W annotation's columns; a
  // network that starts with a layer not counted in units n[l] (a window layer, flatten) wants an
  // image (an MNIST digit's size, for want of one).
  const data = train.data?.source;
  const onVectors = layer !== undefined && kindNamed(layer.kind)!.form.count?.field === 'units';
  const w = onVectors ? layer.annotations.find((a) => a.name === 'W' && typeof a.cols?.value === 'number')?.cols?.value : undefined;
  const n0 = layer && !onVectors ? '(28, 28, 1)'
    : data?.kind === 'generator' ? findGenerator(data.name)?.features(data.args) ?? 2 : typeof w === 'number' ? w : 2;
  // On a line of its own, before the first layer (or just after the `{`).
  const at = first ? { line: first.range.start.line, column: 1 } : node.body.range.end;
  const newText = first ? `${' '.repeat(first.range.start.column - 1)}input ${n0}\n` : `\n  input ${n0}`;
  ctx.report('NN210', first ? first.keywordRange : node.nameRange,
    `${called(node)} has no \`input\`: state n[0], the number of features per example, before the first layer (e.g. \`input ${n0}\`)`,
    [{ title: `Add \`input ${n0}\``, edits: [{ range: { start: at, end: at }, newText }], preferred: true }]);
}

/**
 * `units`: the layer's keyword and n[l], for a kind counted in units; `hidden` names what the
 * activation applies to when it is not layer l's (a residual's sum).
 */
function activation(ctx: CheckContext, call: CallValue | undefined, l: number, isOutput: boolean, units: { keyword: string; n?: number } | undefined, hidden = `layer ${l}`): Activation | undefined {
  if (!call) return undefined;
  if (!ACTIVATION_NAMES.includes(call.name)) {
    reportUnknown(ctx, 'NN202', 'activation', call.name, call.nameRange, ACTIVATION_NAMES);
    return undefined;
  }
  const name = call.name as ActivationName;
  const doc = activationKind(name);
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
  if (doc.outputOnly && !isOutput) {
    ctx.report('NN216', call.nameRange, `${name} is for the output layer only; ${hidden} is hidden: use relu or tanh here`);
  } else if (doc.oneUnit && units?.n === 1) {
    ctx.report('NN217', call.nameRange, `${name} over 1 unit always outputs 1: use \`${units.keyword} 1 ${doc.oneUnit}\` for two classes, or give ${name} one unit per class`,
      [replaceFix(`Change to \`${doc.oneUnit}\``, call.range, doc.oneUnit)]);
  } else if (doc.hidden && !isOutput) {
    ctx.report('NN602', call.nameRange, `${name} in ${hidden.startsWith('layer') ? 'hidden ' : ''}${hidden}: ${doc.hidden.why}`,
      [replaceFix(`Change to \`${doc.hidden.instead}\``, call.range, doc.hidden.instead)]);
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
  const record = lossKind(loss);
  const needs = neededOutput(record);
  if (needs && output && output !== needs) {
    const better = inferLoss(output);
    ctx.report('NN218', call.range, `${loss} needs a ${needs} output layer, but the output is ${output}: use ${better}${record.offerOutput ? `, or a ${needs} output` : ''}`,
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
    const layer = layers.find((l) => activationKind(l.activation).saturates && scale * Math.sqrt(fanIn(l)) >= SATURATING_Z);
    if (layer) {
      const z = scale * Math.sqrt(fanIn(layer));
      // a window layer's fan-in is its window over every channel of A[l−1]
      const n = layer.window ? `√(f·f·n_C[${layer.index - 1}])` : `√n[${layer.index - 1}]`;
      ctx.report('NN603', init.node.range,
        `random(${scale}) makes Z[${layer.index}] about ${scale}·${n} ≈ ${z.toPrecision(2)} in size, where ${layer.activation.name} is flat and its gradient vanishes: use xavier or a smaller scale`,
        [replaceFix('Change to `xavier`', init.node.range, 'xavier')]);
    }
  }
}
