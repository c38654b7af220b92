// A rate gate for the session's extras (progress, accuracy, snapshots): each runs at most every
// `intervalMs`, and never takes more than `share` of the wall time, so an expensive extra on a big
// network (a full forward pass for the accuracy) slows itself down instead of slowing training.

export class Gate {
  private next = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly share = 0.1,
  ) {}

  due(now: number): boolean {
    return now >= this.next;
  }

  /** Record that the extra ran at `start` and took `costMs`. */
  ran(start: number, costMs: number): void {
    this.next = start + Math.max(this.intervalMs, costMs / this.share);
  }

  /** Let the next `due` answer yes (after a reset or a state change). */
  open(): void {
    this.next = -Infinity;
  }
}
