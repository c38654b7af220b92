// The `train { … }` block (spec §4): each setting's kind and range, duplicates, unknown names and
// generator arguments. What fits the network (features, labels, files) is checked in data.ts.

import { findGenerator, GENERATORS, withDefaults } from '../data/catalog';
import { findSequenceGenerator, SEQUENCE_GENERATORS } from '../data/sequenceCatalog';
import { DEFAULT_RANDOM_SCALE, TRAIN_DEFAULTS, type DataSource, type DecaySpec, type InitSpec, type OptimizerSpec, type TestSource, type TrainSpec } from '../foundation/model';
import type { CallValue, NumberValue, Setting, StringValue, TrainNode, Value } from './ast';
import { DECAY_DOCS, DECAY_NAMES, INIT_NAMES, OPTIMIZER_DOCS, OPTIMIZER_NAMES, SETTING_DOCS, SETTING_NAMES, type ParamDoc } from './catalog';
import { namedArgs, noArgs, replaceFix, reportUnknown, singleNumberArg, type CheckContext } from './context';

/** The engine seeds its generator (core/foundation/prng.ts) from 32 bits: a larger seed would repeat a smaller one. */
const MAX_SEED = 2 ** 32 - 1;

export interface SourceRef<S> {
  source: S;
  node: Value;
}

export interface CheckedTrain {
  spec: TrainSpec;
  data?: SourceRef<DataSource>;
  test?: SourceRef<TestSource>;
  init?: { spec: InitSpec; node: CallValue };
  weights?: { path: string; node: StringValue };
}

export function checkTrain(ctx: CheckContext, train: TrainNode | undefined): CheckedTrain {
  const out: CheckedTrain = { spec: { ...TRAIN_DEFAULTS } };
  if (!train) return out;
  const seen = new Map<string, Setting>();
  for (const s of train.settings) {
    if (!SETTING_NAMES.includes(s.name)) {
      reportUnknown(ctx, 'NN204', 'training setting', s.name, s.nameRange, SETTING_NAMES);
      continue;
    }
    const first = seen.get(s.name);
    if (first) {
      ctx.report('NN405', s.nameRange, `\`${s.name}\` is already set on line ${first.range.start.line}; give each setting once`);
      continue;
    }
    seen.set(s.name, s);
    if (s.value) applySetting(ctx, s.name, s.value, out);
  }
  if (out.weights && out.init) {
    ctx.report('NN604', out.init.node.range, `\`init ${out.init.node.name}\` has no effect: \`weights\` sets the initial W and b`);
  }
  return out;
}

function applySetting(ctx: CheckContext, name: string, value: Value, out: CheckedTrain): void {
  const spec = out.spec;
  switch (name) {
    case 'data': {
      const source = dataSource(ctx, name, value);
      if (source) out.data = { source, node: value };
      return;
    }
    case 'test': {
      if (value.kind === 'number') {
        if (!(value.value > 0 && value.value < 1)) {
          ctx.report('NN404', value.range, `a test fraction must lie strictly between 0 and 1 (e.g. 0.2), not ${value.text}`);
          return;
        }
        out.test = { source: { kind: 'fraction', value: value.value }, node: value };
        return;
      }
      const source = dataSource(ctx, name, value);
      if (source) out.test = { source, node: value };
      return;
    }
    case 'init': {
      if (value.kind !== 'call') return wrongKind(ctx, name, value);
      const init = initSpec(ctx, value);
      if (init) out.init = { spec: init, node: value };
      return;
    }
    case 'weights':
      if (value.kind !== 'string') return wrongKind(ctx, name, value);
      out.weights = { path: ctx.resolve(value.value), node: value };
      return;
    case 'learning_rate': {
      const n = number(ctx, name, value);
      if (n === undefined) return;
      if (!(n.value > 0) || !Number.isFinite(n.value)) {
        ctx.report('NN401', n.range, `the learning rate α must be a number > 0 (e.g. 0.01), not ${n.text}`);
        return;
      }
      spec.learningRate = n.value;
      return;
    }
    case 'iterations':
      return integerSetting(ctx, name, value, 1, 'NN402', (v) => (spec.iterations = v));
    case 'seed':
      return integerSetting(ctx, name, value, 0, 'NN406', (v) => (spec.seed = v), MAX_SEED);
    case 'log_every':
      return integerSetting(ctx, name, value, 1, 'NN407', (v) => (spec.logEvery = v));
    case 'batch':
      if (value.kind === 'call' && value.name === 'full') {
        noArgs(ctx, value, 'batch');
        spec.batch = 'full';
        return;
      }
      if (value.kind === 'call') {
        ctx.report('NN403', value.range, `batch is a number of examples ≥ 1 or \`full\`, not \`${value.name}\``,
          [replaceFix('Change to `full`', value.range, 'full')]);
        return;
      }
      return integerSetting(ctx, name, value, 1, 'NN403', (v) => (spec.batch = v));
    case 'optimizer': {
      if (value.kind !== 'call') return wrongKind(ctx, name, value);
      const optimizer = optimizerSpec(ctx, value);
      if (optimizer) spec.optimizer = optimizer;
      return;
    }
    case 'l2': {
      const n = number(ctx, name, value);
      if (n === undefined) return;
      if (!(n.value >= 0) || !Number.isFinite(n.value)) {
        ctx.report('NN413', n.range, `λ of l2 must be a number ≥ 0 (0 turns it off; e.g. 0.7), not ${n.text}`);
        return;
      }
      spec.l2 = n.value;
      return;
    }
    case 'clip': {
      const n = number(ctx, name, value);
      if (n === undefined) return;
      if (!(n.value > 0) || !Number.isFinite(n.value)) {
        ctx.report('NN421', n.range, `clip C bounds every gradient entry to [−C, C]: C must be a number > 0 (the dinosaur assignment uses 5), not ${n.text}`);
        return;
      }
      spec.clip = n.value;
      return;
    }
    case 'decay': {
      if (value.kind !== 'call') return wrongKind(ctx, name, value);
      const decay = decaySpec(ctx, value);
      if (decay) spec.decay = decay;
      return;
    }
  }
}

function optimizerSpec(ctx: CheckContext, call: CallValue): OptimizerSpec | undefined {
  const doc = OPTIMIZER_DOCS.find((d) => d.name === call.name);
  if (!doc) {
    reportUnknown(ctx, 'NN209', 'optimizer', call.name, call.nameRange, OPTIMIZER_NAMES);
    return undefined;
  }
  if (doc.params.length === 0) {
    noArgs(ctx, call, 'optimizer');
    return { kind: doc.name } as OptimizerSpec;
  }
  const args = callArgs(ctx, call, doc.params, 'optimizer');
  return args && ({ kind: doc.name, ...args } as OptimizerSpec);
}

function decaySpec(ctx: CheckContext, call: CallValue): DecaySpec | undefined {
  const doc = DECAY_DOCS.find((d) => d.name === call.name);
  if (!doc) {
    reportUnknown(ctx, 'NN222', 'decay schedule', call.name, call.nameRange, DECAY_NAMES);
    return undefined;
  }
  const args = callArgs(ctx, call, doc.params, 'decay');
  return args && { kind: doc.name, rate: args.rate, every: args.every };
}

/**
 * The arguments of an optimizer or decay call with the defaults filled in; each bad one is reported
 * on its own range (NN207 for the names, NN411–NN415 for the values), and then none are returned.
 */
function callArgs(ctx: CheckContext, call: CallValue, params: readonly ParamDoc[], what: string): Record<string, number> | undefined {
  const { args: written, ok: named } = namedArgs(ctx, call, params);
  let ok = named;
  const out: Record<string, number> = {};
  for (const p of params) {
    const n = written.get(p.name);
    if (n === undefined) {
      if (p.default === undefined) {
        if (named) {
          const example = params.map((q) => `${q.name}: ${q.default ?? 1}`).join(', ');
          ctx.report('NN207', call.range, `${what} \`${call.name}\` needs \`${p.name}\` (${p.doc}): write e.g. \`${call.name}(${example})\``);
        }
        ok = false;
      } else {
        out[p.name] = p.default;
      }
      continue;
    }
    const problem = paramProblem(p, n);
    if (problem) {
      ctx.report(problem.code, n.range, `${p.symbol} (\`${p.name}\`) of ${call.name} ${problem.rule}, not ${n.text}`);
      ok = false;
    } else {
      out[p.name] = n.value;
    }
  }
  return ok ? out : undefined;
}

/** The code and the rule a value breaks, or undefined when it is in range. */
function paramProblem(p: ParamDoc, n: NumberValue): { code: string; rule: string } | undefined {
  const v = n.value;
  switch (p.check) {
    case 'beta':
      return v >= 0 && v < 1 ? undefined : { code: 'NN411', rule: 'must lie in [0, 1): 0 ≤ β < 1 (β = 1 would never move)' };
    case 'epsilon':
      return v > 0 && Number.isFinite(v) ? undefined : { code: 'NN412', rule: 'must be a number > 0 (e.g. 1e-8)' };
    case 'inverseRate':
      return v >= 0 && Number.isFinite(v) ? undefined : { code: 'NN414', rule: 'must be a number ≥ 0' };
    case 'exponentialRate':
      return v > 0 && v <= 1 ? undefined : { code: 'NN414', rule: 'must lie in (0, 1]: 0 < R ≤ 1 (e.g. 0.95)' };
    case 'every':
      return n.integer && Number.isSafeInteger(v) && v >= 1 ? undefined : { code: 'NN415', rule: 'must be an integer ≥ 1' };
  }
}

function wrongKind(ctx: CheckContext, name: string, value: Value): void {
  const doc = SETTING_DOCS.find((d) => d.name === name)!;
  ctx.report('NN408', value.range, `\`${name}\` takes ${doc.range}; write \`${doc.syntax}\``);
}

function number(ctx: CheckContext, name: string, value: Value): NumberValue | undefined {
  if (value.kind === 'number') return value;
  wrongKind(ctx, name, value);
  return undefined;
}

function integerSetting(ctx: CheckContext, name: string, value: Value, min: number, code: string, set: (v: number) => void, max = Number.MAX_SAFE_INTEGER): void {
  const n = number(ctx, name, value);
  if (n === undefined) return;
  if (!n.integer || !Number.isSafeInteger(n.value) || n.value < min || n.value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    ctx.report(code, n.range, `\`${name}\` must be an integer ${range}, not ${n.text}`);
    return;
  }
  set(n.value);
}

function dataSource(ctx: CheckContext, name: string, value: Value): DataSource | undefined {
  if (value.kind === 'string') return { kind: 'csv', path: ctx.resolve(value.value) };
  if (value.kind === 'number') {
    wrongKind(ctx, name, value);
    return undefined;
  }
  if (value.name === IMAGES) return imageFolder(ctx, value);
  if (value.name === TEXT) return textSource(ctx, value);
  const info = findGenerator(value.name) ?? findSequenceGenerator(value.name);
  if (!info) {
    reportUnknown(ctx, 'NN205', 'data generator', value.name, value.nameRange, [...GENERATORS.map((g) => g.name), ...SEQUENCE_GENERATORS.map((g) => g.name), IMAGES, TEXT]);
    return undefined;
  }
  const written = namedArgs(ctx, value, info.params);
  const args: Record<string, number> = {};
  let ok = written.ok;
  for (const [name, n] of written.args) {
    const p = info.params.find((q) => q.name === name)!;
    const v = n.value;
    if (!Number.isFinite(v) || v < p.min || (p.integer && !(n.integer && Number.isSafeInteger(v)))) {
      ctx.report('NN409', n.range, `\`${name}\` of ${info.name} must be ${p.integer ? 'an integer' : 'a number'} ≥ ${p.min}, not ${n.text}`);
      ok = false;
    } else {
      args[name] = v;
    }
  }
  return ok ? { kind: 'generator', name: info.name, args: withDefaults(info, args) } : undefined;
}

/** `images("FOLDER")` (spec §8): a folder with one subfolder of images per class. */
export const IMAGES = 'images';
/** `text("FILE", steps: T)` (spec §14): a character-level corpus. */
export const TEXT = 'text';

function textSource(ctx: CheckContext, call: CallValue): DataSource | undefined {
  const args = call.args ?? [];
  const file = args[0]?.text;
  const rest = args.slice(file ? 1 : 0);
  const steps = rest.length === 1 && rest[0].name === 'steps' ? rest[0].value : undefined;
  if (!file || rest.length !== 1 || !steps) {
    ctx.report('NN207', call.argsRange ?? call.range, '`text` takes the file as a string and the steps per example: write e.g. `text("dinos.txt", steps: 25)`');
    return undefined;
  }
  if (!steps.integer || !Number.isSafeInteger(steps.value) || steps.value < 1) {
    ctx.report('NN409', steps.range, `\`steps\` of text must be an integer ≥ 1 (the characters of each example), not ${steps.text}`);
    return undefined;
  }
  return { kind: 'text', path: ctx.resolve(file.value), steps: steps.value };
}

function imageFolder(ctx: CheckContext, call: CallValue): DataSource | undefined {
  const args = call.args ?? [];
  const folder = args.length === 1 ? args[0].text : undefined;
  if (!folder) {
    ctx.report('NN207', call.argsRange ?? call.range, '`images` takes one argument, the folder as a string (one subfolder per class): write e.g. `images("digits/train")`');
    return undefined;
  }
  return { kind: 'images', path: ctx.resolve(folder.value) };
}

function initSpec(ctx: CheckContext, call: CallValue): InitSpec | undefined {
  if (!INIT_NAMES.includes(call.name)) {
    reportUnknown(ctx, 'NN206', 'init method', call.name, call.nameRange, INIT_NAMES);
    return undefined;
  }
  if (call.name === 'random') {
    const scale = singleNumberArg(ctx, call, 'scale');
    if (scale !== undefined && !(scale > 0 && Number.isFinite(scale))) {
      ctx.report('NN410', call.argsRange!, `the scale of random(SCALE) must be a number > 0 (e.g. 0.01), not ${scale}`);
      return undefined;
    }
    return { kind: 'random', scale: scale ?? DEFAULT_RANDOM_SCALE };
  }
  noArgs(ctx, call, 'init');
  return { kind: call.name as 'zeros' | 'xavier' | 'he' };
}
