// `text("FILE", steps: T)` (spec §14): a text file as one long run of characters for a
// character-level model (course 5's dinosaur names). Characters are code points, line breaks
// included; the vocabulary is the distinct characters in code-point order, token k the k-th of them.
// Example k is characters k·T … k·T + T (T + 1 of them, neighbours share one): x the first T,
// y the last T, so y⟨t⟩ = x⟨t+1⟩ — next-character prediction. Token ids stay ids, (T, m), as
// docs/part3.md "Sequences in matrices" keeps a tokens input; sequences.ts's oneHotPerStep makes
// per-step softmax labels (T·V, m) from them.

import { matrix, type Matrix } from '../foundation/matrix';
import { placeOf, type Reach } from './paths';
import { FileError, readRegularFile } from './read';

/** Why a text file gives no examples; `code` is the diagnostic (docs/diagnostics.md). */
export class TextError extends Error {
  constructor(message: string, readonly code: 'NN207' | 'NN501' | 'NN512' | 'NN518') {
    super(message);
    this.name = 'TextError';
  }
}

export interface Corpus {
  /** the distinct characters in code-point order; V = vocab.length */
  vocab: string[];
  /** every character of the file as its token id */
  ids: Int32Array;
}

export interface TextFile extends Corpus {
  /** the file lies outside the reach's roots and was read anyway (the checker warns, NN511) */
  outside: boolean;
}

/** Token ids and vocabulary of `text`, one token per code point. */
export function corpusOf(text: string): Corpus {
  const chars = Array.from(text);
  const vocab = [...new Set(chars)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  const index = new Map(vocab.map((c, k) => [c, k]));
  return { vocab, ids: Int32Array.from(chars, (c) => index.get(c)!) };
}

/**
 * Reads `file` (absolute) through the one workspace rule (paths.ts placeOf) and the size limit for
 * text files (read.ts LIMITS.text, so a huge file is refused at once instead of hanging).
 */
export function readText(file: string, reach: Reach): TextFile {
  const place = placeOf(file, reach);
  if (place === 'denied') {
    throw new TextError(`${file} is outside ${reach.name}, and this workspace is not trusted: the file is not read (trust the workspace, or move the file into it)`, 'NN512');
  }
  let text: string;
  try {
    text = readRegularFile(file, 'text');
  } catch (e) {
    if (e instanceof FileError) throw new TextError(`cannot read the text file ${file}: ${e.message}`, 'NN501');
    throw e;
  }
  if (text.length === 0) throw new TextError(`the text file ${file} is empty: text(…) needs at least steps + 1 characters`, 'NN518');
  return { ...corpusOf(text), outside: place === 'outside' };
}

/** m, the number of examples of T steps in `length` characters: every k with k·T + T < length. */
export function exampleCount(length: number, T: number): number {
  return length > T ? Math.floor((length - 1) / T) : 0;
}

/**
 * x (T, m) and y (T, m), token ids, example k in column k. Throws TextError when T is not a whole
 * number ≥ 1 or the text has fewer than T + 1 characters.
 */
export function textExamples(corpus: Corpus, T: number): { X: Matrix; Y: Matrix; m: number } {
  if (!Number.isInteger(T) || T < 1) throw new TextError(`steps must be a whole number of at least 1, not ${T}`, 'NN207');
  const n = corpus.ids.length;
  const m = exampleCount(n, T);
  if (m === 0) throw new TextError(`the text has ${n} character${n === 1 ? '' : 's'}, but steps: ${T} needs at least ${T + 1} (T + 1: x and the next character)`, 'NN518');
  const X = matrix(T, m);
  const Y = matrix(T, m);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < m; k++) {
      X.data[t * m + k] = corpus.ids[k * T + t];
      Y.data[t * m + k] = corpus.ids[k * T + t + 1];
    }
  }
  return { X, Y, m };
}
