// The Outline: each network, with its input, its layers (every kind by one path, from its record),
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
import { isLayer, statementLayer } from '../../language/layerShapes';

export class SymbolProvider {
  constructor(private readonly analyses: Analyses) {}

  provideDocumentSymbols(doc: TextDocument): DocumentSymbol[] {
    const { ast, networks } = this.analyses.get(doc);
    return ast.networks.map((node) => networkSymbol(node, networks.find((n) => n.name === node.name)));
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
  let l = 0;
  for (const s of node.statements) {
    const child = isLayer(s) ? layerSymbol(s, ++l, statementLayer(info, s)) : statementSymbol(s);
    if (child) symbol.children.push(child);
  }
  return symbol;
}

/**
 * `layer l` with its shapes, by the hover's rule: on column vectors as course 1 writes it
 * (`4 relu W (4, 2)`: n[l], g[l] and W[l], whose n[l] says b[l]'s shape), on volumes naming the kind
 * (`conv2d · W (5, 5, 1, 6) · A (m, 24, 24, 6)`). Before the checker resolves the layer, its words.
 * A layer is a part of its network, as a field is of a class (not a method: it does nothing).
 */
function layerSymbol(s: LayerNode, l: number, layer: LayerShapes | undefined): DocumentSymbol {
  return documentSymbol(`layer ${l}`, layer ? layerDetail(layer) : writtenDetail(s), SymbolKind.Field, s.range, s.keywordRange);
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
      return make('input', s.size ? `n[0] = ${s.size.text}` : s.image ? `(${s.image.dims.map((d) => d.text).join(', ')})` : '', SymbolKind.Field);
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
