// Completion on a conv2d, pool or flatten line (spec §8), from the words before the cursor:
// activations after `conv2d N_C`, then the window options not written yet (f, stride, pad; the
// pools take no pad), `same`/`valid` after `pad:`, and annotations holding the shape the layer has.
// Plain suggestions; the extension turns them into CompletionItems.

import { describeLayer, kindNamed, type LayerShapes } from '../layers';
import { formatDims } from '../layers/describe';
import { ANNOTATION_DOCS, IMAGE_LAYER_KEYWORDS, PAD_DOCS, WINDOW_OPTION_DOCS } from './catalog';
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
};

/**
 * Suggestions on an image-layer line; `done` is the line's tokens before the cursor without the word
 * being typed. `'activations'` after `conv2d N_C` (the extension has those items); undefined on
 * another statement. `layer` (when the checker resolved the line) gives annotations their shapes.
 */
export function imageLayerSuggestions(done: readonly Token[], layer?: LayerShapes): Suggestion[] | 'activations' | undefined {
  const keyword = done[0]?.text;
  if (!IMAGE_LAYER_KEYWORDS.includes(keyword)) return undefined;
  const last = done[done.length - 1];
  // Inside `W: (…` a shape is being typed.
  const open = done.map((t) => t.kind).lastIndexOf('(');
  if (open >= 0 && !done.slice(open).some((t) => t.kind === ')')) return [];
  if (last.kind === ':') return done[done.length - 2]?.text === 'pad' ? padValues() : [];
  // The positional parts of the kind's form: a count to type (nothing to offer), then the activation.
  const form = kindNamed(keyword)!.form;
  const words = done.filter((t) => t.kind !== ':' && t.kind !== ',').length;
  if (form.count && words === 1) return [];
  if (form.activation && words === (form.count ? 2 : 1)) return 'activations';
  const written = new Set(done.filter((_t, i) => done[i + 1]?.kind === ':').map((t) => t.text));
  return [...options(keyword, written), ...annotations(written, layer)];
}

function padValues(): Suggestion[] {
  return PAD_DOCS.map((d) => ({ label: d.name, kind: 'value', doc: `${d.doc}\n\n\`${d.rule}\``, detail: d.rule, snippet: d.name }));
}

function options(keyword: string, written: ReadonlySet<string>): Suggestion[] {
  const form = kindNamed(keyword)!.form;
  const own = form.options;
  return WINDOW_OPTION_DOCS.filter((d) => own.includes(d.name) && !written.has(d.name)).map((d) => ({
    label: `${d.name}:`, kind: 'option', filter: d.name, detail: `${d.syntax}  (default: ${d.default})`,
    doc: `${d.doc}\n\n\`n_H[l] = ⌊(n_H[l−1] + 2·p[l] − f[l])/s[l]⌋ + 1\``,
    snippet: form.snippets?.[d.name] ?? OPTION_SNIPPETS[d.name],
  }));
}

/** `W: (5, 5, 1, 6)`, `A: (m, 24, 24, 6)`: the matrices of the resolved layer, in its shapes. */
function annotations(written: ReadonlySet<string>, layer: LayerShapes | undefined): Suggestion[] {
  if (!layer) return [];
  const d = describeLayer(layer);
  return d.rows.flatMap((row) => row.names.filter((name) => !written.has(name)).map((name): Suggestion => {
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

