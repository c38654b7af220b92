// The Outline: each network, with its input, layers, loss and train block (and the train settings).

import * as vscode from 'vscode';
import { thousands } from '../core/format/numbers';
import type { NetworkNode, Statement } from '../core/language/ast';
import type { NetworkInfo } from '../core/language/api';
import type { Analyses } from './analysis';
import { toVsRange } from './convert';

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
    const child = statementSymbol(s, s.kind === 'dense' ? ++l : 0, info);
    if (child) symbol.children.push(child);
  }
  return symbol;
}

function statementSymbol(s: Statement, l: number, info: NetworkInfo | undefined): vscode.DocumentSymbol | undefined {
  const make = (name: string, detail: string, kind: vscode.SymbolKind) =>
    new vscode.DocumentSymbol(name, detail, kind, toVsRange(s.range), toVsRange(s.keywordRange));
  switch (s.kind) {
    case 'input':
      return make('input', s.size ? `n[0] = ${s.size.text}` : '', vscode.SymbolKind.Field);
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
