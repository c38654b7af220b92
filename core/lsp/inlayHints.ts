// At the end of each `dense` line: `W (4, 2) · b (4, 1)`, the shapes the course asks students to
// work out by hand. Off with `nnStudio.inlayHints.enabled`.

import * as vscode from 'vscode';
import { thousands } from '../core/format/numbers';
import type { Analyses } from './analysis';
import { expectedShape, formatShape, parameterShapes } from '../core/language/shapes';

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
    const hints: vscode.InlayHint[] = [];
    for (const node of this.analyses.get(doc).ast.networks) {
      // From the syntax, not the checker's layers: an error elsewhere must not hide the shapes that still resolve.
      for (const [dense, layer] of parameterShapes(node)) {
        const line = dense.range.end.line - 1;
        if (line < range.start.line || line > range.end.line) continue;
        // Like a type hint, a shape the line already states is not repeated (the checker verifies it).
        const shown = HINTED.filter((name) => !dense.annotations.some((a) => a.name === name));
        if (shown.length === 0) continue;
        const hint = new vscode.InlayHint(doc.lineAt(line).range.end, shown.map((name) => `${name} ${formatShape(...layer[name])}`).join(' · '));
        hint.paddingLeft = true;
        const rule = (name: string) => `${name}[${layer.index}] is ${expectedShape(name, layer.index, layer.units, layer.previousUnits)!.rule}`;
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
