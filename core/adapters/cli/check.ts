// `nn check FILE… [--json]` (spec §7): every diagnostic of every file; exit 1 if any is an error.

import { readRegularFile } from '../../data/read';
import { analyze } from '../../language';
import { parseArgs, UsageError } from './args';
import { formatLine, prettyJson, summary, toCli, unreadable, type CliDiagnostic } from './report';

export const CHECK_USAGE = 'nn check FILE… [--json]';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['--json']);
  if (args.files.length === 0) throw new UsageError('nn check needs at least one .nn file');
  const all: CliDiagnostic[] = [];
  for (const file of args.files) {
    let text: string;
    try {
      text = readRegularFile(file, 'source');
    } catch (e) {
      all.push(unreadable(file, e));
      continue;
    }
    for (const d of analyze(text, { path: file }).diagnostics) all.push(toCli(file, d));
  }
  if (args.flags.has('--json')) {
    process.stdout.write(`${prettyJson(all)}\n`);
  } else {
    // One write, not one per line: a file with 300,000 mistakes would spend seconds in system calls.
    if (all.length > 0) process.stdout.write(`${all.map(formatLine).join('\n')}\n`);
    process.stderr.write(`${summary(all, args.files.length)}\n`);
  }
  return all.some((d) => d.severity === 'error') ? 1 : 0;
}
