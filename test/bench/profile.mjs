// Where a training step's time goes, kernel call by kernel call: `node test/bench/conv.mjs --profile`
// and `node test/bench/sequences.mjs --profile`.
// Every method of the kernel set the engine's networks run on is wrapped with a timer (the set is
// one shared object, so a Trainer made afterwards calls the wrappers), and the time is summed per
// kernel and operand shape. The wrappers add about a microsecond per call, a few dozen calls a step.

import { WARM_UP_STEPS } from './workloads.mjs';

/**
 * ms per step by kernel and shape for workload `w`, with the step's median time, sorted by time;
 * `time(engine, w)` runs the timed steps (convEngineMsPerStep, or the ResNet's) and returns ms per step,
 * after `untimed` steps of its own besides the warm-up (the ResNet's first step, whose cost it reports).
 */
export function profileStep(engine, w, time, untimed = 0) {
  // defaultKernels() returns a fresh object per network, spread from one of these shared sets (its
  // products call the set's at call time), so the set it chooses from is the one to wrap.
  const k = (engine.wasmInUse() && engine.wasmKernelSet()) || engine.jsKernels;
  const spent = new Map();
  const original = { ...k };
  let counting = false;
  for (const [name, fn] of Object.entries(original)) {
    if (typeof fn !== 'function') continue;
    k[name] = function timed(...args) {
      if (!counting) return fn.apply(this, args);
      const start = performance.now();
      try {
        return fn.apply(this, args);
      } finally {
        const shapes = args.filter((a) => a && typeof a === 'object' && 'rows' in a).map((M) => `${M.rows}×${M.cols}`).join(' ');
        const key = `${name}(${shapes})`;
        spent.set(key, (spent.get(key) ?? 0) + performance.now() - start);
      }
    };
  }
  try {
    counting = true;
    const ms = time(engine, w);
    const steps = w.repeats * w.steps + WARM_UP_STEPS + untimed;
    return { ms, rows: [...spent].map(([key, total]) => [key, total / steps]).sort((a, b) => b[1] - a[1]) };
  } finally {
    Object.assign(k, original);
  }
}

const fmt = (x) => (x < 100 ? x.toFixed(2) : x.toFixed(0));

/** Prints where the engine's step on `w` goes, kernel by kernel, as `time` runs it (profileStep's arguments). */
export function printProfile(engine, w, time, untimed) {
  const { ms, rows: spent } = profileStep(engine, w, time, untimed);
  const total = spent.reduce((sum, [, t]) => sum + t, 0);
  console.log(`\nWhere the engine's ${w.name} step goes (${fmt(ms)} ms/step while profiled; ${fmt(total)} ms in kernel calls):`);
  for (const [key, t] of spent.filter(([, t]) => t >= 0.005 * total)) console.log(`  ${fmt(t).padStart(7)} ms  ${((100 * t) / total).toFixed(1).padStart(5)} %  ${key}`);
  const byKernel = new Map();
  for (const [key, t] of spent) byKernel.set(key.slice(0, key.indexOf('(')), (byKernel.get(key.slice(0, key.indexOf('('))) ?? 0) + t);
  console.log(`  by kernel: ${[...byKernel].sort((a, b) => b[1] - a[1]).map(([name, t]) => `${name} ${fmt(t)}`).join(', ')}`);
}
