// The messages between the extension and the network diagram's page ("NN: Show Network
// Diagram"), typed in one place as protocol.ts types the training panel's. The page draws what the
// language server's `nn/shapes` answered (DiagramData) and marks the statement under the cursor.

import type { DiagramData } from './format/shapesJson';

/** Extension → page. */
export type DiagramMessage =
  /** the network under the cursor (none: `note` says why), in the file `file` (for the title) */
  | { type: 'diagram'; uri: string; file: string; network?: string; data?: DiagramData; note?: string; line?: number }
  /** the cursor moved to `line` (1-based) of the file shown */
  | { type: 'cursor'; line?: number };

/** What the page drew, counted in the page itself (the integration tests read it). */
export interface DiagramDrawn {
  network?: string;
  /** `kind l` of each layer box, in order */
  layers: string[];
  /** the shape on each arrow into a layer box: `l2 m,24,24,6` */
  arrows: string[];
  frames: string[];
  /** the data-id of what is marked as under the cursor */
  current?: string;
}

/** Page → extension. */
export type DiagramIntent =
  | { type: 'ready' }
  /** a box was clicked: show its line (1-based) in the editor */
  | { type: 'reveal'; line: number }
  | { type: 'drawn'; drawn: DiagramDrawn };

/** An intent from the page, or a sentence saying why it is not one (the page is not trusted blindly). */
export function checkDiagramIntent(message: unknown): DiagramIntent | string {
  const m = message as Partial<Record<string, unknown>> | null;
  if (!m || typeof m !== 'object') return 'not an object';
  if (m.type === 'ready') return { type: 'ready' };
  if (m.type === 'reveal') return Number.isSafeInteger(m.line) && (m.line as number) >= 1 ? { type: 'reveal', line: m.line as number } : 'reveal: line must be a whole number from 1';
  if (m.type === 'drawn') return m.drawn && typeof m.drawn === 'object' ? { type: 'drawn', drawn: m.drawn as DiagramDrawn } : 'drawn: what was drawn must be an object';
  return `unknown intent ${String(m.type)}`;
}
