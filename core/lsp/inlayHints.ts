// At the end of each `dense` line: `W (4, 2) · b (4, 1)`, the shapes the course asks students to
// work out by hand. Off with `nnStudio.inlayHints.enabled` (the server asks before calling this).

import type { InlayHint, Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { thousands } from '../format/numbers';
import type { Analyses } from './analyses';
import { lineText } from './convert';
import { expectedShape, formatShape, parameterShapes } from '../language/shapes';

/** The matrices whose shapes the hint shows: the parameters (Z, A, … follow from them and m). */
const HINTED = ['W', 'b'] as const;

export class ShapeHintProvider {
  constructor(private readonly analyses: Analyses) {}

  provideInlayHints(doc: TextDocument, range: LspRange): InlayHint[] {
    const hints: InlayHint[] = [];
    for (const node of this.analyses.get(doc).ast.networks) {
      // From the syntax, not the checker's layers: an error elsewhere must not hide the shapes that still resolve.
      for (const [dense, layer] of parameterShapes(node)) {
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
    }
    return hints;
  }
}
