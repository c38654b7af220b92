// Everything the language knows by name, with the course's formulas: the checker takes its valid
// names from here and the extension its hover and completion text, so the two never disagree.

import {
  DEFAULT_RANDOM_SCALE, TRAIN_DEFAULTS,
  type ActivationName, type DecaySpec, type LossName, type OptimizerName,
} from '../foundation/model';
import { findGenerator } from '../data/catalog';
import { LAYER_KINDS, NORMS, onKindRegistered, RETURNS, type ReturnName } from '../layers';
import { ACTIVATION_LIST, type ActivationKind } from '../layers/activations';
import type { NormName } from '../layers/batchNorm';
import { LOSS_KINDS, neededOutput } from '../layers/losses';
import { DEFAULT_OPTIMIZER, OPTIMIZER_KINDS } from '../layers/optimizers';

/** An activation's hover and completion text: its record (core/layers/activations.ts). */
export type ActivationDoc = ActivationKind;

export const ACTIVATION_DOCS: readonly ActivationDoc[] = ACTIVATION_LIST;

export interface LossDoc {
  name: LossName;
  /** J over the m examples */
  cost: string;
  /** the backward pass's first step */
  dZ: string;
  /** the output activation it goes with, if it needs one */
  output?: ActivationName;
  doc: string;
}

/** Each loss's hover and completion text, from its record (core/layers/losses/). */
export const LOSS_DOCS: readonly LossDoc[] = LOSS_KINDS.map((loss) => ({ name: loss.name, cost: loss.formula, dZ: loss.dZ, output: neededOutput(loss), doc: loss.doc }));

export interface InitDoc {
  name: 'zeros' | 'random' | 'xavier' | 'he';
  formula: string;
  doc: string;
}

export const INIT_DOCS: readonly InitDoc[] = [
  { name: 'zeros', formula: 'W[l] = 0', doc: 'Every hidden unit computes the same function and gets the same gradient: symmetry is never broken.' },
  { name: 'random', formula: `W[l] = N(0, 1)·SCALE`, doc: `\`random(SCALE)\`, SCALE defaults to ${DEFAULT_RANDOM_SCALE}. Too large a scale saturates sigmoid and tanh.` },
  { name: 'xavier', formula: 'W[l] = N(0, 1)·√(1/n[l−1])', doc: 'Keeps the variance of Z steady through tanh and sigmoid layers.' },
  { name: 'he', formula: 'W[l] = N(0, 1)·√(2/n[l−1])', doc: 'Keeps the variance of Z steady through relu layers.' },
];

export type SettingValueKind = 'number' | 'integer' | 'source' | 'test' | 'init' | 'string' | 'batch' | 'optimizer' | 'decay';

export interface SettingDoc {
  name: string;
  meaning: string;
  default: string;
  range: string;
  value: SettingValueKind;
  /** what to type after the name */
  syntax: string;
  /** the math it changes, in the course's symbols (the optimizer's rule comes from OPTIMIZER_DOCS) */
  rule?: string[];
}

export const SETTING_DOCS: readonly SettingDoc[] = [
  { name: 'data', value: 'source', syntax: 'data flower(m: 400) | data "file.csv"', default: 'none (required to train)',
    range: 'a generator call or a CSV path relative to the .nn file', meaning: 'the training examples' },
  { name: 'test', value: 'test', syntax: 'test 0.2 | test moons(m: 100) | test "test.csv"', default: 'none',
    range: 'a fraction in (0, 1) of data held out, a generator call or a CSV path', meaning: 'the test examples' },
  { name: 'init', value: 'init', syntax: 'init zeros | random | random(SCALE) | xavier | he', default: 'he for relu-family layers, xavier for the others',
    range: 'zeros, random, random(SCALE > 0), xavier, he', meaning: 'how W[l] starts (b[l] starts at 0)' },
  { name: 'weights', value: 'string', syntax: 'weights "FILE.json"', default: 'none',
    range: 'a JSON file of W1, b1, … relative to the .nn file', meaning: 'initial W and b from a file (overrides init)' },
  { name: 'learning_rate', value: 'number', syntax: 'learning_rate 0.01', default: String(TRAIN_DEFAULTS.learningRate),
    range: '> 0', meaning: 'α in W := W − α·dW' },
  { name: 'iterations', value: 'integer', syntax: 'iterations 1000', default: String(TRAIN_DEFAULTS.iterations),
    range: 'an integer ≥ 1', meaning: 'gradient-descent steps' },
  { name: 'batch', value: 'batch', syntax: 'batch 64 | batch full', default: String(TRAIN_DEFAULTS.batch),
    range: 'an integer ≥ 1, or full', meaning: 'examples per step (mini-batch)' },
  { name: 'seed', value: 'integer', syntax: 'seed 1', default: String(TRAIN_DEFAULTS.seed),
    range: 'an integer ≥ 0', meaning: 'seed for initialisation, generated data and shuffling' },
  { name: 'log_every', value: 'integer', syntax: 'log_every 100', default: String(TRAIN_DEFAULTS.logEvery),
    range: 'an integer ≥ 1', meaning: 'record the cost every N iterations' },
  { name: 'optimizer', value: 'optimizer', syntax: 'optimizer gd | momentum(beta: B) | rmsprop(beta: B, epsilon: E) | adam(beta1: B1, beta2: B2, epsilon: E)',
    default: DEFAULT_OPTIMIZER.kind, range: `${OPTIMIZER_KINDS.map((o) => o.name).join(', ').replace(/, (\w+)$/, ' or $1')}, each argument named and optional (β in [0, 1), ε > 0)`,
    meaning: 'the update rule of every W[l] and b[l]' },
  { name: 'l2', value: 'number', syntax: 'l2 0.7', default: '0', range: 'λ ≥ 0', meaning: 'λ of L2 regularization',
    rule: ['J = J + (λ/(2m))·Σ_l ‖W[l]‖²_F', 'dW[l] = dW[l] + (λ/m)·W[l]  (b is not regularized)'] },
  { name: 'decay', value: 'decay', syntax: 'decay inverse(rate: R, every: K) | exponential(rate: R, every: K)', default: 'none (α stays constant)',
    range: 'inverse: rate ≥ 0; exponential: 0 < rate ≤ 1; every: an integer ≥ 1 (default 1)', meaning: 'the learning-rate schedule over the iterations i = 0, 1, …' },
];

/**
 * A named argument of an optimizer or decay call and the rule it must follow (the checker's codes:
 * beta NN411, epsilon NN412, rate NN414, every NN415). `default` undefined: the argument is required.
 */
export interface ParamDoc {
  name: string;
  /** how the course writes it */
  symbol: string;
  default?: number;
  check: 'beta' | 'epsilon' | 'inverseRate' | 'exponentialRate' | 'every';
  doc: string;
}

export interface OptimizerDoc {
  name: OptimizerName;
  params: ParamDoc[];
  /** the update of W[l] (b[l] the same with db[l]), in the course's symbols */
  rule: string[];
  /** the moving averages it keeps per parameter: v_dW[l] and v_db[l], s_dW[l] and s_db[l] */
  state: ('v' | 's')[];
  doc: string;
}

/** Each optimizer's hover and completion text, from its record (core/layers/optimizers/). */
export const OPTIMIZER_DOCS: readonly OptimizerDoc[] = OPTIMIZER_KINDS.map((o) => ({ name: o.name, params: [...o.params], rule: [...o.rule], state: [...o.moments], doc: o.doc }));

export interface DecayDoc {
  name: DecaySpec['kind'];
  params: ParamDoc[];
  rule: string;
  doc: string;
}

const every: ParamDoc = { name: 'every', symbol: 'K', default: 1, check: 'every', doc: 'iterations between two changes of α; an integer ≥ 1' };

export const DECAY_DOCS: readonly DecayDoc[] = [
  { name: 'inverse', rule: 'α_i = α / (1 + R·⌊i/K⌋)',
    params: [{ name: 'rate', symbol: 'R', check: 'inverseRate', doc: 'decay rate; ≥ 0 (0 keeps α)' }, every],
    doc: 'α shrinks as 1/(1 + R·⌊i/K⌋): the course\'s α = α₀ / (1 + decay_rate·epoch_num) with K iterations per epoch.' },
  { name: 'exponential', rule: 'α_i = α·R^⌊i/K⌋',
    params: [{ name: 'rate', symbol: 'R', check: 'exponentialRate', doc: 'factor per K iterations; in (0, 1]' }, every],
    doc: 'α is multiplied by R every K iterations: the course\'s α = 0.95^epoch_num·α₀.' },
];

export interface LayerOptionDoc {
  name: string;
  syntax: string;
  range: string;
  rule: string[];
  doc: string;
  /**
   * A word-valued option (`norm: batch`, `return: last`): its words, in the order whose index the
   * kind's `spec` receives (NORMS, RETURNS), each with its meaning; the checker, completion, hover
   * and the grammar take them from here.
   */
  values?: readonly WordValueDoc[];
  /** what an unknown word is called in NN419's message (`unknown normalization \`bach\``) */
  noun?: string;
  /** why the word takes no arguments, when a user might try some (`norm: batch(0.1)`) */
  noArgs?: string;
  /** whether the value changes the layer's output shape: then a broken one stops the shapes there */
  shapes?: boolean;
}

export interface WordValueDoc {
  name: string;
  /** the shape or formula it gives, in the course's symbols */
  rule: string;
  doc: string;
}

const NORM_VALUES: Readonly<Record<NormName, Omit<WordValueDoc, 'name'>>> = {
  batch: { rule: 'μ, σ² of Z[l] over the mini-batch', doc: 'Batch normalization (course 2, week 3).' },
};

const RETURN_VALUES: Readonly<Record<ReturnName, Omit<WordValueDoc, 'name'>>> = {
  sequence: { rule: 'A[l] = (a⟨1⟩, …, a⟨T_x⟩): (n_a, m, T_x)', doc: 'Every step\'s a⟨t⟩ (many-to-many): for a per-step `dense`, a character model, or another recurrent layer. The default.' },
  last: { rule: 'A[l] = a⟨T_x⟩: (n_a, m)', doc: 'The last step\'s a⟨T_x⟩ only (many-to-one): for one prediction per sequence, as the adding problem or sentiment. With `bidirectional`, a→⟨T_x⟩ and a←⟨1⟩ joined.' },
};

export const LAYER_OPTION_DOCS: readonly LayerOptionDoc[] = [
  { name: 'keep_prob', syntax: 'keep_prob: 0.8', range: '0 < keep_prob ≤ 1, not on the output layer',
    rule: ['D[l] = (U < keep_prob), U uniform from the seeded stream', 'A[l] = A[l] ⊙ D[l] / keep_prob', 'dA[l] = dA[l] ⊙ D[l] / keep_prob'],
    doc: 'Inverted dropout on A[l] while training: each unit is kept with probability keep_prob. Never applied when predicting or measuring accuracy.' },
  { name: 'norm', syntax: 'norm: batch', range: '`batch`, with mini-batches of at least 2 examples',
    rule: ['Z_norm = (Z[l] − μ) / √(σ² + ε), ε = 1e-5', 'Z̃[l] = γ[l]·Z_norm + β[l]', 'A[l] = g(Z̃[l])'],
    doc: 'Batch normalization (course 2, week 3): μ and σ² of Z[l] over the mini-batch, per unit (dense) or per channel (conv2d); γ[l] and β[l] are learned and β[l] replaces b[l]. Predictions, accuracy and the test set use the running statistics (momentum 0.1), as PyTorch\'s BatchNorm in eval mode.',
    values: NORMS.map((name) => ({ name, ...NORM_VALUES[name] })), noun: 'normalization', noArgs: 'ε = 1e-5 and momentum 0.1 are fixed (spec §13)' },
  { name: 'return', syntax: 'return: sequence | last', range: '`sequence` (the default) or `last`',
    rule: RETURNS.map((name) => `${name}: ${RETURN_VALUES[name].rule}`),
    doc: 'What a recurrent layer hands on (course 5, week 1): every step\'s a⟨t⟩, or only the last step\'s for many-to-one.',
    values: RETURNS.map((name) => ({ name, ...RETURN_VALUES[name] })), noun: 'return value', shapes: true },
];

/** A word-valued layer option's doc (`norm`, `return`), or undefined for any other name. */
export function wordOption(name: string): (LayerOptionDoc & { values: readonly WordValueDoc[] }) | undefined {
  const d = LAYER_OPTION_DOCS.find((x) => x.name === name);
  return d?.values ? { ...d, values: d.values } : undefined;
}

/** A named argument of `input sequence(…)` or `input tokens(…)` (spec §14): a positive integer, required. */
export interface InputArgDoc {
  name: string;
  /** how the course writes it */
  symbol: string;
  doc: string;
}

/** `input sequence(steps: T_x, features: n_x)` and `input tokens(steps: T_x, vocab: V)` (spec §14). */
export interface InputFormDoc {
  name: 'sequence' | 'tokens';
  syntax: string;
  /** what completion writes after `input ` */
  snippet: string;
  params: readonly InputArgDoc[];
  doc: string;
}

const steps: InputArgDoc = { name: 'steps', symbol: 'T_x', doc: 'the number of time steps of every example' };

export const INPUT_FORM_DOCS: readonly InputFormDoc[] = [
  { name: 'sequence', syntax: 'input sequence(steps: T_x, features: n_x)', snippet: 'sequence(steps: ${1:10}, features: ${2:3})',
    params: [steps, { name: 'features', symbol: 'n_x', doc: 'the numbers x⟨t⟩ holds at each step' }],
    doc: 'A sequence input (course 5): x is (n_x, m, T_x), x⟨t⟩ (n_x, m) at step t; PyTorch and Keras hold it batch-first, (m, T_x, n_x). A CSV row holds it time-major: step 1\'s n_x values, then step 2\'s, …' },
  { name: 'tokens', syntax: 'input tokens(steps: T_x, vocab: V)', snippet: 'tokens(steps: ${1:25}, vocab: ${2:27})',
    params: [steps, { name: 'vocab', symbol: 'V', doc: 'the vocabulary size: tokens are the integers 0…V−1' }],
    doc: 'Integer tokens 0…V−1 (course 5): each step is one token, one-hot x⟨t⟩ (V, m) in meaning; an `embedding` right after it looks each up. Kept as ids, (T_x, m); PyTorch holds them as (m, T_x).' },
];

export interface FlagDoc {
  name: string;
  rule: string;
  doc: string;
}

/** The words that stand alone on a layer line (spec §14–15); a kind's LayerForm.flags says which it takes. */
export const FLAG_DOCS: readonly FlagDoc[] = [
  { name: 'bidirectional', rule: 'A[l]⟨t⟩ = [a→⟨t⟩; a←⟨t⟩]: 2·n_a rows',
    doc: 'A second set of weights (keys with `_rev`) runs from t = T_x down to 1; both directions\' a⟨t⟩ are joined (course 5, week 1).' },
  { name: 'causal', rule: 'S_j[t, t′] = −∞ for t′ > t',
    doc: 'Each step attends only to itself and the steps before it, as a decoder does (course 5, week 4).' },
];

/**
 * The options of `conv2d` and the pools (spec §8): they share the `NAME: value` form with the shape
 * annotations. `layers` says which statements take it.
 */
export interface WindowOptionDoc {
  name: 'f' | 'stride' | 'pad';
  /** how the course writes it in the output-size formula */
  symbol: string;
  syntax: string;
  default: string;
  range: string;
  layers: readonly string[];
  doc: string;
}

const WINDOW_OPTIONS: readonly Omit<WindowOptionDoc, 'layers'>[] = [
  { name: 'f', symbol: 'f[l]', syntax: 'f: 5', default: 'none (required)', range: 'an integer ≥ 1, at most the padded input',
    doc: 'The filter (window) size: each output looks at an f × f patch of the input.' },
  { name: 'stride', symbol: 's[l]', syntax: 'stride: 1', default: '1 for conv2d, f for the pools', range: 'an integer ≥ 1',
    doc: 'How far the window moves between two outputs. A stride that does not fit leaves the last rows or columns unused (a warning).' },
  { name: 'pad', symbol: 'p[l]', syntax: 'pad: 0 | same | valid', default: '0 (valid)', range: 'an integer ≥ 0, `same` or `valid`',
    doc: 'Zeros added on each side of the height and width before the convolution.' },
];

/** The window options, each with the statements whose form takes it. */
export const WINDOW_OPTION_DOCS: readonly WindowOptionDoc[] = WINDOW_OPTIONS.map((d) =>
  ({ ...d, layers: LAYER_KINDS.filter((k) => k.form.options.includes(d.name)).map((k) => k.kind) }));

/** The words `pad:` takes besides a number. */
export const PAD_DOCS: readonly { name: 'same' | 'valid'; rule: string; doc: string }[] = [
  { name: 'same', rule: 'p = (f − 1)/2', doc: 'Padding that keeps n_H and n_W: needs an odd f and stride 1 (then n_H[l] = n_H[l−1]).' },
  { name: 'valid', rule: 'p = 0', doc: 'No padding: the window stays inside the input, so n_H shrinks by f − 1 (with stride 1).' },
];

/** The named arguments a call written after `setting` takes (a generator, optimizer or decay), or undefined. */
export function callParams(setting: string, callee: string): readonly { name: string; default?: number; doc: string }[] | undefined {
  switch (setting) {
    case 'data':
    case 'test':
      return findGenerator(callee)?.params;
    case 'optimizer':
      return OPTIMIZER_DOCS.find((d) => d.name === callee)?.params;
    case 'decay':
      return DECAY_DOCS.find((d) => d.name === callee)?.params;
    default:
      return undefined;
  }
}

export interface KeywordDoc {
  name: string;
  syntax: string;
  doc: string;
}

/** The groups of spec §12: what hover and completion say about each keyword. */
const GROUP_DOCS: readonly KeywordDoc[] = [
  { name: 'residual', syntax: 'residual ACT { BODY [shortcut { SHORTCUT }] }',
    doc: 'A residual (skip) connection, ResNet\'s block: out = g(BODY(x) + SHORTCUT(x)). Without `shortcut` the shortcut is the identity, so BODY must keep the shape of its input. No l of its own.' },
  { name: 'shortcut', syntax: 'shortcut { … }',
    doc: 'The last part of a `residual`: the path x takes around the body when the shapes change, typically `conv2d N_C linear f: 1 stride: S` (ResNet\'s convolutional block). Its layers are numbered after the body\'s.' },
  { name: 'concat', syntax: 'concat { branch { … } branch { … } … }',
    doc: 'Parallel branches (Inception): every branch gets the same input; their outputs are joined along channels (volumes) or units (vectors), in branch order. No l of its own.' },
  { name: 'branch', syntax: 'branch { … }', doc: 'One path of a `concat`. An empty `branch { }` passes its input on unchanged (the identity).' },
  { name: 'repeat', syntax: 'repeat N { … }', doc: 'N copies of the body one after the other, each with its own parameters (and its own l).' },
  { name: 'block', syntax: 'block NAME(P1, P2, …) { … }',
    doc: 'A reusable group of statements at file level, with integer parameters usable wherever a layer takes a number; `NAME(a, b, …)` in a network stands for its statements. A block may use other blocks, never itself.' },
];

export const KEYWORD_DOCS: readonly KeywordDoc[] = [
  { name: 'network', syntax: 'network NAME { … }', doc: 'A network: `input`, then its layers in order, an optional `loss` and `train` block.' },
  { name: 'input', syntax: 'input N | input (N_H, N_W, N_C) | input sequence(steps: T_x, features: n_x) | input tokens(steps: T_x, vocab: V)', doc: 'n[0] = N features per example, so X = A[0] is (n[0], m); or an image of N_H × N_W pixels with N_C channels, so X is (m, n_H[0], n_W[0], n_C[0]); or a sequence, x (n_x, m, T_x); or integer tokens 0…V−1, one per step. Exactly once, before the first layer.' },
  ...LAYER_KINDS.map(({ kind, syntax, doc }) => ({ name: kind, syntax, doc })),
  ...GROUP_DOCS,
  { name: 'loss', syntax: 'loss LOSS', doc: 'The cost function. Optional: sigmoid output → cross_entropy, softmax → softmax_cross_entropy, else mse.' },
  { name: 'train', syntax: 'train { … }', doc: 'How to train the network: data, init, learning_rate, iterations, …' },
];

/** The groups of spec §12 and the file-level `block`: statements that hold statements and have no l. */
export const GROUP_KEYWORDS: readonly string[] = ['residual', 'shortcut', 'concat', 'branch', 'repeat'];

/** Every layer statement (spec §3, §8): l counts them all. */
export const LAYER_KEYWORDS: readonly string[] = LAYER_KINDS.map((k) => k.kind);

export const STATEMENT_KEYWORDS: readonly string[] = ['input', ...LAYER_KEYWORDS, 'loss', 'train'];

// A kind registered at run time (core/layers registerKind) joins these lists where its built-in
// peers are, after the last layer and before `loss`: the parser, checker, formatter, hover,
// completion and grammar read them.
onKindRegistered(({ kind, syntax, doc }) => {
  (LAYER_KEYWORDS as string[]).push(kind);
  (STATEMENT_KEYWORDS as string[]).splice(STATEMENT_KEYWORDS.indexOf('loss'), 0, kind);
  (KEYWORD_DOCS as KeywordDoc[]).splice(KEYWORD_DOCS.findIndex((d) => d.name === 'loss'), 0, { name: kind, syntax, doc });
});

export interface AnnotationDoc {
  name: string;
  /** the course's shape, in n[l] terms */
  shape: string;
  doc: string;
}

export const ANNOTATION_DOCS: readonly AnnotationDoc[] = [
  { name: 'W', shape: '(n[l], n[l−1])', doc: 'weights of layer l' },
  { name: 'b', shape: '(n[l], 1)', doc: 'biases of layer l, broadcast over the m columns' },
  { name: 'Z', shape: '(n[l], m)', doc: 'Z[l] = W[l]·A[l−1] + b[l]' },
  { name: 'A', shape: '(n[l], m)', doc: 'A[l] = g[l](Z[l])' },
  { name: 'dZ', shape: '(n[l], m)', doc: 'gradient of the cost with respect to Z[l]' },
  { name: 'dA', shape: '(n[l], m)', doc: 'gradient of the cost with respect to A[l]' },
  { name: 'dW', shape: '(n[l], n[l−1])', doc: 'dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ' },
  { name: 'db', shape: '(n[l], 1)', doc: 'db[l] = (1/m)·Σ over columns of dZ[l]' },
];

export const ACTIVATION_NAMES: readonly string[] = ACTIVATION_LIST.map((g) => g.name);
export const LOSS_NAMES: readonly string[] = LOSS_KINDS.map((loss) => loss.name);
export const INIT_NAMES: readonly string[] = INIT_DOCS.map((d) => d.name);
export const SETTING_NAMES: readonly string[] = SETTING_DOCS.map((d) => d.name);
export const ANNOTATION_NAMES: readonly string[] = ANNOTATION_DOCS.map((d) => d.name);
export const OPTIMIZER_NAMES: readonly string[] = OPTIMIZER_DOCS.map((d) => d.name);
export const DECAY_NAMES: readonly string[] = DECAY_DOCS.map((d) => d.name);
export const LAYER_OPTION_NAMES: readonly string[] = LAYER_OPTION_DOCS.map((d) => d.name);
export const FLAG_NAMES: readonly string[] = FLAG_DOCS.map((d) => d.name);
export const INPUT_FORM_NAMES: readonly string[] = INPUT_FORM_DOCS.map((d) => d.name);
/** Every word a word-valued layer option takes (`batch`, `sequence`, `last`). */
export const OPTION_VALUE_NAMES: readonly string[] = LAYER_OPTION_DOCS.flatMap((d) => (d.values ?? []).map((v) => v.name));
export const WINDOW_OPTION_NAMES: readonly string[] = WINDOW_OPTION_DOCS.map((d) => d.name);
export const PAD_NAMES: readonly string[] = PAD_DOCS.map((d) => d.name);
