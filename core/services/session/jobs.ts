// What a worker thread runs (extension/worker.ts wires it to its port; tests drive it in Node): every
// message is checked once (core/services/protocol.ts), then the job it starts runs — `start` and the
// commands of a run go to the training session, `gradcheck`, `export` and `sample` run here — and everything
// it says goes out as `Report`s: `advanced` while a long job works, one result, or one `error` of the
// same shape for every job. Each job resolves its network once (resolve.ts) and checks memory
// before loading any data (limits.ts).

import { DataError } from '../../engine';
import { SampleError } from '../sample';
import { checkMessage, transferables, type Command, type Report } from '../protocol';
import { checkGradients } from './gradcheck';
import { exportJob } from './exportJob';
import { TrainingSession, type Post, type SessionOptions } from './index';
import { availableMemory } from './limits';
import { advancing } from './progress';
import { resolveNetwork } from './resolve';
import { sampleSaved } from './sampled';

export class Jobs {
  private session?: TrainingSession;

  constructor(
    private readonly post: Post,
    private readonly options: SessionOptions = {},
  ) {}

  /** Handle one incoming message; anything malformed is answered with a `protocol` error. */
  handle(message: unknown): void {
    const command = checkMessage(message);
    if (typeof command === 'string') return this.send({ type: 'error', kind: 'protocol', message: command });
    if (command.type === 'gradcheck') return this.send(this.gradcheck(command));
    if (command.type === 'sample') return this.send(sample(command));
    if (command.type === 'export') {
      return void exportJob(command, advancing((r) => this.send(r)), this.options.memory).then((r) => this.send(r),
        (e: unknown) => this.send({ type: 'error', kind: 'crash', message: `the export failed: ${e instanceof Error ? e.message : String(e)}` }));
    }
    (this.session ??= new TrainingSession(this.post, this.options)).command(command);
  }

  /** The check of the network's gradient on its initial weights (spec §9), as `nn gradcheck` makes it. */
  private gradcheck({ spec, entries }: Extract<Command, { type: 'gradcheck' }>): Report {
    const network = resolveNetwork(spec);
    if (typeof network === 'string') return { type: 'error', kind: 'data', message: network };
    const available = (this.options.memory ?? availableMemory)();
    try {
      return { type: 'checked', result: checkGradients(network.spec, { available, maxEntries: entries, onProgress: advancing((r) => this.send(r)) }) };
    } catch (e) {
      if (e instanceof DataError) return { type: 'error', kind: 'data', message: e.message };
      return { type: 'error', kind: 'crash', message: `the gradient check failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  private send(report: Report): void {
    this.post(report, transferables(report));
  }
}

/** "NN: Sample": `nn sample`'s text from a weights file, or the sentence that says why there is none. */
function sample({ spec, weights, seed, length }: Extract<Command, { type: 'sample' }>): Report {
  const network = resolveNetwork(spec);
  if (typeof network === 'string') return { type: 'error', kind: 'data', message: network };
  try {
    return { type: 'sampled', text: sampleSaved(network.spec, weights, { seed, length }) };
  } catch (e) {
    if (e instanceof DataError || e instanceof SampleError) return { type: 'error', kind: 'data', message: e.message };
    return { type: 'error', kind: 'crash', message: `sampling failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
