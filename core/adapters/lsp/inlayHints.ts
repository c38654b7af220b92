// At the end of each `dense` line: `W (4, 2) · b (4, 1)`, the shapes the course asks students to
// work out by hand; at the end of a conv2d, pool or flatten line its output volume. Off with
// `nnStudio.inlayHints.enabled` (the server asks before calling this).

import type { InlayHint, Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { thousands } from '../../foundation/numbers';
import type { Analyses } from './analyses';
import { lineText } from './convert';
import { expectedShape, formatShape, parameterShapes } from '../../language/shapes';
import { layerHint, layerHintTooltip } from '../../language/hoverLayer';
import { isLayer, statementLayer } from '../../language/layerShapes';
import { infoOf } from './locate';

/** The matrices whose shapes the hint shows: the parameters (Z, A, … follow from them and m). */
const HINTED = ['W', 'b'] as const;

export class ShapeHintProvider {
  constructor(private readonly analyses: Analyses) {}

  provideInlayHints(doc: TextDocument, range: LspRange): InlayHint[] {
    const hints: InlayHint[] = [];
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
        const end = { line, character: lineText(doc, line).length };
        const hint: InlayHint = { position: end, label: shown.map((name) => `${name} ${formatShape(...layer[name])}`).join(' · ') };
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
        const hint: InlayHint = { position: { line, character: lineText(doc, line).length }, label: text, paddingLeft: true };
        hint.tooltip = layerHintTooltip(layer);
        hints.push(hint);
      }
    }
    return hints;
  }
}
