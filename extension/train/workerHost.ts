// Runs dist/worker.js in a worker_threads thread and forwards messages both ways. Whatever happens
// to the thread (an uncaught exception, an exit, a message that cannot be cloned, running out of
// memory) reaches the listener as an `error` report of kind `crash`, so the panel shows it instead
// of waiting forever. No vscode import: the unit tests drive this very class against the real worker.

import { getHeapStatistics } from 'node:v8';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Command, Report } from '../../core/services/protocol';

/**
 * The thread's JavaScript heap may grow as large as this process's own, but the limit is set
 * explicitly: a worker that reaches an explicit limit is ended on its own (ERR_WORKER_OUT_OF_MEMORY),
 * where one without aborts the whole extension host. (V8 still aborts the process when it cannot get
 * memory at all — std::bad_alloc under `ulimit -v` — so the session's memory check counts that limit
 * and refuses such runs before they start: core/services/session/limits.ts.)
 */
export function defaultLimits(): ResourceLimits {
  return { maxOldGenerationSizeMb: Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20) };
}

export class WorkerHost {
  private worker?: Worker;
  /** shared with the thread: set with `stop`, so a long step ends at its next product (core/engine/interrupt.ts) */
  private readonly interrupt = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly script: string,
    private readonly onReport: (report: Report) => void,
    private readonly limits: ResourceLimits = defaultLimits(),
    /** what the crash sentences call the thread */
    private readonly thread = 'training thread',
  ) {}

  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Send a command, starting the thread first if there is none (e.g. after a crash). */
  send(command: Command): void {
    Atomics.store(this.interrupt, 0, command.type === 'stop' ? 1 : 0);
    (this.worker ??= this.spawn()).postMessage(command);
  }

  /** End the thread at once (mid-step too); no report follows. */
  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(this.script, { resourceLimits: this.limits, workerData: { interrupt: this.interrupt } });
    const crashed = (message: string): void => {
      if (this.worker !== worker) return; // disposed on purpose, or already reported
      this.worker = undefined;
      void worker.terminate();
      this.onReport({ type: 'error', kind: 'crash', message });
    };
    worker.on('message', (report: Report) => {
      if (this.worker === worker) this.onReport(report);
    });
    worker.on('error', (e: Error & { code?: string }) => crashed(e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? `The ${this.thread} ran out of memory (its limit is ${this.limits.maxOldGenerationSizeMb} MB of JavaScript heap) and was stopped; the editor is unaffected. Train a smaller network or on fewer examples.`
      : `The ${this.thread} crashed: ${e.message}`));
    worker.on('messageerror', (e) => crashed(`The ${this.thread} sent a message that could not be read: ${e.message}`));
    worker.on('exit', (code) => crashed(`The ${this.thread} stopped unexpectedly (exit code ${code}).`));
    return worker;
  }
}
