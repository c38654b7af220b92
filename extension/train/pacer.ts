// Slow motion for the training panel. The worker trains as fast as it can: planar's 10,000
// iterations take about a second, over before a student has seen the decision boundary form. At a
// chosen speed (iterations a second) the panel instead keeps the worker paused and steps it from
// here, a tick at a time; each step ends with a full report (progress, heat maps, boundary), so the
// page redraws ten times a second. While it paces, the page is told the run is running, as it is to
// the user. No vscode import, and the clock is injected: the unit tests drive it tick by tick.

import type { Command, Report } from '../../core/services/protocol';

/** How often a paced run takes its step. */
export const TICK_MS = 100;

type Progress = Extract<Report, { type: 'progress' }>;

export interface Clock {
  every(ms: number, tick: () => void): () => void;
}

export const realClock: Clock = {
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  },
};

export class Pacer {
  /** iterations a second; 0: the worker runs on its own, as fast as it goes */
  speed = 0;
  private cancel?: () => void;
  /** the latest progress the page was shown, to show it again as paused */
  private last?: Progress;

  constructor(
    private readonly send: (command: Command) => void,
    private readonly clock: Clock = realClock,
  ) {}

  get pacing(): boolean {
    return this.cancel !== undefined;
  }

  /** Step the (paused) worker `speed / 10` iterations every tick, at least one. */
  start(): void {
    this.cancel ??= this.clock.every(TICK_MS, () => this.send({ type: 'step', count: Math.max(1, Math.round((this.speed * TICK_MS) / 1000)) }));
  }

  /** No more steps; the worker stays paused where its last step left it. */
  halt(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  /** A report as the page should see it: between paced steps the worker is paused, the run is not. */
  view<R extends Report>(report: R): R {
    // The run ended (a rejected intent, a `protocol` error, leaves it going).
    if (report.type === 'done' || (report.type === 'error' && report.kind !== 'protocol')) this.halt();
    if (report.type !== 'progress') return report;
    this.last = report;
    return this.pacing && report.state === 'paused' ? { ...report, state: 'running' } : report;
  }

  /** Halts, and returns the progress to show the page so that it reads paused (undefined: nothing shown yet). */
  pause(): Progress | undefined {
    this.halt();
    // Its chart update starts at `from`, so showing it again changes nothing but the state.
    return this.last && { ...this.last, state: 'paused' };
  }
}
