// Runs compared ("NN: Compare Runs", docs/training.md): several networks of one file, each trained
// in its own worker, reported side by side to one panel — the course's optimizer and regularization
// lessons in one picture. Pure: the host that runs a worker is injected, so Node tests drive the
// orchestration with fakes and with the real worker alike. No vscode, no DOM.

import type { NetworkSpec, OptimizerSpec } from '../../foundation/model';
import { DEFAULT_OPTIMIZER, optimizerDefaults } from '../../layers/optimizers';
import { describeValue, toPlain, type Command, type Plain, type Report } from '../protocol';
import type { RunOutcome } from './outcome';

/** One run of a comparison: a checked network and the legend's summary of its settings. */
export interface CompareRun {
  name: string;
  label: string;
  spec: NetworkSpec;
}

/** How one run ended, as `nn.compareRuns` resolves it (one per run, in the runs' order). */
export interface CompareOutcome extends RunOutcome {
  label: string;
}

/** The reports a comparison panel draws: the curves and the final figures, no heat maps or boundaries. */
export type CompareReport = Extract<Report, { type: 'started' | 'progress' | 'done' | 'error' }>;

/** What the extension tells the comparison panel. */
export type CompareMessage =
  /** the runs, in legend order; every run starts over (a new comparison, or "Train all" again) */
  | { type: 'runs'; uri: string; file: string; runs: Array<{ name: string; label: string }> }
  | { type: 'report'; run: number; report: Plain<CompareReport> };

/** What the comparison panel asks of the extension. */
export type CompareIntent = { type: 'ready' } | { type: 'train' } | { type: 'stop' };

/** Checks a message that claims to be a `CompareIntent`: the intent, or a sentence saying what is wrong. */
export function checkCompareIntent(value: unknown): CompareIntent | string {
  if (value === null || typeof value !== 'object') return `expected a message object, got ${value === null ? 'null' : typeof value}`;
  const type = (value as { type?: unknown }).type;
  if (type === 'ready' || type === 'train' || type === 'stop') return { type };
  return `unknown message type ${describeValue(type)}`;
}

/** The legend's summary of what sets a run apart: α, batch, optimizer, λ, decay, keep_prob. */
export function runLabel(spec: NetworkSpec): string {
  const t = spec.train;
  const parts = [`α ${t.learningRate}`, t.batch === 'full' ? 'full batch' : `batch ${t.batch}`, optimizerLabel(t.optimizer ?? DEFAULT_OPTIMIZER)];
  if (t.l2) parts.push(`λ ${t.l2}`);
  if (t.decay) parts.push(`${t.decay.kind} decay(rate ${t.decay.rate}, every ${t.decay.every})`);
  const dropped = spec.layers.map((l, i) => [i + 1, 'keepProb' in l ? l.keepProb : undefined] as const).filter(([, p]) => p !== undefined && p < 1);
  if (dropped.length) parts.push(`keep_prob ${dropped.map(([l, p]) => `${p} (l ${l})`).join(', ')}`);
  return parts.join(' · ');
}

/** `adam`, or with the arguments that differ from the spec's defaults: `momentum(β 0.95)`. */
function optimizerLabel(optimizer: OptimizerSpec): string {
  const symbols: Record<string, string> = { beta: 'β', beta1: 'β1', beta2: 'β2', epsilon: 'ε' };
  const defaults = optimizerDefaults(optimizer.kind);
  const changed = Object.entries(optimizer)
    .filter(([k, v]) => k !== 'kind' && v !== defaults[k])
    .map(([k, v]) => `${symbols[k] ?? k} ${v}`);
  return changed.length ? `${optimizer.kind}(${changed.join(', ')})` : optimizer.kind;
}

/** A worker behind one run (extension/train/workerHost.ts's WorkerHost, or a test's fake). */
export interface RunHost {
  send(command: Command): void;
  dispose(): Promise<void>;
}
export type SpawnHost = (onReport: (report: Report) => void) => RunHost;

/**
 * Trains every run at once, each in its own host, and posts their reports tagged with the run's
 * index. A run that ends (done, failed, crashed) gives its worker back at once. `start` again
 * begins every run anew in fresh workers, so no late report of an earlier round can reach the panel.
 */
export class Comparison {
  private hosts: Array<RunHost | undefined> = [];
  private outcomes: Array<CompareOutcome | undefined> = [];
  private settle?: (outcomes: CompareOutcome[]) => void;

  constructor(
    /** the .nn file: its URI (a reloaded panel finds it again) and its name for display */
    readonly source: { uri: string; file: string },
    readonly runs: readonly CompareRun[],
    private readonly spawn: SpawnHost,
    private readonly post: (message: CompareMessage) => void,
  ) {}

  /** Whether some run is still going. */
  get running(): boolean {
    return this.hosts.some((h) => h !== undefined);
  }

  /** Train every run from the start (ending a round still going); resolves when all have ended. */
  start(): Promise<CompareOutcome[]> {
    this.close('stopped');
    this.outcomes = this.runs.map(() => undefined);
    this.post({ type: 'runs', ...this.source, runs: this.runs.map(({ name, label }) => ({ name, label })) });
    const round = new Promise<CompareOutcome[]>((resolve) => (this.settle = resolve));
    // Every host exists before the first start, so even a host that answers at once finds the round whole.
    const hosts: RunHost[] = this.runs.map((_, i) => this.spawn((report) => this.onReport(hosts[i], i, report)));
    this.hosts = [...hosts];
    // the panel draws curves and figures only: the sessions make nothing else (no maps, samples, grids)
    hosts.forEach((host, i) => host.send({ type: 'start', spec: this.runs[i].spec, options: { curvesOnly: true } }));
    return round;
  }

  /** Stop every run still going; each ends as `stopped` with its figures so far. */
  stop(): void {
    for (const host of this.hosts) host?.send({ type: 'stop' });
  }

  /** End every run still going as `reason` (the panel closed) and give back the workers. */
  close(reason: 'stopped' | 'closed' = 'closed'): void {
    this.runs.forEach((run, i) => this.hosts[i] && this.record(i, { network: run.name, label: run.label, reason }));
  }

  private onReport(host: RunHost, i: number, report: Report): void {
    if (this.hosts[i] !== host) return; // a late report of a run already ended
    const { name: network, label } = this.runs[i];
    switch (report.type) {
      case 'snapshot':
      case 'boundary':
      case 'samples':
      case 'weights':
        return; // a curves-only session makes none of these: kept out should one arrive all the same
      case 'started':
        return this.forward(i, report);
      case 'progress':
        // Per-layer statistics are not shown here; the recorded costs are the chart's series already.
        return this.forward(i, { ...report, layers: [], costs: [] });
      case 'done':
        this.forward(i, report);
        return this.record(i, { network, label, reason: report.reason, iteration: report.iteration, cost: report.cost, trainAccuracy: report.trainAccuracy, testAccuracy: report.testAccuracy, trainExact: report.trainExact, testExact: report.testExact, seconds: report.seconds });
      case 'error':
        this.forward(i, report);
        // A rejected command leaves the run as it was; anything else (bad data, divergence, a crash) ends it.
        if (report.kind !== 'protocol') this.record(i, { network, label, reason: 'failed', iteration: report.iteration, error: report.message });
        return;
    }
  }

  private forward(run: number, report: CompareReport): void {
    this.post({ type: 'report', run, report: toPlain(report) });
  }

  private record(i: number, outcome: CompareOutcome): void {
    const host = this.hosts[i];
    this.hosts[i] = undefined;
    void host?.dispose();
    this.outcomes[i] = outcome;
    if (this.hosts.every((h) => h === undefined)) {
      const settle = this.settle;
      this.settle = undefined;
      settle?.(this.outcomes.map((o, k) => o ?? { network: this.runs[k].name, label: this.runs[k].label, reason: 'closed' }));
    }
  }
}
