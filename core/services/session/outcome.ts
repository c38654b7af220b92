// How a training run ended, as the commands that run one resolve it: `nn.trainNetwork` for its
// run, `nn.compareRuns` for each of its (with the legend's label). The integration tests await these.

export interface RunOutcome {
  network: string;
  reason: 'completed' | 'stopped' | 'failed' | 'closed';
  iteration?: number;
  cost?: number;
  trainAccuracy?: number;
  testAccuracy?: number;
  seconds?: number;
  error?: string;
}
