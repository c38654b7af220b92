// How a training run ended, as the commands that run one resolve it: `nn.trainNetwork` for its
// run, `nn.compareRuns` for each of its (with the legend's label). The integration tests await these.

export interface RunOutcome {
  network: string;
  reason: 'completed' | 'stopped' | 'failed' | 'closed';
  iteration?: number;
  cost?: number;
  trainAccuracy?: number;
  testAccuracy?: number;
  /** with a per-step output, the shares of exact sequences (core/engine/accuracy.ts) */
  trainExact?: number;
  testExact?: number;
  seconds?: number;
  error?: string;
}
