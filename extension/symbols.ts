// The Outline: each network, with its input, layers (dense, conv2d, pools, flatten), loss and train
// block (and the train settings).

import * as vscode from 'vscode';
import { thousands } from '../core/format/numbers';
import type { NetworkNode, Statement } from '../core/language/ast';
import type { NetworkInfo } from '../core/language/api';
import type { Analyses } from './analysis';
import { toVsRange } from './convert';
import type { LayerShapes } from '../core/layers';
import { layerHint } from '../core/language/hoverLayer';
import { isLayer, statementLayer } from '../core/language/layerShapes';

export class SymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly analyses: Analyses) {}

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    const { ast, networks } = this.analyses.get(doc);
    return ast.networks.map((node) => networkSymbol(node, networks.find((n) => n.name === node.name)));
  }
}

function networkSymbol(node: NetworkNode, info: NetworkInfo | undefined): vscode.DocumentSymbol {
  const detail = info ? `${thousands(info.params)} parameters` : '';
  const symbol = new vscode.DocumentSymbol(node.name || '(unnamed)', detail, vscode.SymbolKind.Class,
    toVsRange(node.range), toVsRange(node.name ? node.nameRange : node.keywordRange));
  let l = 0;
  for (const s of node.statements) {
    const child = isLayer(s) && s.kind !== 'dense' ? imageLayerSymbol(s, ++l, statementLayer(info, s)) : statementSymbol(s, s.kind === 'dense' ? ++l : 0, info);
    if (child) symbol.children.push(child);
  }
  return symbol;
}

/** conv2d, a pool or flatten: `layer 1` · `conv2d · W (5, 5, 1, 6) · A (m, 24, 24, 6)`. */
function imageLayerSymbol(s: Statement, l: number, layer: LayerShapes | undefined): vscode.DocumentSymbol {
  const hint = layer && layerHint(layer);
  return new vscode.DocumentSymbol(`layer ${l}`, hint ? `${s.keyword} · ${hint}` : s.keyword, vscode.SymbolKind.Field, toVsRange(s.range), toVsRange(s.keywordRange));
}

function statementSymbol(s: Statement, l: number, info: NetworkInfo | undefined): vscode.DocumentSymbol | undefined {
  const make = (name: string, detail: string, kind: vscode.SymbolKind) =>
    new vscode.DocumentSymbol(name, detail, kind, toVsRange(s.range), toVsRange(s.keywordRange));
  switch (s.kind) {
    case 'input':
      return make('input', s.size ? `n[0] = ${s.size.text}` : s.image ? `(${s.image.dims.map((d) => d.text).join(', ')})` : '', vscode.SymbolKind.Field);
    case 'dense': {
      const layer = info?.layers.find((x) => x.index === l);
      const detail = [s.units?.text, s.activation?.name, layer && `W (${layer.W.join(', ')})`].filter(Boolean).join(' ');
      // A layer is a part of its network, as a field is of a class (not a method: it does nothing).
      return make(`layer ${l}`, detail, vscode.SymbolKind.Field);
    }
    case 'loss':
      return make('loss', s.loss?.name ?? '', vscode.SymbolKind.Property);
    case 'train': {
      const train = make('train', '', vscode.SymbolKind.Object);
      for (const setting of s.settings) {
        train.children.push(new vscode.DocumentSymbol(setting.name, '', vscode.SymbolKind.Property,
          toVsRange(setting.range), toVsRange(setting.nameRange)));
      }
      return train;
    }
    default:
      return undefined;
  }
}
