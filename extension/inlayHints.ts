// At the end of each `dense` line: `W (4, 2) · b (4, 1)`, the shapes the course asks students to
// work out by hand. Off with `nnStudio.inlayHints.enabled`.

import * as vscode from 'vscode';
import { thousands } from '../core/format/numbers';
import type { Analyses } from './analysis';
import { infoOf, layerOf } from './locate';
import { expectedShape, formatShape } from '../core/language/shapes';

/** The matrices whose shapes the hint shows: the parameters (Z, A, … follow from them and m). */
const HINTED = ['W', 'b'] as const;

export class ShapeHintProvider implements vscode.InlayHintsProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly analyses: Analyses) {}

  /** Called when `nnStudio.inlayHints.enabled` changes. */
  refresh(): void {
    this.changed.fire();
  }

  provideInlayHints(doc: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!vscode.workspace.getConfiguration('nnStudio', doc.uri).get<boolean>('inlayHints.enabled', true)) return [];
    const analysis = this.analyses.get(doc);
    const hints: vscode.InlayHint[] = [];
    for (const node of analysis.ast.networks) {
      const info = infoOf(analysis, node);
      for (const s of node.statements) {
        const line = s.range.end.line - 1;
        if (s.kind !== 'dense' || line < range.start.line || line > range.end.line) continue;
        const layer = layerOf(info, s);
        // Like a type hint, a shape the line already states is not repeated (the checker verifies it).
        const shown = HINTED.filter((name) => !s.annotations.some((a) => a.name === name));
        if (!layer || shown.length === 0) continue;
        const hint = new vscode.InlayHint(doc.lineAt(line).range.end, shown.map((name) => `${name} ${formatShape(...layer[name])}`).join(' · '));
        hint.paddingLeft = true;
        const rule = (name: string) => `${name}[${layer.index}] is ${expectedShape(name, layer.index, layer.units, layer.W[1])!.rule}`;
        hint.tooltip = `${HINTED.map(rule).join(', ')}: ${thousands(layer.params)} parameters`;
        hints.push(hint);
      }
    }
    return hints;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
