// Shared by the language tests: the repository root, in-memory files, and a seeded PRNG.

import * as path from 'node:path';
import { Rng } from '../../../core/foundation/prng';
import { analyze, type Analysis, type FileAccess } from '../../../core/language';
import type { Reach } from '../../../core/data/paths';

/** The checkout's root (tests run from out/test/unit/language). */
export const ROOT = path.resolve(__dirname, '../../../..');

/** Files the checker may read, by absolute path under /virtual. */
export function memoryFiles(files: Record<string, string>, reach?: Reach): FileAccess {
  return {
    reach,
    readFile(p) {
      const name = path.relative('/virtual', p);
      return name in files ? files[name] : new Error('no such file');
    },
  };
}

/** Analyzes text as if it were /virtual/net.nn next to `files`. */
export function analyzeWith(text: string, files: Record<string, string> = {}, reach?: Reach): Analysis {
  return analyze(text, { path: '/virtual/net.nn', files: memoryFiles(files, reach) });
}

/** The engine's seeded PRNG as a function, so a failing fuzz case reproduces. */
export function prng(seed: number): () => number {
  const rng = new Rng(seed, 'test');
  return () => rng.uniform();
}
