// What hover and completion say about course 2's settings (spec §9): each setting, optimizer, decay
// and layer option with its update rule in the course's symbols, and the moving averages an optimizer
// keeps per layer. Plain lines of Markdown (the extension escapes the course's brackets), built from
// the catalog so the checker, hover and completion never disagree.

import type { OptimizerSpec } from '../foundation/model';
import { DEFAULT_OPTIMIZER } from '../layers/optimizers';
import { DECAY_DOCS, FLAG_DOCS, LAYER_OPTION_DOCS, OPTIMIZER_DOCS, PAD_DOCS, SETTING_DOCS, WINDOW_OPTION_DOCS, wordOption, type ParamDoc } from './catalog';

const code = (line: string) => `\`${line}\``;

function paramTable(params: readonly ParamDoc[]): string[] {
  if (params.length === 0) return [];
  return ['', '| argument | default | |', '|---|---|---|', ...params.map((p) => `| \`${p.name}\` (${p.symbol}) | ${p.default ?? 'required'} | ${p.doc} |`)];
}

/** `optimizer adam`: its update rule of W[l] (b[l] alike), the arguments and their defaults. */
export function optimizerLines(name: string): string[] | undefined {
  const d = OPTIMIZER_DOCS.find((x) => x.name === name);
  if (!d) return undefined;
  return [`**optimizer ${d.name}**`, '', ...d.rule.map(code), '', `b[l] is updated the same way with db[l]. ${d.doc}`, ...paramTable(d.params)];
}

/** `decay inverse(…)`: α_i over the iterations i, and the arguments. */
export function decayLines(name: string): string[] | undefined {
  const d = DECAY_DOCS.find((x) => x.name === name);
  if (!d) return undefined;
  return [`**decay ${d.name}**`, '', code(d.rule), '', `i = 0, 1, … counts the iterations (one per batch). ${d.doc}`, ...paramTable(d.params)];
}

/**
 * A setting's meaning, syntax, rule and range. For `optimizer` the rule is the one of the optimizer
 * written after it (`value`), or of gd when none is.
 */
export function settingLines(name: string, value?: string): string[] | undefined {
  const d = SETTING_DOCS.find((x) => x.name === name);
  if (!d) return undefined;
  const rule = name === 'optimizer'
    ? (OPTIMIZER_DOCS.find((o) => o.name === value) ?? OPTIMIZER_DOCS[0]).rule
    : name === 'decay'
      ? [DECAY_DOCS.find((o) => o.name === value)?.rule ?? DECAY_DOCS.map((o) => `${o.name}: ${o.rule}`).join(';  ')]
      : d.rule ?? [];
  return [`**${d.name}**: ${d.meaning}`, '', code(d.syntax), ...(rule.length > 0 ? ['', ...rule.map(code)] : []), '', `Values: ${d.range}. Default: ${d.default}.`];
}

/** `keep_prob: P` on a layer line. */
export function layerOptionLines(name: string): string[] | undefined {
  const d = LAYER_OPTION_DOCS.find((x) => x.name === name);
  return d && [`**${d.name}**`, '', code(d.syntax), '', ...d.rule.map(code), '', `${d.doc} Values: ${d.range}.`];
}

/** The moving averages `optimizer` keeps for parameter `theta` (W or b) of layer l: v_dW[l], s_dW[l]… */
export function optimizerState(optimizer: OptimizerSpec | undefined, theta: 'W' | 'b', l: number): string[] {
  const d = OPTIMIZER_DOCS.find((x) => x.name === (optimizer ?? DEFAULT_OPTIMIZER).kind)!;
  return d.state.map((avg) => `${avg}_d${theta}[${l}]`);
}

/** `f: 5`, `stride: 2`, `pad: same` on a conv2d or pool line: what the option means and its default. */
export function windowOptionLines(name: string): string[] | undefined {
  const d = WINDOW_OPTION_DOCS.find((x) => x.name === name);
  return d && [
    `**${d.name}** (${d.symbol} in the formula)`, '', code(d.syntax), '', code('n_H[l] = ⌊(n_H[l−1] + 2·p[l] − f[l])/s[l]⌋ + 1'), '',
    `${d.doc} Values: ${d.range}. Default: ${d.default}. On ${d.layers.map(code).join(', ')}.`,
  ];
}

/** The word after an option's `:`: `same` / `valid` after `pad:`, `batch` after `norm:`, `last` after `return:`. */
export function optionValueLines(option: string, name: string): string[] | undefined {
  const d = option === 'pad' ? PAD_DOCS.find((x) => x.name === name) : wordOption(option)?.values.find((x) => x.name === name);
  return d && [`**${option}: ${d.name}**`, '', code(d.rule), '', d.doc];
}

/** A lone word on a layer line: `bidirectional`, `causal`. */
export function flagLines(name: string): string[] | undefined {
  const d = FLAG_DOCS.find((x) => x.name === name);
  return d && [`**${d.name}**`, '', code(d.rule), '', d.doc];
}
