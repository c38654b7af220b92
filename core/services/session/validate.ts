// A NetworkSpec that arrives in a `start` message is checked the way a `.nn` file is: it is written
// back as the `network { … }` block it stands for and run through the checker, so the worker
// accepts exactly what the checker accepts (units, activations, the loss, α, iterations, generator
// arguments, features and classes against the layers, the memory estimate) with no second copy of
// those rules. What it returns is the checker's own spec for that text, so nothing of the message
// but what the language can say reaches the engine. Files are not read here: loading the data and
// the weights checks them (DataError), as for a file checked without them.

import { analyze } from '../../language';
import { isLayerKind, kindOf } from '../../layers';
import type { Activation, DataSource, InitSpec, LayerSpec, NetworkSpec, TestSource } from '../../foundation/model';
import { describeValue } from '../protocol';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The checked spec, or what is wrong with it. */
export function validateSpec(value: unknown): NetworkSpec | string {
  let text: string;
  try {
    text = networkText(record(value, 'spec'));
  } catch (e) {
    if (e instanceof Invalid) return e.message;
    throw e;
  }
  const { diagnostics, networks } = analyze(text, { files: null });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const spec = networks[0]?.spec;
  if (errors.length > 0 || !spec) return `the network does not pass the checker: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`;
  return spec;
}

class Invalid extends Error {}

/** The `.nn` text of a spec; throws Invalid for what the language cannot even write. */
function networkText(spec: Record<string, unknown>): string {
  const layers = spec.layers;
  if (!Array.isArray(layers)) throw new Invalid('spec.layers must be an array');
  const train = record(spec.train, 'spec.train');
  const lines = [
    `network ${name(spec.name, 'spec.name')} {`,
    `  input ${spec.image === undefined ? number(spec.inputSize, 'spec.inputSize') : imageText(record(spec.image, 'spec.image'))}`,
    ...(spec.body === undefined
      ? layers.map((layer, i) => `  ${layerText(record(layer, `spec.layers[${i}]`), i)}`)
      : treeText(spec.body, layers)),
    `  loss ${name(spec.loss, 'spec.loss')}`,
    '  train {',
    `    learning_rate ${number(train.learningRate, 'spec.train.learningRate')}`,
    `    iterations ${number(train.iterations, 'spec.train.iterations')}`,
    `    batch ${train.batch === 'full' ? 'full' : number(train.batch, 'spec.train.batch')}`,
    `    seed ${number(train.seed, 'spec.train.seed')}`,
    `    log_every ${number(train.logEvery, 'spec.train.logEvery')}`,
  ];
  if (train.data !== undefined) lines.push(`    data ${sourceText(record(train.data, 'spec.train.data') as DataSource, 'spec.train.data')}`);
  if (train.test !== undefined) lines.push(`    test ${testText(record(train.test, 'spec.train.test') as TestSource)}`);
  if (train.init !== undefined) lines.push(`    init ${initText(record(train.init, 'spec.train.init') as InitSpec)}`);
  if (train.weights !== undefined) lines.push(`    weights ${string(train.weights, 'spec.train.weights')}`);
  if (train.optimizer !== undefined) lines.push(`    optimizer ${callText(record(train.optimizer, 'spec.train.optimizer'), 'spec.train.optimizer')}`);
  if (train.l2 !== undefined) lines.push(`    l2 ${number(train.l2, 'spec.train.l2')}`);
  if (train.decay !== undefined) lines.push(`    decay ${callText(record(train.decay, 'spec.train.decay'), 'spec.train.decay')}`);
  return [...lines, '  }', '}', ''].join('\n');
}

/**
 * The statements of a spec's tree (spec §12), nested as the language writes them. Its layers must
 * come in the order of l, depth first and a shortcut's after its body's, each once: the checker
 * numbers the text that way, so any other order would be another network.
 */
function treeText(body: unknown, layers: unknown[]): string[] {
  let next = 1;
  const nodes = (value: unknown, where: string, indent: string): string[] => {
    if (!Array.isArray(value)) throw new Invalid(`${where} must be an array`);
    return value.flatMap((v, i) => node(record(v, `${where}[${i}]`), `${where}[${i}]`, indent));
  };
  const group = (head: string, lines: string[], indent: string) => (lines.length === 0 ? [`${indent}${head} { }`] : [`${indent}${head} {`, ...lines, `${indent}}`]);
  const node = (n: Record<string, unknown>, where: string, indent: string): string[] => {
    if (n.kind === 'layer') {
      if (n.l !== next || next > layers.length) throw new Invalid(`${where}.l must be ${next}: the tree lists layers 1…L in order, depth first`);
      next++;
      return [`${indent}${layerText(record(layers[(n.l as number) - 1], `spec.layers[${(n.l as number) - 1}]`), (n.l as number) - 1)}`];
    }
    if (n.kind === 'residual') {
      const g = activationOf(record(n.activation, `${where}.activation`), where);
      const lines = nodes(n.body, `${where}.body`, `${indent}  `);
      const shortcut = nodes(n.shortcut, `${where}.shortcut`, `${indent}    `);
      return group(`residual ${g.slope === undefined ? g.name : `${g.name}(${g.slope})`}`, [...lines, ...(shortcut.length > 0 ? group('shortcut', shortcut, `${indent}  `) : [])], indent);
    }
    if (n.kind === 'concat') {
      if (!Array.isArray(n.branches)) throw new Invalid(`${where}.branches must be an array`);
      return group('concat', n.branches.flatMap((b, i) => group('branch', nodes(b, `${where}.branches[${i}]`, `${indent}    `), `${indent}  `)), indent);
    }
    throw new Invalid(`${where}.kind must be "layer", "residual" or "concat", not ${describeValue(n.kind)}`);
  };
  const lines = nodes(body, 'spec.body', '  ');
  if (next !== layers.length + 1) throw new Invalid(`spec.body must hold every layer once: it stops at layer ${next - 1} of ${layers.length}`);
  return lines;
}

/** `(N_H, N_W, N_C)` of an image input (spec §8). */
function imageText(image: Record<string, unknown>): string {
  return `(${(['n_H', 'n_W', 'n_C'] as const).map((d) => number(image[d], `spec.image.${d}`)).join(', ')})`;
}

/**
 * A layer's statement, written by its kind (core/layers) from a copy whose every field has been
 * checked to be a name or a finite number: what the message holds beyond that, the checker judges.
 */
function layerText(layer: Record<string, unknown>, i: number): string {
  const where = `spec.layers[${i}]`;
  // a layer without a kind is a course-1 dense layer (messages written before spec §8)
  const kind = layer.kind === undefined ? 'dense' : name(layer.kind, `${where}.kind`);
  if (!isLayerKind(kind)) throw new Invalid(`${where}.kind must be a layer kind (dense, conv2d, max_pool, avg_pool, flatten), not ${describeValue(kind)}`);
  const checked: Record<string, unknown> = { kind };
  for (const [key, value] of Object.entries(layer)) {
    if (key === 'kind' || value === undefined) continue;
    checked[key] = key === 'activation' ? activationOf(record(value, `${where}.activation`), where) : Number(number(value, `${where}.${key}`));
  }
  return kindOf(checked as unknown as LayerSpec).statement(checked as unknown as LayerSpec);
}

function activationOf(activation: Record<string, unknown>, where: string): Activation {
  const checked: Activation = { name: name(activation.name, `${where}.activation.name`) as Activation['name'] };
  if (activation.slope !== undefined) checked.slope = Number(number(activation.slope, `${where}.activation.slope`));
  return checked;
}

function sourceText(source: DataSource, where: string): string {
  if (source.kind === 'csv') return string(source.path, `${where}.path`);
  if (source.kind === 'images') return `images(${string(source.path, `${where}.path`)})`;
  if (source.kind !== 'generator') throw new Invalid(`${where}.kind must be "csv", "images" or "generator"`);
  const args = Object.entries(record(source.args, `${where}.args`)).map(([k, v]) => `${name(k, `${where}.args key`)}: ${number(v, `${where}.args.${k}`)}`);
  return `${name(source.name, `${where}.name`)}(${args.join(', ')})`;
}

function testText(test: TestSource): string {
  return test.kind === 'fraction' ? number(test.value, 'spec.train.test.value') : sourceText(test, 'spec.train.test');
}

/** An OptimizerSpec or DecaySpec as a call, `adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)` from `{kind, …args}`: every argument written, so no default is assumed. */
function callText(value: Record<string, unknown>, where: string): string {
  const { kind, ...args } = value;
  const written = Object.entries(args).map(([k, v]) => `${name(k, `${where} key`)}: ${number(v, `${where}.${k}`)}`);
  const call = name(kind, `${where}.kind`);
  return written.length === 0 ? call : `${call}(${written.join(', ')})`;
}

function initText(init: InitSpec): string {
  const kind = name(init.kind, 'spec.train.init.kind');
  return init.kind === 'random' && init.scale !== undefined ? `${kind}(${number(init.scale, 'spec.train.init.scale')})` : kind;
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Invalid(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function name(value: unknown, where: string): string {
  if (typeof value !== 'string' || !NAME.test(value)) throw new Invalid(`${where} must be a name (letters, digits and _), not ${describeValue(value)}`);
  return value;
}

/** The number as the lexer reads it back exactly (shortest round-trip form: 0.1, 1e-7, -2). */
function number(value: unknown, where: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Invalid(`${where} must be a finite number, not ${describeValue(value)}`);
  return String(value);
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string' || /[\r\n]/.test(value)) throw new Invalid(`${where} must be a string on one line, not ${describeValue(value)}`);
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
