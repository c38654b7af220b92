// `nn gradcheck FILE [--network NAME] [--epsilon E] [--entries N] [--json]` (spec §9): checks
// backprop's gradient of one network against two-sided differences on its initial weights and prints
// the table (or JSON). Without --entries, a seeded sample sized to finish in seconds (docs/gradcheck.md). Exit 0 when fine or "look closer" (a warning on stderr), 1 on a bug or errors.

import { DataError } from '../../engine';
import type { EntryCheck, GradCheckResult } from '../../engine/gradcheck';
import { formatGradCheck, verdictSentence } from '../../services/format/gradcheck';
import { checkGradients } from '../../services/session/gradcheck';
import { parseArgs, UsageError } from './args';
import { dataErrorLine, fail, runnableSpec, say } from './network';
import { prettyJson } from './report';

export const GRADCHECK_USAGE = 'nn gradcheck FILE [--network NAME] [--epsilon E] [--entries N] [--json]';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['--json'], ['--network', '--epsilon', '--entries']);
  if (args.files.length !== 1) throw new UsageError('nn gradcheck takes exactly one .nn file');
  const file = args.files[0];
  const epsilon = args.values.has('--epsilon') ? positive(args.values.get('--epsilon')!) : undefined;
  const maxEntries = args.values.has('--entries') ? wholeNumber(args.values.get('--entries')!) : undefined;

  const spec = runnableSpec(file, args.values.get('--network'), { notDone: 'its gradient was not checked', dataFor: 'to check its gradient on' });
  if (!spec) return 1;

  let result: GradCheckResult;
  try {
    result = checkGradients(spec, { epsilon, maxEntries }); // refuses, with the figure, data the machine has no memory for
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return fail(dataErrorLine(file, e));
  }
  process.stdout.write(args.flags.has('--json') ? `${prettyJson(gradCheckJson(result))}\n` : `${formatGradCheck(result)}\n`);
  if (result.verdict === 'closer') say(`${file}: warning: ${verdictSentence(result.verdict, result.difference)}`);
  if (result.verdict === 'bug') return fail(`${file}: error: ${verdictSentence(result.verdict, result.difference)}`);
  return 0;
}

/** The result with rows and columns counted from 1 (as the table prints them); NaN as null. */
export function gradCheckJson(r: GradCheckResult) {
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  const entry = (e: EntryCheck) => ({ ...e, row: e.row + 1, col: e.col + 1, at: e.at.map((i) => i + 1), backprop: num(e.backprop), numerical: num(e.numerical) });
  return {
    ...r,
    cost: num(r.cost),
    difference: num(r.difference),
    perParameter: r.perParameter.map((p) => ({ ...p, difference: num(p.difference), worst: p.worst.map(entry) })),
    worst: r.worst.map(entry),
  };
}

function positive(text: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x <= 0) throw new UsageError(`--epsilon needs a positive number such as 1e-7, not '${text}'`);
  return x;
}

function wholeNumber(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new UsageError(`--entries needs a positive whole number such as 20000, not '${text}'`);
  return n;
}
