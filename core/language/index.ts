// The language core's entry point: everything the CLI, the extension, the worker and the tests use.

import { readFileSync } from 'node:fs';
import type { AnalyzeOptions, Diagnostic, NetworkInfo } from './api';
import type { SourceFile } from './ast';
import { check } from './checker';
import { diskFiles } from './disk';
import { parse } from './parser';
import { resolver } from './paths';

export interface Analysis {
  ast: SourceFile;
  diagnostics: Diagnostic[];
  networks: NetworkInfo[];
}

/** Parses and checks `.nn` text. Never throws; diagnostics come sorted by position. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const { ast, diagnostics: syntax } = parse(text);
  const files = options.files === undefined ? diskFiles : options.files;
  const { diagnostics, networks } = check(ast, syntax, files, resolver(options.path));
  const all = [...syntax, ...diagnostics].sort((a, b) =>
    a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  return { ast, diagnostics: all, networks };
}

/** Reads a `.nn` file from disk and analyzes it; relative data paths resolve against its folder. */
export function analyzeFile(path: string): Analysis {
  return analyze(readFileSync(path, 'utf8'), { path });
}

export * from './api';
export { diskFiles } from './disk';
export type * from './ast';
export * from './catalog';
export { CODES, type CodeInfo } from './codes';
export { formatText } from './format';
export { expectedShape, formatShape, layerInfo } from './shapes';
export { suggest, editDistance } from './suggest';
