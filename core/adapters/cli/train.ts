// `nn train FILE [--network NAME] [--iterations N] [--json] [--save-weights OUT.json]` (spec §7):
// checks the file, trains the chosen network with a progress bar (or plain lines) on stderr and
// prints a summary (or the spec's JSON) on stdout. Exit 1 on errors, 2 when the cost diverges; a
// cost that oscillates or rises gets a warning line on stderr with a hint but keeps exit 0 (the
// run did finish, and its weights may still be what the user wants).

import { weightEntries } from '../../layers';
import { formatWeights } from '../../data/weights';
import { writeFileAtomicSync } from '../../data/write';
import { DataError, train, type CostHistory, type StepResult, type TrainResult } from '../../engine';
import { divergenceMessage } from '../../services/session/divergence';
import { initialWeights } from '../../services/session/initial';
import { loadWithinMemory } from '../../services/session/limits';
import { CostWatch, stalledMessage } from '../../services/session/trend';
import { parseArgs, UsageError } from './args';
import { dataErrorLine, fail, runnableSpec, say, writeErrorLine } from './network';
import { costPlot } from './plot';
import { prettyJson } from './report';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['--json'], ['--network', '--iterations', '--save-weights']);
  if (args.files.length !== 1) throw new UsageError('nn train takes exactly one .nn file');
  const file = args.files[0];
  const iterations = args.values.has('--iterations') ? positiveInteger(args.values.get('--iterations')!) : undefined;

  const spec = runnableSpec(file, args.values.get('--network'), { notDone: 'it was not trained', dataFor: 'to train on' });
  if (!spec) return 1;

  let data;
  let initial;
  try {
    data = loadWithinMemory(spec); // refuses, with the figure, a run the machine has no memory for
    initial = initialWeights(spec);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return fail(dataErrorLine(file, e));
  }

  const progress = process.stderr.isTTY ? progressBar(iterations ?? spec.train.iterations) : progressLines();
  const watch = new CostWatch(spec.train.batch, data.train.m);
  const result = train(spec, data, { iterations, initial, onProgress: progress.update, onCost: (i, J) => watch.add(i, J) });
  progress.end();

  if (args.flags.has('--json')) process.stdout.write(`${prettyJson(resultJson(result))}\n`);
  else process.stdout.write(`${summary(result, data.test !== undefined)}\n`);

  if (result.divergedAt !== undefined) {
    say(`${file}: error: ${divergenceMessage(result.finalCost, result.divergedAt, spec.train.learningRate, result.cause)} Training stopped.`);
    return 2;
  }
  const warning = watch.warning(spec.train.learningRate);
  if (warning) say(`${file}: warning: ${warning}`);
  const stalled = result.iterations > 0 ? stalledMessage(result.stats) : undefined;
  if (stalled) say(`${file}: warning: ${stalled}`);
  const out = args.values.get('--save-weights');
  if (out !== undefined) {
    try {
      writeFileAtomicSync(out, formatWeights(result.weights, weightEntries(spec)));
    } catch (e) {
      return fail(writeErrorLine(out, 'the weights', e));
    }
    if (!args.flags.has('--json')) say(`weights saved to ${out}`);
  }
  return 0;
}

function positiveInteger(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new UsageError(`--iterations needs a positive whole number, not '${text}'`);
  return n;
}

/**
 * The spec §7 JSON; accuracies are fractions in [0, 1], null where there are none. A per-step
 * classes output adds `train_exact` and `test_exact`, the shares of exact sequences (accuracy.ts);
 * other networks keep exactly the spec's fields.
 */
export function resultJson(r: TrainResult) {
  const sequences = r.trainExact !== undefined ? { train_exact: r.trainExact, test_exact: r.testExact ?? null } : {};
  return {
    network: r.network,
    iterations: r.iterations,
    costs: r.costs,
    final_cost: r.finalCost,
    train_accuracy: r.trainAccuracy ?? null,
    test_accuracy: r.testAccuracy ?? null,
    ...sequences,
    seconds: r.seconds,
  };
}

const percent = (a: number | undefined) => (a === undefined ? 'n/a' : `${(100 * a).toFixed(2)}%`);

/** Beside a per-step output's accuracy, what it counts and the share of exact sequences. */
const exact = (share: number | undefined) => (share === undefined ? '' : ` per step, exact sequences ${percent(share)}`);

function summary(r: TrainResult, hasTest: boolean): string {
  const lines = [
    `network ${r.network}: ${r.iterations} iterations in ${r.seconds.toFixed(2)} s`,
    `final cost      ${r.finalCost}`,
  ];
  if (r.divergedAt !== undefined) lines.push(`stopped: the cost diverged at iteration ${r.divergedAt}`);
  else {
    lines.push(`train accuracy  ${percent(r.trainAccuracy)}${exact(r.trainExact)}`);
    if (hasTest) lines.push(`test accuracy   ${percent(r.testAccuracy)}${exact(r.testExact)}`);
  }
  const plot = costPlot(r.history);
  if (plot) lines.push('', plot);
  return lines.join('\n');
}

interface Progress {
  update(r: StepResult, history: CostHistory): void;
  end(): void;
}

/** A bar redrawn in place, at most ten times a second. */
function progressBar(total: number): Progress {
  let drawn = 0;
  const draw = (r: StepResult) => {
    const done = Math.min(total, r.iteration + 1);
    const width = 30;
    const full = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(Math.floor((100 * done) / total)).padStart(3)}%  iteration ${done}/${total}  cost ${r.cost.toPrecision(6)}\x1b[K`);
  };
  return {
    update(r) {
      const now = performance.now();
      if (now - drawn < 100 && r.iteration + 1 < total && !r.diverged) return;
      drawn = now;
      draw(r);
    },
    end() {
      process.stderr.write('\r\x1b[K');
    },
  };
}

/**
 * The course's "Cost after iteration i: J", once per recorded cost (every log_every), for logs and
 * pipes. Once a very long run's history has merged its points, only the costs it still holds print.
 */
function progressLines(): Progress {
  let printed = -1;
  return {
    update(_r, history) {
      for (const [i, J] of history.after(printed)) process.stderr.write(`Cost after iteration ${i}: ${J}\n`);
      if (history.length) printed = history.at(history.length - 1)[0];
    },
    end() {},
  };
}
