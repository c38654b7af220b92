// Hover: the course's shapes and formulas for whatever is under the cursor. On a `dense` line, every
// matrix of layer l in symbols and numbers (with the optimizer's v_dW[l], s_dW[l] and dropout's D[l]
// when there are any); on a conv2d, pool or flatten line its 4-tuples, output-size formula and
// parameter count; on `input`, X; on an annotation, its rule; on an activation, loss, init,
// setting, optimizer, decay, `keep_prob` or generator, its formula and meaning (all text from core).

import type { Hover, MarkupContent, Position as LspPosition } from 'vscode-languageserver';
import { escapeBrackets } from '../../services/format/markdown';
import { thousands } from '../../foundation/numbers';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LayerInfo, NetworkInfo, Range } from '../../language/api';
import type { Annotation, CallValue } from '../../language/ast';
import {
  ACTIVATION_DOCS, ANNOTATION_DOCS, INIT_DOCS, KEYWORD_DOCS, LOSS_DOCS,
} from '../../language/catalog';
import { decayLines, layerOptionLines, optimizerLines, optimizerState, settingLines } from '../../language/explain';
import { examplesLine, imageInputLines, imageLineHover, inputShapeOf, networkSizes } from '../../language/hoverLayer';
import { statementLayer } from '../../language/layerShapes';
import { expectedShape, formatShape } from '../../language/shapes';
import { findGenerator } from '../../data/catalog';
import type { Analyses } from './analyses';
import { contains, fromLspPosition, lineText, toLspRange } from './convert';
import { layerOf, locate } from './locate';

/**
 * The matrices a hover on a layer lists, one row per shape (forward, then backward pass). Rows, not
 * one matrix per row: a short hover fits in an editor made small by a panel beside or below it,
 * where VS Code cuts a tall hover's last lines.
 */
const LAYER_ROWS = [['W', 'dW'], ['b', 'db'], ['Z', 'A', 'dZ']];

export class ShapeHoverProvider {
  constructor(private readonly analyses: Analyses) {}

  provideHover(doc: TextDocument, position: LspPosition): Hover | undefined {
    const p = fromLspPosition(position);
    const where = locate(this.analyses.get(doc), p);
    if (!where) return undefined;
    const { node, info, statement } = where;
    if (contains(node.keywordRange, p)) return keywordHover('network', node.keywordRange);
    if (info && contains(node.nameRange, p)) return hover(networkMarkdown(info), node.nameRange);
    if (!statement) return undefined;
    const at = (r: Range | undefined) => r !== undefined && contains(r, p);

    switch (statement.kind) {
      case 'input':
        return hover(inputMarkdown(info), statement.range);
      case 'dense': {
        const annotation = statement.annotations.find((a) => at(a.range));
        const layer = layerOf(info, statement);
        if (annotation) return hover(annotationMarkdown(annotation, layer), annotation.range);
        const option = statement.options.find((o) => at(o.range));
        if (option) return lineHover(layerOptionLines(option.name), option.range);
        if (statement.activation && at(statement.activation.nameRange)) return callHover(statement.activation, 'activation');
        return layer ? hover(layerMarkdown(layer, info!), statement.range) : keywordHover('dense', statement.keywordRange);
      }
      case 'loss':
        if (statement.loss && at(statement.loss.nameRange)) return callHover(statement.loss, 'loss');
        return keywordHover('loss', statement.keywordRange);
      case 'train': {
        const setting = statement.settings.find((s) => at(s.range));
        if (!setting) return at(statement.keywordRange) ? keywordHover('train', statement.keywordRange) : undefined;
        const value = setting.value?.kind === 'call' ? setting.value : undefined;
        if (value && at(value.range)) {
          if (setting.name === 'optimizer') return lineHover(optimizerLines(value.name), value.nameRange);
          if (setting.name === 'decay') return lineHover(decayLines(value.name), value.nameRange);
          return callHover(value, setting.name === 'init' ? 'init' : 'generator');
        }
        return lineHover(settingLines(setting.name, value?.name), setting.nameRange);
      }
      default: {
        // conv2d, pools, flatten: their text comes from core, word by word.
        const context = { network: node.name, m: info?.m, optimizer: info?.optimizer };
        const h = imageLineHover(lineText(doc, position.line), p.line, p.column, statementLayer(info, statement), context);
        if (!h) return undefined;
        return 'activation' in h ? lineHover(callLines(h.activation, 'activation'), h.range) : lineHover(h.lines, h.range);
      }
    }
  }
}

function hover(markdown: MarkupContent | undefined, range: Range): Hover | undefined {
  return markdown && { contents: markdown, range: toLspRange(range) };
}

function lineHover(lines: string[] | undefined, range: Range): Hover | undefined {
  return lines && hover(md(lines), range);
}

/** Markdown from lines that hold the course's notation: `g[l](Z[l])` must not become a link. */
function md(lines: string[]): MarkupContent {
  return { kind: 'markdown', value: lines.map(escapeBrackets).join('\n') };
}

/** `(n[2], m) = (1, 400)` when m is known, else `(n[2], m) = (1, m)`. */
function shapeWithNumbers(name: string, layer: LayerInfo, m: number | undefined): string {
  const e = expectedShape(name, layer.index, layer.units, layer.W[1])!;
  const cols = e.cols === 'm' ? (m ?? 'm') : e.cols;
  return `${e.rule} = ${formatShape(e.rows, cols)}`;
}

function mLine(info: NetworkInfo): string {
  return examplesLine(info.m);
}

function layerMarkdown(layer: LayerInfo, info: NetworkInfo): MarkupContent {
  const l = layer.index;
  // The optimizer's moving averages have the shape of the parameter they follow (spec §9).
  const state = (name: string) => (name === 'W' || name === 'b' ? optimizerState(info.optimizer, name, l) : []);
  const rows = LAYER_ROWS.map((names) => `| ${[...names.map((name) => `${name}[${l}]`), ...state(names[0])].join(', ')} | \`${shapeWithNumbers(names[0], layer, info.m)}\` |`);
  const p = layer.keepProb;
  const dropout = p === undefined ? [] : [`| D[${l}] | \`${shapeWithNumbers('A', layer, info.m)}\` |`];
  // Short enough for a narrow hover; D[l]'s own rule is in the hover of `keep_prob`.
  const dropoutLine = p === undefined ? [] : ['', `Dropout while training: A[${l}] = A[${l}] ⊙ D[${l}] / ${p}`];
  const act = layer.activation.name + (layer.activation.slope !== undefined ? `(${layer.activation.slope})` : '');
  return md([
    `**Layer ${l}** of \`${info.name}\` · ${act} · n[${l}] = ${layer.units}, n[${l - 1}] = ${layer.W[1]}`,
    '',
    '| matrices | shape |',
    '|---|---|',
    ...rows,
    ...dropout,
    ...dropoutLine,
    '',
    mLine(info),
    '',
    `**${thousands(layer.params)}** parameters: n[${l}]·n[${l - 1}] + n[${l}] = ${layer.units}·${layer.W[1]} + ${layer.units}`,
  ]);
}

function networkMarkdown(info: NetworkInfo): MarkupContent {
  const sizes = networkSizes(inputShapeOf(info.inputSize, info.image), info.layers.map((l) => l.output));
  const loss = info.loss ? `loss \`${info.loss}\`${info.lossInferred ? ' (inferred from the output activation)' : ''}` : 'no loss yet';
  return md([
    `**network ${info.name}**: L = ${info.layers.length}, n = ${sizes}`,
    '',
    `${thousands(info.params)} parameters · ${loss}`,
    '',
    mLine(info),
  ]);
}

function inputMarkdown(info: NetworkInfo | undefined): MarkupContent | undefined {
  if (info?.inputSize === undefined) return undefined;
  if (info.image) return md(imageInputLines(info.image, { network: info.name, m: info.m }));
  return md([
    `**Input** of \`${info.name}\`: n[0] = ${info.inputSize} features per example`,
    '',
    `X = A[0] is \`(n[0], m) = ${formatShape(info.inputSize, info.m ?? 'm')}\`: one column per example.`,
    '',
    mLine(info),
  ]);
}

function annotationMarkdown(a: Annotation, layer: LayerInfo | undefined): MarkupContent | undefined {
  const doc = ANNOTATION_DOCS.find((d) => d.name === a.name);
  if (!doc) return undefined;
  const lines = [`**${a.name}**: ${doc.doc}. The rule: ${a.name}[l] is \`${doc.shape}\`.`];
  if (layer) {
    const e = expectedShape(a.name, layer.index, layer.units, layer.W[1])!;
    lines.push('', `Here ${a.name}[${layer.index}] must be \`${e.rule} = ${formatShape(e.rows, e.cols)}\`.`);
    if (e.cols === 'm') lines.push('', 'A column count of `m` is always right; a number must equal the number of training examples.');
  }
  return md(lines);
}

function callHover(call: CallValue, kind: 'activation' | 'loss' | 'init' | 'generator'): Hover | undefined {
  const lines = callLines(call.name, kind);
  return lines && hover(md(lines), call.nameRange);
}

function callLines(name: string, kind: 'activation' | 'loss' | 'init' | 'generator'): string[] | undefined {
  switch (kind) {
    case 'activation': {
      const d = ACTIVATION_DOCS.find((x) => x.name === name);
      return d && [`**${d.name}** (activation)`, '', `\`${d.formula}\``, '', `\`${d.derivative}\``, '', d.doc];
    }
    case 'loss': {
      const d = LOSS_DOCS.find((x) => x.name === name);
      return d && [`**${d.name}** (loss)`, '', `\`${d.cost}\``, '', `Backward pass: \`${d.dZ}\``, '', d.doc];
    }
    case 'init': {
      const d = INIT_DOCS.find((x) => x.name === name);
      return d && [`**init ${d.name}**`, '', `\`${d.formula}\`, b[l] = 0`, '', d.doc];
    }
    case 'generator': {
      const g = findGenerator(name);
      return g && [
        `**${g.name}(…)** (data generator)`, '', g.doc, '',
        '| argument | default | |', '|---|---|---|',
        ...g.params.map((p) => `| \`${p.name}\` | ${p.default} | ${p.doc} |`),
      ];
    }
  }
}

function keywordHover(name: string, range: Range): Hover | undefined {
  const d = KEYWORD_DOCS.find((x) => x.name === name);
  return d && hover(md([`**${d.name}**`, '', `\`${d.syntax}\``, '', d.doc]), range);
}
