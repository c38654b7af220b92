// `nn shapes FILE [--network NAME] [--json]` (spec §7, §8): every layer's kind, units or filters,
// activation and the shapes of W, b, Z, A, dZ, dW, db (4-tuples for image volumes) with parameter
// counts, as a table or as the spec's JSON; the JSON also lists each layer's trained parameters by
// name and shape (`named`: Wax, Waa, ba of an rnn, E of an embedding, …).

import { parseArgs, UsageError } from './args';
import { chooseNetwork, fail } from './network';
import { formatLine, prettyJson, toCli } from './report';
import { formatShapesTable } from '../../services/format/shapesTable';
import { shapesJson } from '../../services/format/shapesJson';

// Kept importable from here, where it lived before the language server needed it too.
export { shapesJson };

export const SHAPES_USAGE = 'nn shapes FILE [--network NAME] [--json]';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['--json'], ['--network']);
  if (args.files.length !== 1) throw new UsageError('nn shapes takes exactly one .nn file');
  const file = args.files[0];
  const chosen = chooseNetwork(file, args.values.get('--network'));
  if ('failure' in chosen) return fail(chosen.failure);
  const { network } = chosen;
  // Only this network's errors matter for its shapes; print them where a person sees them.
  const errors = chosen.own.filter((d) => d.severity === 'error');
  for (const d of errors) process.stderr.write(`${formatLine(toCli(file, d))}\n`);
  process.stdout.write(args.flags.has('--json') ? `${prettyJson(shapesJson(network))}\n` : `${formatShapesTable(network)}\n`);
  return errors.length > 0 ? 1 : 0;
}
