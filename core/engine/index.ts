// The training engine's public API (spec §5), used by `nn train` (core/adapters/cli/train.ts) and driven
// step by step by the VS Code worker (core/services/session).
//
//   const { train, test } = loadData(spec);          // throws DataError (message, file, row, column)
//   const t = new Trainer(spec, train, { test });     // weights from init (or options.initial)
//   while (!t.done) { const r = t.step(50); … }       // r = { iteration, cost, diverged }
//   t.costs; t.stats(); t.accuracy('train'); t.weights(); t.predict(X);
//
// Trainer:
// - `step(k)` runs up to k training steps (never past the spec's iterations): each one forward
//   (with dropout), cost (with L2), backward, and the optimizer's update with the decayed α. It returns
//   the last one's { iteration: i, cost: J computed in the forward pass of step i, before its
//   update; diverged }. A NaN/∞ cost stops at once (no update) and sets `done`.
// - `iteration`: steps completed. `costs`: the recorded (i, J): i = 0, every log_every, the last
//   iteration, and a diverging one; `history` holds them bounded, each point with the range of every
//   iteration's cost since the previous one (history.ts). `options.onCost(i, J)` sees every cost.
//   A diverged step's `cause` says what was first non-finite (X, W[l], Z[l], A[l], …) and whether
//   any update had been made. `learningRate` may be changed between steps, and so may
//   `spec.train.iterations` (the Trainer keeps the spec object it was given and reads it each step).
// - `options.initial`: the parameters of a `weights` file by key, `W1`, `b1`, `gamma3`, …
//   (core/services/session/initial.ts reads and checks one); without it, `init` as spec §4 says.
// - `stats()`: per layer l with a W[l] (not pools, flatten), mean and Frobenius norm of W[l],
//   b[l] and the last step's dW[l], dZ[l].
// - `accuracy('train' | 'test')`: a fraction in [0, 1] over the whole set with the current
//   weights (evaluation mode: running statistics); undefined for mse or when there is no test set.
//   `scores(which)` gives it with `exact`, for a per-step output the share of examples right at
//   every step (accuracy.ts), from the same one prediction.
// - `weights()`: copies of every parameter by weights-file key, in the file's order (layers
//   without parameters have no keys). `predict(X)`: A[L] for any X (n[0], k), valid until the
//   next predict.
// - `dispose()`: gives back at once all the WebAssembly memory the trainer holds (a Reset does,
//   before the next trainer); it must not step afterwards (docs/engine.md, "Memory").
// Matrices are row-major Float64Array; examples are columns, as in the course.

export type { Matrix } from './matrix';
export type { Dataset } from '../data/dataset';
export { DataError, loadData } from '../data/dataset';
export { CostHistory, type CostPoint } from './history';
export { MAX_RECORDED_COSTS, Trainer, type LayerStats, type NonFinite, type StepResult, type TrainerOptions } from './trainer';
export { train, type TrainOptions, type TrainResult } from './train';
export type { Scores } from './accuracy';
