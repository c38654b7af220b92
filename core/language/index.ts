// The language core's entry point: everything the CLI, the extension, the worker and the tests use.

import { readRegularFile } from '../data/read';
import type { AnalyzeOptions, Diagnostic, FileAccess, NetworkInfo } from './api';
import type { SourceFile } from './ast';
import { check, type CheckResult } from './checker';
import { diskFiles } from './disk';
import { parse } from './parser';
import { resolver } from '../data/paths';

export interface Analysis {
  ast: SourceFile;
  diagnostics: Diagnostic[];
  networks: NetworkInfo[];
}

/** What checks a parsed file: the checker itself, or the language server's cache of checked networks (core/adapters/lsp/networkChecks.ts). */
export type CheckFile = (ast: SourceFile, syntax: readonly Diagnostic[], files: FileAccess | null, resolve: (p: string) => string) => CheckResult;

/** Parses and checks `.nn` text. Never throws; diagnostics come sorted by position. */
export function analyze(text: string, options: AnalyzeOptions = {}, checkFile: CheckFile = check): Analysis {
  const { ast, diagnostics: syntax } = parse(text);
  const files = options.files === undefined ? diskFiles : options.files;
  const { diagnostics, networks } = checkFile(ast, syntax, files, resolver(options.path));
  const all = [...syntax, ...diagnostics].sort((a, b) =>
    a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  onStartLines(all, text);
  shortQuotes(all);
  return { ast, diagnostics: all, networks };
}

/**
 * A diagnostic underlines text on one line, so the editor's squiggle and the CLI's `line:column`
 * agree on where the mistake is: one on a group written over several lines inside ( … ) ends at
 * the end of its first line. Its fixes keep their whole ranges.
 */
function onStartLines(diagnostics: Diagnostic[], text: string): void {
  let ends: number[] | undefined; // column just past each line's last character
  for (const d of diagnostics) {
    const { start, end } = d.range;
    if (end.line === start.line) continue;
    ends ??= lineEnds(text);
    d.range = { start, end: { line: start.line, column: ends[start.line - 1] } };
  }
}

/** The most of a quoted token a message shows: a pasted megabyte must not become a megabyte message. */
const QUOTE = 40;
// every quote in turn, so the text between two short quotes is never read as a long one
const QUOTED = /`([^`]*)`/g;

/** Shortens each `quoted` token of a message beyond QUOTE characters, with an ellipsis. */
function shortQuotes(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    if (d.message.length <= 4 * QUOTE) continue;
    d.message = d.message.replace(QUOTED, (quote, token: string) => (token.length > QUOTE ? `\`${token.slice(0, QUOTE - 1)}…\`` : quote));
  }
}

/** For each line, the column just past its last character; line breaks as the lexer reads them. */
function lineEnds(text: string): number[] {
  const ends: number[] = [];
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    ends.push(i - lineStart + 1);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lineStart = i + 1;
  }
  ends.push(text.length - lineStart + 1);
  return ends;
}

/** Reads a `.nn` file from disk and analyzes it; relative data paths resolve against its folder. */
export function analyzeFile(path: string): Analysis {
  return analyze(readRegularFile(path, 'source'), { path });
}

export * from './api';
export { diskFiles } from './disk';
export type * from './ast';
export * from './catalog';
export { CODES, type CodeInfo } from './codes';
export { formatText } from './format';
export { expectedShape, formatShape, layerInfo } from './shapes';
export { suggest, editDistance } from './suggest';
