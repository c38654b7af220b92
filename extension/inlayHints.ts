// At the end of each `dense` line: `W (4, 2) · b (4, 1)`, the shapes the course asks students to
// work out by hand; at the end of a conv2d, pool or flatten line its output volume. Off with
// `nnStudio.inlayHints.enabled`.

import * as vscode from 'vscode';
import { thousands } from '../core/format/numbers';
import type { Analyses } from './analysis';
import { expectedShape, formatShape, parameterShapes } from '../core/language/shapes';
import { layerHint, layerHintTooltip } from '../core/language/hoverLayer';
import { isLayer, statementLayer } from '../core/language/layerShapes';
import { infoOf } from './locate';

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
    const analysis = this.analyses.get(doc);
    for (const node of analysis.ast.networks) {
      // From the syntax, not the checker's layers: an error elsewhere must not hide the shapes that still resolve.
      const shapes = parameterShapes(node);
      for (const [dense, layer] of shapes) {
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
      // conv2d, pools, flatten (their output volume) and a dense layer after flatten: from the checker.
      const info = infoOf(analysis, node);
      for (const s of node.statements) {
        const line = s.range.end.line - 1;
        if (!isLayer(s) || (s.kind === 'dense' && shapes.has(s)) || line < range.start.line || line > range.end.line) continue;
        const layer = statementLayer(info, s);
        const text = layer && layerHint(layer, new Set(s.annotations.map((a) => a.name)));
        if (!layer || !text) continue;
        const hint = new vscode.InlayHint(doc.lineAt(line).range.end, text);
        hint.paddingLeft = true;
        hint.tooltip = layerHintTooltip(layer);
        hints.push(hint);
      }
    }
    return hints;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
