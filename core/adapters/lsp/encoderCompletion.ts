// Issue 22's "completion offers a transformer encoder block as a snippet": at the top level, where a
// `block` definition goes, spec §15's encoder block with its name and d, h, f as tab stops; on a
// line of a network, its use `encoder(d, h, f)` with the values the network has there, and, when
// the file has no `encoder` block yet, the definition appended to the file with it (a use alone
// would be NN240). Once the block is written, the use is offered like any block's (completion.ts).

import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position as LspPosition } from 'vscode-languageserver';
import type { NetworkInfo, Position } from '../../language/api';
import type { BlockDefinition } from '../../language/ast';
import { ENCODER_BLOCK, ENCODER_DOC, ENCODER_SNIPPET } from '../../language/layerCompletion';
import { escapeBrackets } from '../../services/format/markdown';

const NAME = 'encoder';

/** The block definition, beside `network` and `block` at the top level. */
export function encoderDefinition(): CompletionItem {
  return {
    label: NAME, kind: CompletionItemKind.Snippet, detail: 'block: transformer encoder (spec §15)', filterText: `block ${NAME}`,
    documentation: { kind: 'markdown', value: escapeBrackets(`${ENCODER_DOC}\n\n\`\`\`nn\n${ENCODER_BLOCK}\n\`\`\``) },
    insertText: ENCODER_SNIPPET, insertTextFormat: InsertTextFormat.Snippet,
  };
}

/**
 * The use line in a network at `p`, unless the file defines a block of that name (then completion
 * offers that block's own use); `end` is the end of the document, where the definition goes.
 */
export function encoderUse(blocks: readonly BlockDefinition[], info: NetworkInfo | undefined, p: Position, end: LspPosition): CompletionItem | undefined {
  if (blocks.some((b) => b.name === NAME)) return undefined;
  const { d, h, f } = encoderSizes(info, p);
  return {
    label: `${NAME}(d, h, f)`, kind: CompletionItemKind.Snippet, detail: 'transformer encoder layer, with its block (spec §15)', filterText: NAME,
    documentation: { kind: 'markdown', value: escapeBrackets(`${ENCODER_DOC}\n\nAlso adds the block at the end of the file:\n\n\`\`\`nn\n${ENCODER_BLOCK}\n\`\`\``) },
    insertText: `${NAME}(\${1:${d}}, \${2:${h}}, \${3:${f}})`, insertTextFormat: InsertTextFormat.Snippet,
    additionalTextEdits: [{ range: { start: end, end }, newText: `\n${ENCODER_BLOCK}\n` }],
  };
}

/**
 * d: the features of the sequence flowing in at `p` (the last layer above it that gives one, else
 * the input); h: 2 heads when they divide d (the dates example's), else 1; f = 4·d, the
 * transformer paper's feed-forward width.
 */
function encoderSizes(info: NetworkInfo | undefined, p: Position): { d: number; h: number; f: number } {
  const above = info?.layers.filter((l) => l.range.start.line < p.line && l.output.kind === 'sequence').pop();
  const d = above?.output.kind === 'sequence' ? above.output.n : info?.sequence?.n ?? 64;
  return { d, h: d % 2 === 0 ? 2 : 1, f: 4 * d };
}
