// Stop within a step. A training step is one synchronous run of products (forward, backward), and
// the thread reads its messages only between steps: a step of a 2-12000-12000-1 network took 46 s
// to see a Stop. The host shares one Int32Array with the thread and sets it when it sends `stop`;
// every matrix product looks at it first and, set, abandons the step by throwing Interrupted —
// before that step's update, which has no products, so the weights stay those of the last whole step.

let flag: Int32Array | undefined;

/** The step was abandoned because a Stop was asked for; the `stop` message itself follows. */
export class Interrupted extends Error {
  constructor() {
    super('stopped within a step');
    this.name = 'Interrupted';
  }
}

/** The flag to watch (slot 0, non-zero: stop), shared with the thread that sends `stop`; undefined: none. */
export function watchInterrupts(shared: Int32Array | undefined): void {
  flag = shared;
}

let armed = false;

/**
 * Runs `step` so that a Stop asked for meanwhile abandons it (throws Interrupted). Only training
 * steps are interruptible: the products of a report (accuracy, the decision boundary) always finish.
 */
export function interruptible<T>(step: () => T): T {
  armed = true;
  try {
    return step();
  } finally {
    armed = false;
  }
}

/** Within `interruptible`, throws Interrupted when a Stop has been asked for (the flag is set). */
export function checkInterrupt(): void {
  if (armed && flag && Atomics.load(flag, 0) !== 0) throw new Interrupted();
}
