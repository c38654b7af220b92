// Shared by the language tests: the repository root, in-memory files, and a seeded PRNG.

import * as path from 'node:path';
import { analyze, type Analysis, type FileAccess } from '../../../core/language';

/** The checkout's root (tests run from out/test/unit/language). */
export const ROOT = path.resolve(__dirname, '../../../..');

/** Files the checker may read, by absolute path under /virtual. */
export function memoryFiles(files: Record<string, string>): FileAccess {
  return {
    readFile(p) {
      const name = path.relative('/virtual', p);
      return name in files ? files[name] : new Error('no such file');
    },
  };
}

/** Analyzes text as if it were /virtual/net.nn next to `files`. */
export function analyzeWith(text: string, files: Record<string, string> = {}): Analysis {
  return analyze(text, { path: '/virtual/net.nn', files: memoryFiles(files) });
}

/** mulberry32: a small seeded PRNG, so a failing fuzz case reproduces. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
