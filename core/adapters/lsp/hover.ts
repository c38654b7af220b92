// Hover: the course's shapes and formulas for whatever is under the cursor. On a layer line of any
// kind, every matrix of layer l in symbols and numbers (with the optimizer's v_dW[l], s_dW[l] and
// dropout's D[l] when there are any), the output-size formula and the parameter count; on `input`,
// X; on an annotation, its rule; on an activation, loss, init, setting, optimizer, decay, layer
// option or generator, its formula and meaning (all text from core).

import type { Hover, MarkupContent, Position as LspPosition } from 'vscode-languageserver';
import { escapeBrackets } from '../../services/format/markdown';
import { thousands } from '../../foundation/numbers';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { NetworkInfo, Position, Range } from '../../language/api';
import type { CallValue, LayerNode } from '../../language/ast';
import { ACTIVATION_DOCS, INIT_DOCS, KEYWORD_DOCS, LOSS_DOCS } from '../../language/catalog';
import { decayLines, flagLines, layerOptionLines, optimizerLines, optionValueLines, settingLines, windowOptionLines } from '../../language/explain';
import {
  annotationLines, examplesLine, imageInputLines, inputShapeOf, layerHoverLines, networkSizes, sequenceInputLines, tokensInputLines, vectorInputLines,
} from '../../language/hoverLayer';
import { isLayer, layerShapes, statementLayer } from '../../language/layerShapes';
import type { LayerShapes } from '../../layers';
import type { Analysis } from '../../language';
import { firstUseLine, groupInBlockLines, locateInBlock, unusedLines, useLines, usesOf } from './blockHover';
import { groupHoverLines, groupOf, isGroup } from '../../language/groupShapes';
import { findGenerator } from '../../data/catalog';
import type { Analyses } from './analyses';
import { contains, fromLspPosition, toLspRange } from './convert';
import { locate } from './locate';

export class ShapeHoverProvider {
  constructor(private readonly analyses: Analyses) {}

  provideHover(doc: TextDocument, position: LspPosition): Hover | undefined {
    const p = fromLspPosition(position);
    const analysis = this.analyses.get(doc);
    const where = locate(analysis, p);
    if (!where) return this.blockHover(analysis, p);
    const { node, info, statement } = where;
    if (contains(node.keywordRange, p)) return keywordHover('network', node.keywordRange);
    if (info && contains(node.nameRange, p)) return hover(networkMarkdown(info), node.nameRange);
    if (!statement) return undefined;
    const at = (r: Range | undefined) => r !== undefined && contains(r, p);

    if (isLayer(statement)) {
      const context = { network: node.name, m: info?.m, optimizer: info?.optimizer };
      return this.layerHover(statement, statementLayer(info, statement), at, (layer) => layer && layerHoverLines(layer, context));
    }
    const group = isGroup(statement) ? groupOf(info, statement) : undefined;
    if (group && info) return lineHover(groupHoverLines(group, info), statement.kind === 'use' ? statement.range : statement.keywordRange);
    if (isGroup(statement)) return keywordHover(statement.kind === 'use' ? 'block' : statement.kind, statement.keywordRange);
    switch (statement.kind) {
      case 'input':
        return hover(inputMarkdown(info), statement.range);
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
      default:
        return undefined;
    }
  }

  /**
   * A line inside a `block` definition (spec §12): the hover its kind gives at a network's line, for
   * the block's first use, then every use's l and shapes; unused, the keyword's syntax and the block
   * parameters its sizes wait for (core/adapters/lsp/blockHover.ts).
   */
  private blockHover(analysis: Analysis, p: Position): Hover | undefined {
    const inside = locateInBlock(analysis, p);
    if (!inside) return undefined;
    const { block, statement } = inside;
    if (contains(block.keywordRange, p)) return keywordHover('block', block.keywordRange);
    if (!statement) return undefined;
    const at = (r: Range | undefined) => r !== undefined && contains(r, p);
    const group = groupInBlockLines(block, statement, analysis.networks);
    if (group) return lineHover(group, statement.kind === 'use' ? statement.range : statement.keywordRange);
    if (!isLayer(statement)) {
      const keyword = keywordLines(statement.kind === 'use' ? 'block' : statement.kind);
      return keyword && lineHover([...keyword, ...unusedLines(block, statement)], statement.keywordRange);
    }
    const uses = usesOf(analysis.networks, statement);
    if (uses.length === 0) {
      const keyword = keywordLines(statement.kind);
      const whole = keyword && [...keyword, ...unusedLines(block, statement)];
      return this.layerHover(statement, undefined, at, () => whole);
    }
    const { network, layer } = uses[0];
    const context = { network: network.name, m: network.m, optimizer: network.optimizer };
    return this.layerHover(statement, layerShapes(layer), at,
      (shapes) => shapes && [firstUseLine(block, uses), '', ...layerHoverLines(shapes, context), ...useLines(uses)]);
  }

  /**
   * A layer line of any kind, word by word: an annotation, an option's name (`keep_prob`, `f`,
   * `stride`, `pad`) or a word value (`same`, `valid`) and the activation explain themselves;
   * anything else on the line shows `whole(layer)` (when the checker resolved it) or else the keyword's syntax.
   */
  private layerHover(
    statement: LayerNode, layer: LayerShapes | undefined, at: (r: Range | undefined) => boolean,
    whole: (layer: LayerShapes | undefined) => string[] | undefined,
  ): Hover | undefined {
    const annotation = statement.annotations.find((a) => at(a.range));
    if (annotation) return lineHover(annotationLines(annotation.name, layer), annotation.range);
    const option = statement.options.find((o) => at(o.range));
    if (option && at(option.nameRange)) return lineHover(windowOptionLines(option.name) ?? layerOptionLines(option.name), option.nameRange);
    if (option?.value?.kind === 'call' && at(option.value.range)) return lineHover(optionValueLines(option.name, option.value.name), option.value.range);
    const flag = statement.flags.find((f) => at(f.range));
    if (flag) return lineHover(flagLines(flag.name), flag.range);
    const activation = 'activation' in statement ? statement.activation : undefined;
    if (activation && at(activation.nameRange)) return callHover(activation, 'activation');
    return lineHover(whole(layer), statement.range) ?? keywordHover(statement.kind, statement.keywordRange);
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

function mLine(info: NetworkInfo): string {
  return examplesLine(info.m);
}

function networkMarkdown(info: NetworkInfo): MarkupContent {
  const sizes = networkSizes(inputShapeOf(info), info.layers.map((l) => l.output));
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
  const context = { network: info.name, m: info.m };
  if (info.image) return md(imageInputLines(info.image, context));
  if (info.sequence) return md(sequenceInputLines(info.sequence, context));
  if (info.tokens) return md(tokensInputLines(info.tokens, context));
  return md(vectorInputLines(info.inputSize, context));
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

function keywordLines(name: string): string[] | undefined {
  const d = KEYWORD_DOCS.find((x) => x.name === name);
  return d && [`**${d.name}**`, '', `\`${d.syntax}\``, '', d.doc];
}

function keywordHover(name: string, range: Range): Hover | undefined {
  return lineHover(keywordLines(name), range);
}
