// The Outline: each network and each block definition (spec §12), with its input, its layers (every kind by one path, from its record),
// loss and train block (and the train settings).

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { thousands } from '../../foundation/numbers';
import type { LayerNode, NetworkNode, Statement } from '../../language/ast';
import type { NetworkInfo, Range } from '../../language/api';
import type { Analyses } from './analyses';
import { toLspRange } from './convert';
import { describeLayer, features, type LayerShapes } from '../../layers';
import { layerHint, onColumns } from '../../language/hoverLayer';
import { isLayer, layerShapes, statementLayer } from '../../language/layerShapes';
import { groupHint, groupLayers, groupOf, isGroup } from '../../language/groupShapes';

export class SymbolProvider {
  constructor(private readonly analyses: Analyses) {}

  provideDocumentSymbols(doc: TextDocument): DocumentSymbol[] {
    const { ast, networks } = this.analyses.get(doc);
    const blocks = ast.blocks.map((block) => {
      // a block's layers have no shapes of their own (they follow from each use's arguments)
      const symbol = documentSymbol(`block ${block.name || '(unnamed)'}`, `(${block.params.map((p) => p.name).join(', ')})`, SymbolKind.Function,
        block.range, block.name ? block.nameRange : block.keywordRange);
      symbol.children.push(...statementSymbols(block.statements, undefined, null));
      return symbol;
    });
    const all = [...ast.networks.map((node) => networkSymbol(node, networks.find((n) => n.name === node.name))), ...blocks];
    return all.sort((a, b) => a.range.start.line - b.range.start.line);
  }
}

/** A symbol with children to fill, as VS Code's DocumentSymbol constructor makes one. */
function documentSymbol(name: string, detail: string, kind: SymbolKind, range: Range, selectionRange: Range): DocumentSymbol & { children: DocumentSymbol[] } {
  return { name, detail, kind, range: toLspRange(range), selectionRange: toLspRange(selectionRange), children: [] };
}

function networkSymbol(node: NetworkNode, info: NetworkInfo | undefined): DocumentSymbol {
  const detail = info ? `${thousands(info.params)} parameters` : '';
  const symbol = documentSymbol(node.name || '(unnamed)', detail, SymbolKind.Class,
    node.range, node.name ? node.nameRange : node.keywordRange);
  symbol.children.push(...statementSymbols(node.statements, info));
  return symbol;
}

/**
 * The symbols of `statements`: a layer as `layer l` (its l from the checker, so layers after a group
 * or a use keep theirs), a group with its statements nested, a use with the layers it expands to.
 */
function statementSymbols(statements: readonly Statement[], info: NetworkInfo | undefined, counted: { l: number } | null = { l: 0 }): DocumentSymbol[] {
  return statements.flatMap((s): DocumentSymbol[] => {
    if (isLayer(s)) {
      const layer = statementLayer(info, s);
      // a block's layers have an l only in each use
      if (counted) counted.l = layer?.l ?? counted.l + 1;
      return [layerSymbol(s, counted?.l, layer)];
    }
    if (isGroup(s)) {
      const group = groupOf(info, s);
      const name = s.kind === 'use' ? `${s.name}(${s.args.map((a) => a.text).join(', ')})` : s.kind;
      const symbol = documentSymbol(name, group ? groupHint(group) : '', SymbolKind.Module, s.range, s.keywordRange);
      symbol.children.push(...(s.kind === 'use'
        ? (group && info ? groupLayers(group, info).map((l) => layerSymbol(undefined, l.index, layerShapes(l), s.range)) : [])
        : statementSymbols(s.statements, info, counted)));
      return [symbol];
    }
    const child = statementSymbol(s);
    return child ? [child] : [];
  });
}

/**
 * `layer l` with its shapes, by the hover's rule: on column vectors as course 1 writes it
 * (`4 relu W (4, 2)`: n[l], g[l] and W[l], whose n[l] says b[l]'s shape), on volumes naming the kind
 * (`conv2d · W (5, 5, 1, 6) · A (m, 24, 24, 6)`). Before the checker resolves the layer, its words.
 * A layer is a part of its network, as a field is of a class (not a method: it does nothing).
 */
function layerSymbol(s: LayerNode | undefined, l: number | undefined, layer: LayerShapes | undefined, at?: Range): DocumentSymbol {
  const detail = layer ? layerDetail(layer) : s ? writtenDetail(s) : '';
  return documentSymbol(l === undefined ? 'layer' : `layer ${l}`, detail, SymbolKind.Field, at ?? s!.range, at ?? s!.keywordRange);
}

function layerDetail(layer: LayerShapes): string {
  if (onColumns(layer) && 'activation' in layer.spec) {
    return `${features(layer.output)} ${layer.spec.activation.name} ${layerHint(layer, new Set(['b']))}`;
  }
  const hint = layerHint(layer);
  const kind = describeLayer(layer).kind;
  return hint ? `${kind} · ${hint}` : kind;
}

/** `dense 4 relu`, `conv2d 6 relu`: what the line says, while its shapes are unknown. */
function writtenDetail(s: LayerNode): string {
  return [s.keyword, (s.units ?? s.filters)?.text, s.activation?.name].filter(Boolean).join(' ');
}

function statementSymbol(s: Statement): DocumentSymbol | undefined {
  const make = (name: string, detail: string, kind: SymbolKind) =>
    documentSymbol(name, detail, kind, s.range, s.keywordRange);
  switch (s.kind) {
    case 'input':
      return make('input', s.size ? `n[0] = ${s.size.text}` : s.image ? `(${s.image.dims.map((d) => d.text).join(', ')})` : s.form ? s.form.name : '', SymbolKind.Field);
    case 'loss':
      return make('loss', s.loss?.name ?? '', SymbolKind.Property);
    case 'train': {
      const train = make('train', '', SymbolKind.Object);
      for (const setting of s.settings) {
        train.children.push(documentSymbol(setting.name, '', SymbolKind.Property,
          setting.range, setting.nameRange));
      }
      return train;
    }
    default:
      return undefined;
  }
}
