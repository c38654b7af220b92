// The TextMate grammar of `.nn` (extension/syntaxes/nn.tmLanguage.json), generated from the
// registry by the build (scripts/build.mjs): every name it highlights comes from the kinds, the
// activations and the catalogue, so a new kind is highlighted without anyone editing the grammar.
// test/unit/language/grammar-generated.test.ts checks that the committed file is this one.

import { GENERATORS } from '../data/catalog';
import {
  ACTIVATION_NAMES, ANNOTATION_NAMES, DECAY_NAMES, FLAG_NAMES, GROUP_KEYWORDS, INIT_NAMES, INPUT_FORM_NAMES, LAYER_OPTION_DOCS, LAYER_OPTION_NAMES, LOSS_NAMES,
  OPTIMIZER_NAMES, OPTION_VALUE_NAMES, PAD_NAMES, SETTING_NAMES, STATEMENT_KEYWORDS, WINDOW_OPTION_NAMES,
} from './catalog';

/** `\b(a|b|c)\b`: any of the words, whole. */
const words = (names: readonly string[]): string => `\\b(${names.join('|')})\\b`;
const separator = { name: 'punctuation.separator.key-value.nn' };

/** The grammar as JSON data. */
export function grammar(): object {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'NN',
    scopeName: 'source.nn',
    patterns: [{ include: '#statement' }],
    repository: {
      statement: {
        patterns: ['comment', 'network', 'block', 'annotation', 'word-option', 'layer-option', 'flag', 'input-form', 'keyword', 'activation', 'loss', 'init', 'optimizer', 'padding',
          'generator', 'setting', 'string', 'number', 'named-argument', 'punctuation'].map((rule) => ({ include: `#${rule}` })),
      },
      comment: { match: '(#).*$', name: 'comment.line.number-sign.nn', captures: { 1: { name: 'punctuation.definition.comment.nn' } } },
      network: {
        match: '\\b(network)\\s+([A-Za-z_][A-Za-z0-9_]*)',
        captures: { 1: { name: 'keyword.other.network.nn' }, 2: { name: 'entity.name.type.network.nn' } },
      },
      block: {
        comment: 'A block definition (spec §12): block identity(f, n_C) { … }',
        match: '\\b(block)\\s+([A-Za-z_][A-Za-z0-9_]*)',
        captures: { 1: { name: 'keyword.other.block.nn' }, 2: { name: 'entity.name.function.block.nn' } },
      },
      keyword: { match: words([...STATEMENT_KEYWORDS, ...GROUP_KEYWORDS, 'block']), name: 'keyword.other.nn' },
      activation: { match: words(ACTIVATION_NAMES), name: 'support.function.activation.nn' },
      loss: { match: words(LOSS_NAMES), name: 'support.constant.loss.nn' },
      // `full` is batch's word (spec §9)
      init: { match: words([...INIT_NAMES, 'full']), name: 'support.constant.init.nn' },
      optimizer: {
        comment: 'Optimizers and decay schedules (spec §9): gd, momentum(beta: 0.9), inverse(rate: 1, every: 100)',
        match: words([...OPTIMIZER_NAMES, ...DECAY_NAMES]),
        name: 'support.constant.optimizer.nn',
      },
      generator: { match: `${words(GENERATORS.map((g) => g.name))}(?=\\s*\\()`, name: 'support.function.generator.nn' },
      'input-form': {
        comment: 'A sequence or tokens input (spec §14): input sequence(steps: 10, features: 3), input tokens(steps: 25, vocab: 27)',
        match: `\\b(input)\\s+(${INPUT_FORM_NAMES.join('|')})\\b(?=\\s*\\()`,
        captures: { 1: { name: 'keyword.other.nn' }, 2: { name: 'support.type.input.nn' } },
      },
      setting: { match: words(SETTING_NAMES), name: 'variable.parameter.setting.nn' },
      'named-argument': {
        match: '\\b([A-Za-z_][A-Za-z0-9_]*)\\s*(:)',
        captures: { 1: { name: 'variable.parameter.argument.nn' }, 2: separator },
      },
      annotation: {
        comment: 'A shape the checker verifies: W: (4, m)',
        begin: `\\b(${ANNOTATION_NAMES.join('|')})\\s*(:)\\s*(\\()`,
        beginCaptures: { 1: { name: 'entity.name.tag.matrix.nn' }, 2: separator, 3: { name: 'punctuation.section.parens.begin.nn' } },
        end: '\\)',
        endCaptures: { 0: { name: 'punctuation.section.parens.end.nn' } },
        name: 'meta.annotation.shape.nn',
        patterns: [
          { match: '\\bm\\b', name: 'variable.language.examples.nn' },
          { include: '#number' },
          { match: ',', name: 'punctuation.separator.comma.nn' },
        ],
      },
      'layer-option': {
        comment: 'A layer option (spec §8, §9): keep_prob: 0.8, f: 5, stride: 2, pad: same',
        match: `\\b(${[...LAYER_OPTION_NAMES, ...WINDOW_OPTION_NAMES].join('|')})\\s*(:)`,
        captures: { 1: { name: 'variable.parameter.option.nn' }, 2: separator },
      },
      'word-option': {
        comment: 'A word-valued layer option (spec §13–14): norm: batch, return: last — the word only after its own option (batch is also a setting)',
        match: `\\b(${LAYER_OPTION_DOCS.filter((d) => d.values).map((d) => d.name).join('|')})\\s*(:)\\s*${words(OPTION_VALUE_NAMES)}`,
        captures: { 1: { name: 'variable.parameter.option.nn' }, 2: separator, 3: { name: 'support.constant.option-value.nn' } },
      },
      flag: { comment: 'Words that stand alone on a layer line (spec §14–15): bidirectional, causal', match: words(FLAG_NAMES), name: 'support.constant.flag.nn' },
      padding: { comment: 'The words pad takes (spec §8): pad: same, pad: valid', match: words(PAD_NAMES), name: 'support.constant.padding.nn' },
      string: {
        begin: '"',
        end: '"|$',
        name: 'string.quoted.double.nn',
        patterns: [{ match: '\\\\["\\\\]', name: 'constant.character.escape.nn' }],
      },
      number: { match: '(?<![A-Za-z_0-9.])-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?\\b', name: 'constant.numeric.nn' },
      punctuation: {
        patterns: [
          { match: '[{}]', name: 'punctuation.section.block.nn' },
          { match: '[()]', name: 'punctuation.section.parens.nn' },
          { match: ',', name: 'punctuation.separator.comma.nn' },
        ],
      },
    },
  };
}

/** The file's text: two-space JSON and a final newline. */
export function grammarText(): string {
  return `${JSON.stringify(grammar(), null, 2)}\n`;
}
