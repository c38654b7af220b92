// Runs dist/worker.js in a worker_threads thread and forwards messages both ways. Whatever happens
// to the thread (an uncaught exception, an exit, a message that cannot be cloned) reaches the
// listener as an `error` report of kind `crash`, so the panel shows it instead of waiting forever.
// No vscode import: the unit tests drive this very class against the real worker.

import { Worker } from 'node:worker_threads';
import type { Command, Report } from '../../core/protocol';

export class WorkerHost {
  private worker?: Worker;

  constructor(
    private readonly script: string,
    private readonly onReport: (report: Report) => void,
  ) {}

  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Send a command, starting the thread first if there is none (e.g. after a crash). */
  send(command: Command): void {
    (this.worker ??= this.spawn()).postMessage(command);
  }

  /** End the thread at once (mid-step too); no report follows. */
  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(this.script);
    const crashed = (message: string): void => {
      if (this.worker !== worker) return; // disposed on purpose, or already reported
      this.worker = undefined;
      void worker.terminate();
      this.onReport({ type: 'error', kind: 'crash', message });
    };
    worker.on('message', (report: Report) => {
      if (this.worker === worker) this.onReport(report);
    });
    worker.on('error', (e) => crashed(`The training thread crashed: ${e.message}`));
    worker.on('messageerror', (e) => crashed(`The training thread sent a message that could not be read: ${e.message}`));
    worker.on('exit', (code) => crashed(`The training thread stopped unexpectedly (exit code ${code}).`));
    return worker;
  }
}
