// `nn export FILE --to pytorch|onnx [--network NAME] [--weights W.json] [-o OUT [--force]] [--float64]`
// (spec §10). pytorch: the training script (and a generator's data as CSV beside it), starting from
// --weights, else the file's `weights`, else the seed's draw, as `nn train` would. onnx: the trained
// network for inference — the weights of --weights (e.g. from `nn train --save-weights`), or else
// the network is trained here first, exactly as `nn train` trains it. Prints each file written.

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { NetworkSpec } from '../../foundation/model';
import { writeFileAtomicSync } from '../../data/write';
import type { WeightsValues } from '../../data/weights';
import { DataError, train } from '../../engine';
import { EXPORT_TARGETS, EXTENSIONS, exportOnnx, exportPytorch, type ExportTarget, type ExportedFile } from '../../services/export';
import { checkedExport } from '../../services/export/write';
import { printable } from '../../foundation/printable';
import { initialWeights } from '../../services/session/initial';
import { loadWithinMemory } from '../../services/session/limits';
import { divergenceMessage } from '../../services/session/divergence';
import { parseArgs, UsageError } from './args';
import { dataErrorLine, fail, runnableSpec, say, writeErrorLine } from './network';

export const EXPORT_USAGE = 'nn export FILE --to pytorch|onnx [--network NAME] [--weights W.json] [-o OUT [--force]] [--float64]';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv.map((a) => (a === '-o' ? '--output' : a)), ['--float64', '--force'], ['--to', '--network', '--weights', '--output']);
  if (args.files.length !== 1) throw new UsageError('nn export takes exactly one .nn file');
  const target = args.values.get('--to');
  if (target === undefined) throw new UsageError('nn export needs --to pytorch or --to onnx');
  if (!EXPORT_TARGETS.includes(target as ExportTarget)) throw new UsageError(`--to takes pytorch or onnx, not '${target}'`);
  if (target === 'pytorch' && args.flags.has('--float64')) throw new UsageError('--float64 is for --to onnx: the PyTorch script trains in float64 unless run with --float32');
  const file = args.files[0];

  const spec = runnableSpec(file, args.values.get('--network'), { notDone: 'it was not exported', dataFor: 'to export' });
  if (!spec) return 1;
  const out = resolve(args.values.get('--output') ?? `${spec.name}${EXTENSIONS[target as ExportTarget]}`);
  const weightsFile = args.values.has('--weights') ? resolve(args.values.get('--weights')!) : undefined;

  let files: ExportedFile[];
  try {
    // a weights file is checked against the network here, with the words `nn train` uses
    const given = weightsFile === undefined ? undefined : initialWeights(withWeights(spec, weightsFile));
    if (target === 'pytorch') {
      files = exportPytorch(spec, out, file, weightsFile);
    } else {
      const trained = given ?? trainHere(spec, file);
      if (!trained) return 2;
      files = exportOnnx(spec, out, trained, { float64: args.flags.has('--float64') });
    }
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return fail(dataErrorLine(file, e));
  }
  try {
    // without -o every name is derived from the network's: none is written through a link
    for (const f of checkedExport(files, { named: args.values.has('--output'), force: args.flags.has('--force') })) {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileAtomicSync(f.path, f.content, f);
      process.stdout.write(`${printable(f.path)}\n`);
    }
  } catch (e) {
    return fail(writeErrorLine(out, 'the export', e));
  }
  return 0;
}

function withWeights(spec: NetworkSpec, weights: string): NetworkSpec {
  return { ...spec, train: { ...spec.train, weights } };
}

/** The weights `nn train` would end with; undefined (the reason printed) when the cost diverges. */
function trainHere(spec: NetworkSpec, file: string): WeightsValues | undefined {
  say(`training network ${spec.name} (${spec.train.iterations} iterations) to export its trained weights; --weights W.json skips this`);
  const result = train(spec, loadWithinMemory(spec), { initial: initialWeights(spec) });
  if (result.divergedAt !== undefined) {
    fail(`${file}: error: ${divergenceMessage(result.finalCost, result.divergedAt, spec.train.learningRate, result.cause)} Nothing was exported.`);
    return undefined;
  }
  return result.weights;
}
