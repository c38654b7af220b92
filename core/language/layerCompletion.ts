// Completion on a layer line of any kind (spec §3, §8), from the words before the cursor and the
// kind's form: nothing while its count is typed, activations after it, then the options its form
// takes not written yet (f, stride, pad; keep_prob on a hidden layer; norm), `same`/`valid` after `pad:`,
// and annotations holding the shapes the resolved layer has. Plain suggestions; the language server
// turns them into CompletionItems.

import { describeLayer, kindNamed, type LayerShapes } from '../layers';
import { formatDims } from '../layers/describe';
import { ANNOTATION_DOCS, FLAG_DOCS, LAYER_KEYWORDS, LAYER_OPTION_DOCS, PAD_DOCS, WINDOW_OPTION_DOCS, wordOption } from './catalog';
import type { Token } from './lexer';

export interface Suggestion {
  label: string;
  kind: 'option' | 'value' | 'annotation';
  /** Markdown, the course's brackets not escaped yet */
  doc: string;
  detail: string;
  /** a snippet with tab stops */
  snippet: string;
  /** what the typed word is matched against, when not the label */
  filter?: string;
}

/** What a value typed after each option starts as. */
const OPTION_SNIPPETS: Record<string, string> = {
  f: 'f: ${1:3}',
  stride: 'stride: ${1:1}',
  pad: 'pad: ${1|same,valid,0,1,2|}',
  keep_prob: 'keep_prob: ${1:0.8}',
};

/** What an option starts as: its snippet above, or a word option's choice of its words. */
function optionSnippet(name: string): string {
  const words = wordOption(name)?.values.map((v) => v.name);
  return words ? `${name}: \${1|${words.join(',')}|}` : OPTION_SNIPPETS[name];
}

/**
 * Suggestions on a layer line; `done` is the line's tokens before the cursor without the word being
 * typed. `'activations'` where the form's activation comes (the server has those items); undefined
 * on another statement. `layer` (when the checker resolved the line) gives annotations their
 * shapes; `output` says the line is the output layer, which takes no dropout (NN417).
 */
export function layerSuggestions(done: readonly Token[], layer?: LayerShapes, output = false): Suggestion[] | 'activations' | undefined {
  const keyword = done[0]?.text;
  if (!LAYER_KEYWORDS.includes(keyword)) return undefined;
  const last = done[done.length - 1];
  // Inside `W: (…` a shape is being typed.
  const open = done.map((t) => t.kind).lastIndexOf('(');
  if (open >= 0 && !done.slice(open).some((t) => t.kind === ')')) return [];
  if (last.kind === ':') return optionValues(done[done.length - 2]?.text);
  // The positional parts of the kind's form: a count to type (nothing to offer), then the activation.
  const form = kindNamed(keyword)!.form;
  const words = done.filter((t) => t.kind !== ':' && t.kind !== ',').length;
  if (form.count && words === 1) return [];
  if (form.activation && words === (form.count ? 2 : 1)) return 'activations';
  const written = new Set(done.filter((_t, i) => done[i + 1]?.kind === ':').map((t) => t.text));
  const flagged = new Set(done.filter((t, i) => i > 0 && t.kind === 'name' && done[i + 1]?.kind !== ':' && done[i - 1]?.kind !== ':').map((t) => t.text));
  return [...options(keyword, written, output), ...flags(keyword, flagged), ...annotations(written, layer)];
}

/** The words after `pad:` or a word-valued option's `:` (`norm: batch`, `return: last`). */
function optionValues(option: string | undefined): Suggestion[] {
  if (option === 'pad') return PAD_DOCS.map((d) => ({ label: d.name, kind: 'value', doc: `${d.doc}\n\n\`${d.rule}\``, detail: d.rule, snippet: d.name }));
  const d = option === undefined ? undefined : wordOption(option);
  return d ? d.values.map((v) => ({ label: v.name, kind: 'value', doc: `${v.doc}\n\n\`${v.rule}\``, detail: v.rule, snippet: v.name })) : [];
}

/** The lone words the kind's form takes (`bidirectional`), not written yet. */
function flags(keyword: string, written: ReadonlySet<string>): Suggestion[] {
  return (kindNamed(keyword)!.form.flags ?? []).filter((name) => !written.has(name)).map((name): Suggestion => {
    const d = FLAG_DOCS.find((x) => x.name === name);
    return { label: name, kind: 'option', detail: d?.rule ?? name, doc: d ? `${d.doc}\n\n\`${d.rule}\`` : name, snippet: name };
  });
}

/** The options the kind's form takes, not written yet: its window's, and dropout on a hidden layer. */
function options(keyword: string, written: ReadonlySet<string>, output: boolean): Suggestion[] {
  const form = kindNamed(keyword)!.form;
  const offered = (name: string) => form.options.includes(name) && !written.has(name);
  const window = WINDOW_OPTION_DOCS.filter((d) => offered(d.name)).map((d): Suggestion => ({
    label: `${d.name}:`, kind: 'option', filter: d.name, detail: `${d.syntax}  (default: ${d.default})`,
    doc: `${d.doc}\n\n\`n_H[l] = ⌊(n_H[l−1] + 2·p[l] − f[l])/s[l]⌋ + 1\``,
    snippet: form.snippets?.[d.name] ?? OPTION_SNIPPETS[d.name],
  }));
  // no dropout on the output layer (NN417)
  const layerOptions = LAYER_OPTION_DOCS.filter((d) => offered(d.name) && !(output && d.name === 'keep_prob')).map((d): Suggestion => ({
    label: `${d.name}:`, kind: 'option', filter: d.name, detail: d.syntax,
    doc: `${d.doc}\n\n${d.rule.map((r) => `\`${r}\``).join('\n\n')}`, snippet: optionSnippet(d.name),
  }));
  return [...window, ...layerOptions];
}

/** `W: (5, 5, 1, 6)`, `A: (m, 24, 24, 6)`: the matrices of the resolved layer, in its shapes. */
function annotations(written: ReadonlySet<string>, layer: LayerShapes | undefined): Suggestion[] {
  if (!layer) return [];
  const d = describeLayer(layer);
  // γ[l], β[l] and the running statistics are shown, not annotated
  const annotated = (name: string) => !written.has(name) && ANNOTATION_DOCS.some((a) => a.name === name);
  return d.rows.flatMap((row) => row.names.filter(annotated).map((name): Suggestion => {
    const doc = ANNOTATION_DOCS.find((a) => a.name === name);
    const shape = formatDims(row.dims);
    return {
      label: `${name}:`, kind: 'annotation', filter: name, detail: `${name}: ${shape}  ${row.rule}`,
      doc: `${doc?.doc ?? name}. Here ${name}[${layer.l}] is \`${row.rule} = ${shape}\`.`, snippet: `${name}: ${shape}`,
    };
  }));
}

/** A LeNet-5-style network on 28×28 grayscale digits, offered at the top level: the settings of examples/digits/digits.nn. */
export const LENET_SNIPPET = [
  'network ${1:lenet} {',
  '\tinput (${2:28}, ${3:28}, ${4:1})',
  '\tconv2d 6 relu f: 5',
  '\tmax_pool f: 2',
  '\tconv2d 16 relu f: 5',
  '\tmax_pool f: 2',
  '\tflatten',
  '\tdense 120 relu',
  '\tdense 84 relu',
  '\tdense ${5:10} softmax',
  '',
  '\ttrain {',
  '\t\tdata images("${6:train}")',
  '\t\ttest images("${7:test}")',
  '\t\toptimizer adam',
  '\t\tlearning_rate ${8:0.001}',
  '\t\tbatch ${9:32}',
  '\t\titerations ${10:1500}',
  '\t}',
  '}',
  '$0',
].join('\n');

export const LENET_DOC = 'A LeNet-5-style network for 28×28 grayscale digits: conv2d 6 → max_pool → conv2d 16 → max_pool → flatten → dense 120 → dense 84 → dense 10 softmax (44,426 parameters).';


/** Spec §15's transformer encoder layer, written with §12's blocks, exactly as the spec writes it. */
export const ENCODER_BLOCK = [
  'block encoder(d, h, f) {',
  '  residual linear { self_attention heads: h }',
  '  layer_norm',
  '  residual linear {',
  '    dense f relu',
  '    dense d linear',
  '  }',
  '  layer_norm',
  '}',
].join('\n');

export const ENCODER_DOC = 'A transformer encoder layer (spec §15): multi-head self-attention and a per-step feed-forward pair (dense f relu, dense d linear), each inside a residual and followed by layer_norm. d is the sequence\'s features (d_model), h the heads (h must divide d), f the feed-forward width (often 4·d).';

/**
 * ENCODER_BLOCK as a snippet: the name and each parameter a tab stop, every use of a parameter in
 * the body the same stop, so renaming d renames `dense d linear` with it.
 */
export const ENCODER_SNIPPET = `${ENCODER_BLOCK
  .replace('encoder', '${1:encoder}')
  .replace(/\b[dhf]\b/g, (p) => `\${${'dhf'.indexOf(p) + 2}:${p}}`)}\n$0`;
