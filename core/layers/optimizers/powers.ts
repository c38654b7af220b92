// β^t for Adam's bias correction (spec §9), as a running product: β^t = β^(t−1)·β, one IEEE
// multiplication per update. `**` (Math.pow) is not correctly rounded in V8 and is not the same
// function in every Node: 0.999 ** 16 differs in its last bit between Node 20 (`nn train`) and
// Node 24 (the extension host), about one t in ten does, and a run that differs in one bit of
// c = 1 − β^t drifts apart over thousands of updates. A product of doubles is the same on every
// engine (and in the PyTorch export, which keeps the same product in the optimizer's state).

/**
 * β^t as the t-fold product β·β·…·β, multiplied left to right from 1. Asked for t + 1 after t, it
 * multiplies once; asked for any other t (a fresh run, a reset, a test), it multiplies again from
 * β^0 = 1. So the value is a function of β and t alone: whatever restores the update count t
 * (pause and resume keep the trainer; a reset or a run from a weights file starts again at t = 1)
 * restores β^t with it, bit for bit.
 */
export class RunningPowers {
  private readonly last = new Map<number, { t: number; power: number }>();

  /** β^t, t = 0, 1, 2, … */
  of(beta: number, t: number): number {
    let at = this.last.get(beta);
    if (!at || at.t > t) this.last.set(beta, (at = { t: 0, power: 1 }));
    while (at.t < t) {
      at.power *= beta;
      at.t++;
    }
    return at.power;
  }
}
