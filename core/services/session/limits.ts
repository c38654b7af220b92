// What the machine can give a training run, and the refusal when a run needs more. The worker's
// session and `nn train` ask before they load the data and again, with the real number of rows of
// a CSV, before the network's buffers are allocated: an oversized run ends with a sentence giving
// the figure instead of an out-of-memory abort. The checker's fixed limit (NN701) comes first; this
// one is the machine's, so it is not known until training starts.

import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import { DataError, loadData, type Dataset } from '../../engine';
import { examplesOf, networkFootprint } from '../../engine/footprint';
import { wasmInUse } from '../../engine/wasm/module';
import { describeNeed, formatBytes, memoryHint } from '../../language/memory';
import type { NetworkSpec } from '../../foundation/model';

/**
 * Bytes this process may still take: free memory, within a container's limit (Node ≥ 20.13 knows
 * it) and within the process's address-space limit (`ulimit -v`), which neither of those knows.
 */
export function availableMemory(): number {
  // The WebAssembly kernels reserve about 10 GB of address space when they load, which is otherwise
  // at the run's first buffer: loaded first, their reservation is in VmSize and not counted twice.
  wasmInUse();
  const free = typeof process.availableMemory === 'function' ? process.availableMemory() : freemem();
  return Math.min(free, addressSpaceLeft(procFile('/proc/self/limits'), procFile('/proc/self/status')));
}

/**
 * The bytes of address space left under RLIMIT_AS (`ulimit -v`), from the texts of /proc/self/limits
 * and /proc/self/status; Infinity without a limit or where they cannot be read (not Linux). This is
 * the limit that aborts: past it the kernel refuses memory to V8's own C++ allocations too, and V8
 * ends the whole process on one it cannot make (`std::bad_alloc`) — a worker thread cannot contain
 * that, so a run must be refused before it gets there. (A 100,000-layer network under a 3 GB limit
 * aborted `nn train`, and would have aborted the extension host around its training thread.)
 */
export function addressSpaceLeft(limits: string | undefined, status: string | undefined): number {
  const soft = limits?.match(/^Max address space\s+(\d+)\s/m);
  const used = status?.match(/^VmSize:\s+(\d+) kB/m);
  if (!soft || !used) return Infinity;
  return Math.max(0, Number(soft[1]) - Number(used[1]) * 1024);
}

function procFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Why `spec` cannot be trained here, or undefined when its memory estimate fits in `available`
 * bytes. `loaded` gives the data's real sizes once it is loaded (a CSV's rows are not known before);
 * `job` names what would need it, for the sentence.
 */
export function memoryRefusal(spec: NetworkSpec, loaded?: { m: number; testM: number }, available = availableMemory(), job = 'training'): string | undefined {
  const e = networkFootprint(spec, examplesOf(spec.train, loaded?.m, loaded?.testM));
  if (e.bytes <= available) return undefined;
  return `${job} \`${spec.name}\` needs ${describeNeed(e)}, but this machine has about ${formatBytes(available)} available: ${memoryHint(e.dominant)}`;
}

/** loadData, between two memory checks; throws DataError with the figure when the run does not fit. */
export function loadWithinMemory(spec: NetworkSpec, available = availableMemory(), job = 'training'): { train: Dataset; test?: Dataset } {
  // `available` is measured once: the data loaded here takes from it, and is in the estimate.
  const refuse = (loaded?: { m: number; testM: number }): void => {
    const refusal = memoryRefusal(spec, loaded, available, job);
    if (refusal) throw new DataError(refusal);
  };
  refuse();
  const data = loadData(spec);
  refuse({ m: data.train.m, testM: data.test?.m ?? 0 });
  return data;
}
