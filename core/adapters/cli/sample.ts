// `nn sample FILE [--network NAME] --weights W.json [--length N] [--seed S] [--start TEXT]` (spec §14):
// characters from a trained character model (its `data text(…)` gives the vocabulary), drawn one
// step at a time from the softmax (core/services/sample), printed on stdout. The same seed prints the
// same text; without --seed the network's `seed` is used.

import { resolve } from 'node:path';
import { DataError } from '../../data/dataset';
import { SampleError, SAMPLE_DEFAULTS } from '../../services/sample';
import { sampleSaved } from '../../services/session/sampled';
import { parseArgs, UsageError } from './args';
import { dataErrorLine, fail, runnableSpec } from './network';

export const SAMPLE_USAGE = 'nn sample FILE [--network NAME] --weights W.json [--length N] [--seed S] [--start TEXT]';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, [], ['--network', '--weights', '--length', '--seed', '--start']);
  if (args.files.length !== 1) throw new UsageError('nn sample takes exactly one .nn file');
  const file = args.files[0];
  const weightsFile = args.values.get('--weights');
  if (weightsFile === undefined) throw new UsageError('nn sample needs --weights W.json, the trained weights (nn train FILE --save-weights W.json)');
  const length = wholeNumber('--length', args.values.get('--length'), 1) ?? SAMPLE_DEFAULTS.length;
  const seed = wholeNumber('--seed', args.values.get('--seed'), 0);

  const checked = runnableSpec(file, args.values.get('--network'), { notDone: 'it was not sampled', dataFor: 'to take its characters from' });
  if (!checked) return 1;
  try {
    const text = sampleSaved(checked, resolve(weightsFile), { length, seed, start: args.values.get('--start') });
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return 0;
  } catch (e) {
    if (e instanceof DataError) return fail(dataErrorLine(file, e));
    if (e instanceof SampleError) return fail(`${file}: error: ${e.message}`);
    throw e;
  }
}

/** The option's whole number (at least `least`), undefined when it is not given. */
function wholeNumber(name: string, text: string | undefined, least: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < least) throw new UsageError(`${name} needs a whole number${least > 0 ? ` of at least ${least}` : ''}, not '${text}'`);
  return n;
}
