// What each request the server answers needs in its params (LSP 3.17), checked before a handler sees
// them: a client that sends `null` or a position of strings is told so in words (transport.ts).

type Check = (p: Record<string, unknown>) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const isPosition = (v: unknown): boolean => isObject(v) && isCount(v.line) && isCount(v.character);
const isRange = (v: unknown): boolean => isObject(v) && isPosition(v.start) && isPosition(v.end);
const hasDocument: Check = (p) => isObject(p.textDocument) && typeof p.textDocument.uri === 'string';
const hasPosition: Check = (p) => hasDocument(p) && isPosition(p.position);
const hasRange: Check = (p) => hasDocument(p) && isRange(p.range);
const hasContext: Check = (p) => hasRange(p) && isObject(p.context) && Array.isArray(p.context.diagnostics) &&
  (p.context.only === undefined || (Array.isArray(p.context.only) && p.context.only.every((k) => typeof k === 'string')));

const DOCUMENT = '{ textDocument: { uri } }';
const POSITION = '{ textDocument: { uri }, position: { line, character } } (whole numbers ≥ 0)';
const RANGE = '{ textDocument: { uri }, range: { start, end } } (positions of whole numbers ≥ 0)';

const NEEDS: Record<string, [Check, string]> = {
  'textDocument/hover': [hasPosition, POSITION],
  'textDocument/completion': [hasPosition, POSITION],
  'textDocument/inlayHint': [hasRange, RANGE],
  'textDocument/codeAction': [hasContext, '{ textDocument: { uri }, range: { start, end }, context: { diagnostics: [] } }'],
  'textDocument/documentSymbol': [hasDocument, DOCUMENT],
  'textDocument/foldingRange': [hasDocument, DOCUMENT],
  'textDocument/formatting': [hasDocument, DOCUMENT],
  'textDocument/codeLens': [hasDocument, DOCUMENT],
  'nn/networks': [(p) => typeof p.uri === 'string', '{ uri }'],
};

/** Why `params` do not fit the request `method`, as the error's message; undefined when they fit or the method is not checked here. */
export function invalidParams(method: string, params: unknown): string | undefined {
  const needs = NEEDS[method];
  if (!needs || (isObject(params) && needs[0](params))) return undefined;
  return `${method} needs params ${needs[1]}`;
}
