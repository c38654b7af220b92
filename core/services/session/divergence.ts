// What to say when the cost becomes NaN or ±∞. The usual cause is a learning rate so large that
// the weights blow up, and then "try a smaller α" is the fix. But when the very first forward pass
// is already non-finite (a weight of 1e308, leaky_relu(1e308), a CSV cell 1e999), no update has
// been made, α is not to blame, and the message says what overflowed instead.

import type { NonFinite } from '../../engine';

const smaller = (alpha: number): string => String(Number((alpha / 10).toPrecision(6)));

/** Where the first non-finite value was, in words. */
function place(cause: NonFinite): string {
  const l = cause.l ?? 0;
  switch (cause.what) {
    case 'X':
      return 'the training examples X hold a value that is not finite (a number too large for float64, such as 1e999, reads as ∞)';
    case 'Y':
      return 'the training labels Y hold a value that is not finite';
    case 'Z':
      return `Z[${l}] = W[${l}]·A[${l - 1}] + b[${l}] overflowed (its entries passed ±1.8e308)`;
    case 'A':
      return `A[${l}] = g(Z[${l}]) overflowed (the activation of finite values passed ±1.8e308)`;
    case 'cost':
      return 'the cost itself overflowed though A[L] is finite';
    default: // a parameter: W, b, gamma, …
      return `${cause.what}[${l}] holds a value that is not finite`;
  }
}

/**
 * One sentence (two with the hint) for a cost that became `cost` at `iteration`. Without a cause
 * (an engine that does not say) it blames α, as the course would.
 */
export function divergenceMessage(cost: number, iteration: number, learningRate: number, cause?: NonFinite): string {
  const head = `The cost became ${cost} at iteration ${iteration}`;
  const data = cause?.what === 'X' || cause?.what === 'Y';
  if (cause && (cause.beforeUpdate || data)) {
    const when = cause.beforeUpdate ? ', in the first forward pass, before any update' : '';
    const check = data ? 'Check the data' : 'Check the initial weights, the data and the activations (e.g. a huge leaky_relu slope)';
    return `${head}${when}: ${place(cause)}, so the learning rate is not to blame. ${check}.`;
  }
  const where = cause && cause.what !== 'cost' ? ` (${place(cause)})` : '';
  return `${head}: gradient descent diverged${where}. Try a smaller learning rate than α = ${learningRate} (e.g. ${smaller(learningRate)}).`;
}
