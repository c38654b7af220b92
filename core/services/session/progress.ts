// How a job says how far it is: an `advanced` report (core/services/protocol.ts) now and then, not
// at every entry or step — about a hundred a job, and always the last, so the host's bar ends full.

import type { Report } from '../protocol';

/** Least share of the total between two reports. */
const STEP = 0.01;

/** A callback for done-of-total that posts `advanced` reports, thinned out. */
export function advancing(post: (report: Report) => void): (done: number, total: number) => void {
  let next = 0;
  return (done, total) => {
    if (done < next && done < total) return;
    next = done + Math.max(1, Math.floor(STEP * total));
    post({ type: 'advanced', done, total });
  };
}
