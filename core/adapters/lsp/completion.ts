// Completion in context: `network` at the top level; statement keywords inside a network; on a
// layer line of any kind, what its form takes next (core/language/layerCompletion.ts); losses
// after `loss`; settings inside `train`, and for each setting its values (generators with their
// named arguments as a snippet, init methods, optimizers, decay schedules, CSV/JSON files beside the
// document); inside a call's parentheses, its named arguments.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position as LspPosition } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_LEAKY_SLOPE, DEFAULT_RANDOM_SCALE } from '../../foundation/model';
import type { BlockDefinition, Statement } from '../../language/ast';
import { allStatements } from '../../language/groupShapes';
import {
  ACTIVATION_DOCS, DECAY_DOCS, GROUP_KEYWORDS, INIT_DOCS, INPUT_FORM_DOCS, KEYWORD_DOCS, LAYER_KEYWORDS, LOSS_DOCS, OPTIMIZER_DOCS,
  SETTING_DOCS, STATEMENT_KEYWORDS, callParams, type SettingDoc,
} from '../../language/catalog';
import { kindNamed } from '../../layers';
import { layerSuggestions, LENET_DOC, LENET_SNIPPET, type Suggestion } from '../../language/layerCompletion';
import { isLayer, statementLayer } from '../../language/layerShapes';
import { IMAGES } from '../../language/settings';
import { lex, type Token } from '../../language/lexer';
import { GENERATORS, type GeneratorInfo } from '../../data/catalog';
import { escapeBrackets } from '../../services/format/markdown';
import { filePath, type Analyses } from './analyses';
import { contains, fromLspPosition, lineText } from './convert';
import { locate } from './locate';
import { encoderDefinition, encoderUse } from './encoderCompletion';

const Kind = CompletionItemKind;

export class NnCompletionProvider {
  static readonly triggers = [' ', '(', ',', '"'];

  constructor(private readonly analyses: Analyses) {}

  provideCompletionItems(doc: TextDocument, position: LspPosition): CompletionItem[] {
    const p = fromLspPosition(position);
    const words = lineTokens(lineText(doc, position.line).slice(0, position.character));
    if (words.inComment) return [];
    const analysis = this.analyses.get(doc);
    const where = locate(analysis, p);
    const blocks = analysis.ast.blocks;
    if (!where) {
      if (words.index !== 0) return [];
      // inside a block's body, what a body holds; at file level, a network or a block
      if (blocks.some((b) => contains(b.body.range, p) && b.body.range.start.line < p.line)) return bodyItems(blocks, LAYER_KEYWORDS);
      return [keyword('network'), keyword('block'), lenet(), encoderDefinition()];
    }
    const train = where.node.statements.find((s) => s.kind === 'train' && contains(s.body.range, p));
    if (train) return this.trainItems(doc, position, words);
    if (words.index === 0) {
      const end = doc.positionAt(doc.getText().length);
      const encoder = encoderUse(blocks, where.info, p, end);
      return [...bodyItems(blocks, STATEMENT_KEYWORDS), ...(encoder ? [encoder] : [])];
    }
    const first = words.tokens[0].text;
    const statements = allStatements(where.node.statements);
    const onLine = statements.find((s) => s.range.start.line === p.line);
    // Only the output layer may be softmax (NN203), and it takes no dropout (NN417): the last layer
    // statement, or a line below every layer.
    const layers = statements.filter(isLayer);
    const output = layers.length === 0 || layers[layers.length - 1].range.start.line <= p.line;
    const layer = layerSuggestions(words.current ? words.tokens.slice(0, -1) : words.tokens, onLine && statementLayer(where.info, onLine), output);
    if (layer === 'activations') return activations(output, kindNamed(first)?.form.activation?.only?.names);
    if (layer) return layer.map(suggestion);
    if (first === 'loss' && words.index === 1) return LOSS_DOCS.map((d) => item(d.name, Kind.Value, d.doc, d.cost));
    if (first === 'input' && words.index === 1 && !words.inParens) return inputSizes(where.node.statements);
    if (first === 'input' && words.inParens && words.expectsArgName) {
      // `input sequence(st|`: the form's named sizes, each required (spec §14)
      const form = INPUT_FORM_DOCS.find((d) => d.name === words.callee);
      return form ? callArgs(form.params.map((q) => ({ name: q.name, doc: `${q.symbol}: ${q.doc}` })), words.argNames) : [];
    }
    return [];
  }

  private trainItems(doc: TextDocument, position: LspPosition, words: LineTokens): CompletionItem[] {
    if (words.index === 0) return SETTING_DOCS.map(settingItem);
    const setting = words.tokens[0].text;
    if (words.inParens && words.callee === IMAGES && (setting === 'data' || setting === 'test')) {
      // its one argument, the folder, as a string
      return words.expectsArgName ? folders(doc, position, words) : [];
    }
    if (words.inParens) {
      const params = callParams(setting, words.callee ?? '');
      return params && words.expectsArgName ? callArgs(params, words.argNames) : [];
    }
    if (words.index !== 1) return [];
    switch (setting) {
      case 'data':
      case 'test':
        return [...GENERATORS.map(generator), images(), ...files(doc, position, words, ['.csv'])];
      case 'weights':
        return files(doc, position, words, ['.json']);
      case 'init':
        return INIT_DOCS.map((d) => {
          const it = item(d.name, Kind.EnumMember, d.doc, d.formula);
          if (d.name === 'random') snippet(it, `random(\${1:${DEFAULT_RANDOM_SCALE}})`);
          return it;
        });
      case 'batch':
        return [item('full', Kind.EnumMember, 'every example in each step (batch gradient descent)')];
      case 'optimizer':
        // The bare name: its arguments are optional (`optimizer adam` uses the defaults).
        return OPTIMIZER_DOCS.map((d) => item(d.name, Kind.EnumMember, `${d.doc}\n\n${d.rule.map((r) => `\`${r}\``).join('\n\n')}`,
          d.params.length === 0 ? d.name : `${d.name}(${d.params.map((q) => `${q.name}: ${q.default}`).join(', ')})`));
      case 'decay':
        return DECAY_DOCS.map((d) => {
          const it = item(d.name, Kind.EnumMember, `${d.doc}\n\n\`${d.rule}\``, d.rule);
          snippet(it, `${d.name}(rate: \${1:${d.name === 'inverse' ? 1 : 0.95}}, every: \${2:100})`);
          return it;
        });
      default:
        return [];
    }
  }
}

interface LineTokens {
  tokens: Token[];
  /** which word of the statement the cursor is on: 0 for the keyword */
  index: number;
  /** inside an unclosed `( … )` */
  inParens: boolean;
  /** the name before that `(` */
  callee?: string;
  /** at the start of an argument (after `(` or `,`, or typing its name) */
  expectsArgName: boolean;
  /** named arguments already written in that call */
  argNames: Set<string>;
  /** just after a `NAME:` (outside parentheses: a layer option's or annotation's value comes next) */
  afterColon: boolean;
  /** the token the cursor is in, if any (a half-typed name or string) */
  current?: Token;
  inComment: boolean;
}

/** The tokens that may still be growing under the cursor. */
const PARTIAL = new Set<Token['kind']>(['name', 'number', 'string', 'error']);

/** The core lexer's view of the line up to the cursor. */
function lineTokens(prefix: string): LineTokens {
  const { tokens: all, comments } = lex(prefix);
  const tokens = all.filter((t) => t.kind !== 'newline' && t.kind !== 'eof');
  const last = tokens[tokens.length - 1];
  // Only a word can be half-typed: a `(` or `,` just typed is done, and opens an argument.
  const current = last && last.range.end.column === prefix.length + 1 && PARTIAL.has(last.kind) ? last : undefined;
  const done = current ? tokens.slice(0, -1) : tokens;
  const open = done.map((t) => t.kind).lastIndexOf('(');
  const inParens = open >= 0 && !done.slice(open).some((t) => t.kind === ')');
  const argTokens = inParens ? done.slice(open + 1) : [];
  const argNames = new Set(argTokens.filter((_t, i) => argTokens[i + 1]?.kind === ':').map((t) => t.text));
  const previous = done[done.length - 1];
  return {
    tokens,
    index: inParens ? open : done.filter((t) => t.kind !== ':' && t.kind !== ',').length,
    inParens,
    callee: inParens ? done[open - 1]?.text : undefined,
    expectsArgName: inParens && (previous.kind === '(' || previous.kind === ','),
    argNames,
    afterColon: previous?.kind === ':',
    current,
    inComment: comments.length > 0,
  };
}

function item(label: string, kind: CompletionItemKind, doc: string, detail?: string): CompletionItem {
  const it: CompletionItem = { label, kind, documentation: { kind: 'markdown', value: escapeBrackets(doc) } };
  if (detail) it.detail = detail;
  return it;
}

/** Inserts `text` as a snippet: `${1:default}` tab stops, `${1|a,b|}` choices. */
function snippet(it: CompletionItem, text: string): void {
  it.insertText = text;
  it.insertTextFormat = InsertTextFormat.Snippet;
}

/**
 * What each keyword writes, with tab stops (VS Code turns `\t` into the editor's indentation). The
 * keyword items are the language's only snippets: contributed snippets would show up everywhere
 * (a `dense` layer at the top level, inside `train`) and twice beside the keyword items.
 */
/** ResNet's convolutional block: the body halves n_H and n_W, the shortcut follows it. */
const CONVOLUTIONAL_BLOCK = [
  'residual ${1|relu,linear|} {',
  '\tconv2d ${2:128} relu f: 3 stride: 2 pad: 1',
  '\tconv2d ${2:128} linear f: 3 pad: same',
  '\tshortcut { conv2d ${2:128} linear f: 1 stride: 2 }',
  '}',
].join('\n');

const FIXED_INSERTS: Record<string, string> = {
  network: [
    'network ${1:name} {',
    '\tinput ${2:2}',
    '\tdense ${3:4} ${4|tanh,relu,leaky_relu,sigmoid,linear|}',
    '\tdense ${5:1} ${6|sigmoid,softmax,linear|}',
    '',
    '\ttrain {',
    '\t\tdata ${7:flower(m: 400, noise: 0.2)}',
    '\t\tlearning_rate ${8:1.2}',
    '\t\titerations ${9:10000}',
    '\t}',
    '}',
    '$0',
  ].join('\n'),
  input: 'input ${1:2}',
  // spec §12: ResNet's identity block, Inception's parallel branches, a repeat, a block definition
  residual: ['residual ${1|relu,linear|} {', '\tconv2d ${2:64} relu f: 3 pad: same', '\tconv2d ${2:64} linear f: 3 pad: same', '}'].join('\n'),
  shortcut: 'shortcut { $0 }',
  concat: ['concat {', '\tbranch { conv2d ${1:16} relu f: 1 }', '\tbranch { conv2d ${2:32} relu f: 3 pad: same }', '\tbranch { }', '}'].join('\n'),
  branch: 'branch { $0 }',
  repeat: ['repeat ${1:2} {', '\t$0', '}'].join('\n'),
  block: [
    'block ${1:identity}(${2:n_C}) {',
    '\tresidual relu {',
    '\t\tconv2d ${2:n_C} relu f: 3 pad: same',
    '\t\tconv2d ${2:n_C} linear f: 3 pad: same',
    '\t}',
    '}',
  ].join('\n'),
  loss: 'loss ',
  train: [
    'train {',
    '\tdata ${1:flower(m: 400, noise: 0.2)}',
    '\tinit ${2|he,xavier,random,zeros|}',
    '\tlearning_rate ${3:0.01}',
    '\titerations ${4:1000}',
    '\tseed ${5:1}',
    '}',
  ].join('\n'),
};

/** A layer keyword writes its kind's `insert`, looked up when asked so a kind registered after load has one. */
function keywordInsert(name: string): string {
  return kindNamed(name)?.insert ?? FIXED_INSERTS[name];
}

function keyword(name: string): CompletionItem {
  const d = KEYWORD_DOCS.find((k) => k.name === name)!;
  const it = item(name, Kind.Keyword, d.doc, d.syntax);
  snippet(it, keywordInsert(name));
  // After `loss ` the next word is one of a few names: offer them at once.
  if (name === 'loss') it.command = { command: 'editor.action.triggerSuggest', title: 'Suggest' };
  return it;
}

/**
 * What a line of a network's or a block's body may start with: `keywords`, the groups of spec §12
 * (the residual twice: ResNet's identity block and its convolutional block with a shortcut), and a
 * use of each block of the file, its parameters as tab stops.
 */
function bodyItems(blocks: readonly BlockDefinition[], keywords: readonly string[]): CompletionItem[] {
  const convolutional = item('residual + shortcut', Kind.Snippet, 'ResNet\'s convolutional block: the body halves n_H and n_W, and the shortcut projects x to its shape with a 1×1 convolution.', 'residual ACT { BODY shortcut { … } }');
  snippet(convolutional, CONVOLUTIONAL_BLOCK);
  convolutional.filterText = 'residual';
  const uses = blocks.filter((b) => b.name).map((b) => {
    const params = b.params.map((q) => q.name);
    const it = item(`${b.name}(${params.join(', ')})`, Kind.Function, `The block defined on line ${b.keywordRange.start.line}: its statements, with the arguments in place of ${params.length > 0 ? params.join(', ') : 'nothing'}.`, `block ${b.name}`);
    snippet(it, `${b.name}(${params.map((q, i) => `\${${i + 1}:${q}}`).join(', ')})`);
    it.filterText = b.name;
    return it;
  });
  return [...keywords.map(keyword), ...GROUP_KEYWORDS.map(keyword), convolutional, ...uses];
}

/** A whole LeNet-5 network, beside `network` at the top level. */
function lenet(): CompletionItem {
  const it = item('lenet', Kind.Snippet, LENET_DOC, 'network: LeNet-5 for 28×28 digits');
  snippet(it, LENET_SNIPPET);
  return it;
}

const SUGGESTION_KINDS = { option: Kind.Field, annotation: Kind.Field, value: Kind.EnumMember } as const;

function suggestion(s: Suggestion): CompletionItem {
  const it = item(s.label, SUGGESTION_KINDS[s.kind], s.doc, s.detail);
  snippet(it, s.snippet);
  if (s.filter) it.filterText = s.filter;
  return it;
}

/** The activations a layer may have: the output-only ones (softmax) on the output layer alone; `only` those where its kind says so (`rnn`). */
function activations(output: boolean, only?: readonly string[]): CompletionItem[] {
  return ACTIVATION_DOCS.filter((d) => (output || !d.outputOnly) && (!only || only.includes(d.name))).map((d) => {
    const it = item(d.name, Kind.Function, `${d.doc}\n\n\`${d.formula}\`\n\n\`${d.derivative}\``, d.formula);
    if (d.takesSlope) snippet(it, `${d.name}(\${1:${DEFAULT_LEAKY_SLOPE}})`);
    return it;
  });
}

/**
 * A setting name followed by a space, as `loss` is: where the value is one of a few words or files
 * (data, test, init, weights, batch, optimizer, decay), the list opens at once.
 */
function settingItem(d: SettingDoc): CompletionItem {
  const it = item(d.name, Kind.Property, `${d.meaning}. Default: ${d.default}.`, d.syntax);
  it.insertText = `${d.name} `;
  if (!NUMBER_VALUES.includes(d.value)) it.command = { command: 'editor.action.triggerSuggest', title: 'Suggest' };
  return it;
}

/** Settings whose value is a number typed by hand: nothing to list after their name. */
const NUMBER_VALUES: readonly SettingDoc['value'][] = ['number', 'integer'];

/**
 * After `input `: n[0] as a number (the generator's feature count when `data` names one), an
 * image's (N_H, N_W, N_C), or a sequence or tokens input (spec §14).
 */
function inputSizes(statements: readonly Statement[]): CompletionItem[] {
  const data = statements.flatMap((s) => (s.kind === 'train' ? s.settings : [])).find((x) => x.name === 'data')?.value;
  const g = data?.kind === 'call' ? GENERATORS.find((x) => x.name === data.name) : undefined;
  const args = Object.fromEntries((data?.kind === 'call' ? data.args ?? [] : []).flatMap((a) => (a.name && a.value ? [[a.name, a.value.value]] : [])));
  const n0 = g ? g.features({ ...Object.fromEntries(g.params.map((q) => [q.name, q.default])), ...args }) : 2;
  const vector = item('n[0]', Kind.Value, g ? `${g.name} makes ${n0} features per example: X is (n[0], m).` : 'The number of features per example: X is (n[0], m).', `input ${n0}`);
  snippet(vector, `\${1:${n0}}`);
  vector.filterText = String(n0);
  const image = item('(N_H, N_W, N_C)', Kind.Value, 'An image input of N_H × N_W pixels with N_C channels (spec §8): X is (m, n_H[0], n_W[0], n_C[0]). For `images("…")` data.', 'input (28, 28, 1)');
  snippet(image, '(${1:28}, ${2:28}, ${3:1})');
  image.filterText = '(';
  const forms = INPUT_FORM_DOCS.map((d) => {
    const it = item(`${d.name}(…)`, Kind.Value, d.doc, d.syntax);
    snippet(it, d.snippet);
    it.filterText = d.name;
    return it;
  });
  return [vector, image, ...forms];
}

/** `images("FOLDER")` beside the generators: a folder with one subfolder of images per class (spec §8). */
function images(): CompletionItem {
  const it = item(IMAGES, Kind.Function, 'Image data: a folder with one subfolder of images per class (spec §8), relative to the .nn file.', 'images("FOLDER")');
  snippet(it, `${IMAGES}("$1")`);
  // The folders are offered inside the quotes at once.
  it.command = { command: 'editor.action.triggerSuggest', title: 'Suggest' };
  return it;
}

/** Inside `images("`: the folders beside the document and in its direct subfolders, as quoted paths. */
function folders(doc: TextDocument, position: LspPosition, words: LineTokens): CompletionItem[] {
  return quoted(doc, position, words, listFolders(path.dirname(filePath(doc.uri) ?? '')), Kind.Folder);
}

function listFolders(dir: string): string[] {
  const visible = (e: fs.Dirent) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules';
  return readDir(dir).filter(visible).flatMap((e) => [e.name, ...readDir(path.join(dir, e.name)).filter(visible).map((sub) => `${e.name}/${sub.name}`)]).sort();
}

/** A generator call with every named argument at its default, as tab stops. */
function generator(g: GeneratorInfo): CompletionItem {
  const args = g.params.map((p, i) => `${p.name}: \${${i + 1}:${p.default}}`).join(', ');
  const it = item(g.name, Kind.Function, g.doc, `${g.name}(${g.params.map((p) => `${p.name}: ${p.default}`).join(', ')})`);
  snippet(it, `${g.name}(${args})`);
  return it;
}

/** The named arguments of a generator, optimizer or decay call not written yet. */
function callArgs(params: readonly { name: string; default?: number; doc: string }[], written: Set<string>): CompletionItem[] {
  return params.filter((p) => !written.has(p.name)).map((p) => {
    const value = p.default ?? 1;
    const it = item(p.name, Kind.Field, `${p.doc}. ${p.default === undefined ? 'Required' : `Default ${p.default}`}.`, `${p.name}: ${value}`);
    snippet(it, `${p.name}: \${1:${value}}`);
    return it;
  });
}

/** Files with one of `exts` in the document's folder and its direct subfolders, as quoted paths. */
function files(doc: TextDocument, position: LspPosition, words: LineTokens, exts: string[]): CompletionItem[] {
  const file = filePath(doc.uri);
  return file ? quoted(doc, position, words, listFiles(path.dirname(file), exts), Kind.File) : [];
}

/** Paths as completion items that write them quoted, over the string typed so far. */
function quoted(doc: TextDocument, position: LspPosition, words: LineTokens, paths: string[], kind: CompletionItemKind): CompletionItem[] {
  if (!filePath(doc.uri)) return [];
  // Replace what was typed of the string, and the closing quote the editor may have auto-inserted.
  const typed = words.current?.kind === 'string' || words.current?.kind === 'error' ? words.current : undefined;
  const start = typed ? { line: position.line, character: position.character - typed.text.length } : position;
  const line = lineText(doc, position.line);
  const end = typed && line[position.character] === '"' ? { line: position.line, character: position.character + 1 } : position;
  return paths.map((rel) => ({
    label: rel,
    kind,
    filterText: `"${rel}"`,
    textEdit: { range: { start, end }, newText: `"${rel}"` },
  }));
}

function listFiles(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  const wanted = (name: string) => exts.includes(path.extname(name).toLowerCase());
  for (const entry of readDir(dir)) {
    if (entry.isFile() && wanted(entry.name)) out.push(entry.name);
    else if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
      for (const sub of readDir(path.join(dir, entry.name))) if (sub.isFile() && wanted(sub.name)) out.push(`${entry.name}/${sub.name}`);
    }
  }
  return out.sort();
}

function readDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // an unreadable folder simply offers nothing
  }
}
