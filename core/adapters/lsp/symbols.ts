// The Outline: each network, with its input, layers (dense, conv2d, pools, flatten), loss and train
// block (and the train settings).

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { thousands } from '../../foundation/numbers';
import type { NetworkNode, Statement } from '../../language/ast';
import type { NetworkInfo, Range } from '../../language/api';
import type { Analyses } from './analyses';
import { toLspRange } from './convert';
import type { LayerShapes } from '../../layers';
import { layerHint } from '../../language/hoverLayer';
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
    const child = isLayer(s) && s.kind !== 'dense' ? imageLayerSymbol(s, ++l, statementLayer(info, s)) : statementSymbol(s, s.kind === 'dense' ? ++l : 0, info);
    if (child) symbol.children.push(child);
  }
  return symbol;
}

/** conv2d, a pool or flatten: `layer 1` · `conv2d · W (5, 5, 1, 6) · A (m, 24, 24, 6)`. */
function imageLayerSymbol(s: Statement, l: number, layer: LayerShapes | undefined): DocumentSymbol {
  const hint = layer && layerHint(layer);
  return documentSymbol(`layer ${l}`, hint ? `${s.keyword} · ${hint}` : s.keyword, SymbolKind.Field, s.range, s.keywordRange);
}

function statementSymbol(s: Statement, l: number, info: NetworkInfo | undefined): DocumentSymbol | undefined {
  const make = (name: string, detail: string, kind: SymbolKind) =>
    documentSymbol(name, detail, kind, s.range, s.keywordRange);
  switch (s.kind) {
    case 'input':
      return make('input', s.size ? `n[0] = ${s.size.text}` : s.image ? `(${s.image.dims.map((d) => d.text).join(', ')})` : '', SymbolKind.Field);
    case 'dense': {
      const layer = info?.layers.find((x) => x.index === l);
      const detail = [s.units?.text, s.activation?.name, layer && `W (${layer.W.join(', ')})`].filter(Boolean).join(' ');
      // A layer is a part of its network, as a field is of a class (not a method: it does nothing).
      return make(`layer ${l}`, detail, SymbolKind.Field);
    }
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
