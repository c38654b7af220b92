// The start of every one-network command (`nn train`, `nn gradcheck`, `nn shapes`): read FILE,
// check it, and choose the network `--network NAME` names, or else the file's first; for the
// commands that run it, refuse one with errors or no data in the same words.

import type { DataError } from '../../data/dataset';
import { WriteRefused } from '../../data/write';
import { printable } from '../../foundation/printable';
import { readRegularFile } from '../../data/read';
import { analyze, type Diagnostic, type NetworkInfo } from '../../language';
import type { NetworkSpec } from '../../foundation/model';
import { formatLine, toCli, unreadable } from './report';

/** The chosen network and its own diagnostics, or the line to print when there is none. */
export type ChosenNetwork = { network: NetworkInfo; own: Diagnostic[] } | { failure: string };

export function chooseNetwork(file: string, wanted: string | undefined): ChosenNetwork {
  let text: string;
  try {
    text = readRegularFile(file, 'source');
  } catch (e) {
    return { failure: formatLine(unreadable(file, e)) };
  }
  const analysis = analyze(text, { path: file });
  const network = wanted === undefined ? analysis.networks[0] : analysis.networks.find((n) => n.name === wanted);
  if (!network) {
    const names = analysis.networks.map((n) => n.name).join(', ');
    return { failure: wanted === undefined ? `${file}: no network in this file` : `${file}: no network named ${wanted} (the file has: ${names || 'none'})` };
  }
  // Only this network's diagnostics concern a command run on it; the other networks' are not its business.
  const own = analysis.diagnostics.filter((d) => d.range.start.line >= network.range.start.line && d.range.start.line <= network.range.end.line);
  return { network, own };
}

/** What a command does with the network, in the words of its refusals. */
export interface Task {
  /** after "has errors, so": 'it was not trained' */
  notDone: string;
  /** after "has no data": 'to train on' */
  dataFor: string;
}

/**
 * The checked spec of the chosen network, its diagnostics printed on stderr as `nn check` prints
 * them; undefined, with the reason printed, when there is no such network, it has errors (any error
 * stops here) or it has no data.
 */
export function runnableSpec(file: string, wanted: string | undefined, task: Task): NetworkSpec | undefined {
  const chosen = chooseNetwork(file, wanted);
  if ('failure' in chosen) return refuse(chosen.failure);
  const { network, own } = chosen;
  for (const d of own) process.stderr.write(`${formatLine(toCli(file, d))}\n`);
  const spec = network.spec;
  if (!spec || own.some((d) => d.severity === 'error')) return refuse(`${file}: network ${network.name} has errors, so ${task.notDone}`);
  if (!spec.train.data) return refuse(`${file}:${network.nameRange.start.line}:${network.nameRange.start.column}: error: network ${spec.name} has no data ${task.dataFor}: add \`data SOURCE\` inside its train { … } block`);
  return spec;
}

/** The line for data that cannot be loaded: at the data file's row and column when it has them, else at FILE. */
export function dataErrorLine(file: string, e: DataError): string {
  const where = e.file ? `${e.file}${e.row ? `:${e.row}:${e.column ?? 1}` : ''}` : file;
  return `${where}: error: ${e.message}`;
}

/** The line for a file not written: a refusal in its own words (core/data/write.ts), else the system's. */
export function writeErrorLine(path: string, what: string, e: unknown): string {
  if (e instanceof WriteRefused) return `${e.path}: error: ${e.reason}`;
  return `${path}: error: cannot write ${what}: ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * Prints one line on stderr with its hidden characters escaped (core/foundation/printable.ts): a file name
 * holding ESC or OSC 52 must not act on the terminal, a CR must not overwrite the line.
 */
export function say(line: string): void {
  process.stderr.write(`${printable(line)}\n`);
}

/** Prints `message` (one line, as say does); returns the exit code of a command that failed. */
export function fail(message: string): number {
  say(message);
  return 1;
}

function refuse(message: string): undefined {
  fail(message);
  return undefined;
}
