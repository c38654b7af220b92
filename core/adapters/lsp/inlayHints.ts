// At the end of each layer line, whatever its kind: `W (4, 2) · b (4, 1)`, the shapes the course asks
// students to work out by hand, or a conv2d, pool or flatten line's output volume; on a sequence or
// tokens input, x's layout in the course's order and batch-first. Off with
// `nnStudio.inlayHints.enabled` (the server asks before calling this).

import type { InlayHint, Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyses } from './analyses';
import { lineText } from './convert';
import { syntaxShapes } from '../../language/shapes';
import { inputHint, layerHint, layerHintTooltip } from '../../language/hoverLayer';
import { isLayer, statementLayer } from '../../language/layerShapes';
import { infoOf } from './locate';
import { allStatements, groupHint, groupOf, isGroup } from '../../language/groupShapes';

export class ShapeHintProvider {
  constructor(private readonly analyses: Analyses) {}

  provideInlayHints(doc: TextDocument, range: LspRange): InlayHint[] {
    const hints: InlayHint[] = [];
    const analysis = this.analyses.get(doc);
    for (const node of analysis.ast.networks) {
      const info = infoOf(analysis, node);
      // The checker's layers stop at the first broken one (a network to train needs all of them);
      // the lines still give the shapes of the layers after it.
      const fromSyntax = syntaxShapes(node);
      for (const s of allStatements(node.statements)) {
        const line = s.range.end.line - 1;
        const group = isGroup(s) ? groupOf(info, s) : undefined;
        // a group's closing line (a use's own line) shows what it gives
        if (group && line >= range.start.line && line <= range.end.line) {
          hints.push({ position: { line, character: lineText(doc, line).length }, label: groupHint(group), paddingLeft: true });
        }
        if (line < range.start.line || line > range.end.line) continue;
        const input = s.kind === 'input' && info ? inputHint(info) : undefined;
        if (input) hints.push({ position: { line, character: lineText(doc, line).length }, label: input, paddingLeft: true });
        if (!isLayer(s)) continue;
        const layer = statementLayer(info, s) ?? fromSyntax.get(s);
        const label = layer && layerHint(layer, new Set(s.annotations.map((a) => a.name)));
        if (!layer || !label) continue;
        hints.push({ position: { line, character: lineText(doc, line).length }, label, paddingLeft: true, tooltip: layerHintTooltip(layer) });
      }
    }
    return hints;
  }
}
