// Diagnostics as the command line prints them (spec §7): `FILE:LINE:COL: SEVERITY CODE: MESSAGE`,
// or with --json the objects `{file, line, column, endLine, endColumn, severity, code, message}`.

import { reason } from '../../data/read';
import type { Diagnostic } from '../../language';

export interface CliDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
}

export function toCli(file: string, d: Diagnostic): CliDiagnostic {
  const { start, end } = d.range;
  return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, severity: d.severity, code: d.code, message: d.message };
}

export function formatLine(d: CliDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
}

/** The diagnostic for a .nn file that cannot be read at all. */
export function unreadable(file: string, error: unknown): CliDiagnostic {
  const why = reason(error);
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'NN501', message: `cannot read ${file}: ${why}` };
}

export function summary(diagnostics: readonly CliDiagnostic[], files: number): string {
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  if (count('info') > 0) parts.push(`${count('info')} info`);
  return `${plural(files, 'file')} checked: ${parts.join(', ')}`;
}

/** JSON with two-space indentation but arrays of numbers and strings on one line: `"W": [20, 12288]`. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, inner: string) => `[${inner.replace(/\s*\n\s*/g, ' ')}]`);
}
