// How a TensorFlow.js peer of the sequence bench reports a training step (sequences.mjs reads it):
// three steps to warm up, the first one's cost J to check against the engine's, then the median
// over `repeats` of `steps` steps, in wall-clock and in CPU milliseconds per step.

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];

/** Prints `{ms, cpu, J}` for `step()` (which returns the cost and waits for its step) on workload `w`. */
export function reportSteps(step, w) {
  const timed = (clock) => median(Array.from({ length: w.repeats }, () => {
    const start = clock();
    for (let k = 0; k < w.steps; k++) step();
    return (clock() - start) / w.steps;
  }));
  const J = step();
  step();
  step();
  console.log(JSON.stringify({ ms: timed(() => performance.now()), cpu: timed(cpuNow), J }));
}
