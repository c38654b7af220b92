// How long the server waits after a keystroke before it checks the document again. A fixed wait
// (150 ms) made every user wait for a check that takes 5 ms; none at all would, on a file whose
// check takes long, spend the server's whole time checking versions that the next keystroke
// already replaced. So the wait follows the last check of that document: none while checks are
// quick, as long as the last one took once they are slow (the server then checks at most about half
// its time while the user types), never longer than the user's `nnStudio.diagnostics.debounceMs`.

/**
 * A document whose check took at most this long is checked again at once: the goal from keystroke
 * to diagnostics (issue 19), and at typing speed (a key every 100–200 ms) still a minority of the
 * server's time.
 */
export const QUICK_CHECK_MS = 50;

/**
 * Milliseconds to wait after a change: 0 while the document's last check took at most
 * QUICK_CHECK_MS (or it was never checked), else as long as that check took, up to `longestMs`.
 */
export function debounceDelay(lastCheckMs: number | undefined, longestMs: number): number {
  if (lastCheckMs === undefined || lastCheckMs <= QUICK_CHECK_MS) return 0;
  return Math.min(Math.ceil(lastCheckMs), longestMs);
}
