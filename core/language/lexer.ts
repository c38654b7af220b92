// Turns `.nn` text into tokens (spec §2). Never throws: a character that starts no token becomes an
// `error` token with a message, so the parser can report it and carry on with the rest of the line.

import type { Position, Range } from './api';

export type TokenKind =
  | 'name' | 'number' | 'string'
  | '{' | '}' | '(' | ')' | ',' | ':'
  | 'newline' | 'error' | 'eof';

export interface Token {
  kind: TokenKind;
  /** the source text of the token */
  text: string;
  range: Range;
  /** number: its value (may be Infinity for huge literals); string: the unescaped contents */
  value?: number | string;
  /** number: written as plain digits (`[0-9]+`), i.e. a candidate integer */
  integer?: boolean;
  /** error: what is wrong */
  message?: string;
  /** error: the diagnostic code */
  code?: string;
}

export interface Comment {
  /** the comment's text including `#`, without the line break */
  text: string;
  range: Range;
}

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
}

const PUNCTUATION = '{}(),:';
const NUMBER = /[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
/** Letters and digits of any script: `tänh` is one bad word, not the name `t` and a stray `ä`. */
const WORD = /[\p{L}\p{M}\p{N}_]+/uy;
/** `data.csv`, `data/x.csv`, `my-net`: words joined by `.`, `/`, `\` or `-`; a path without quotes or a bad name. */
const PATH = /[\p{L}\p{M}\p{N}_]+(?:[./\\-]+[\p{L}\p{M}\p{N}_]+)+/uy;

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let line = 1;
  let lineStart = 0; // offset of the current line's first character
  let i = 0;
  // A token that starts where the last one ended (`(64,`) shares that position object: positions are
  // never changed once made, and a 1,000-layer file lexes into 25,000 tokens on every keystroke,
  // whose ranges the parse keeps alive until the next (fewer objects, less garbage collection).
  let lastEnd = -1;
  let lastEndPos: Position = { line, column: 1 };
  const pos = (offset: number): Position => (offset === lastEnd ? lastEndPos : { line, column: offset - lineStart + 1 });
  const range = (start: number, end: number): Range => {
    const from = pos(start);
    lastEndPos = end === start ? from : { line, column: end - lineStart + 1 };
    lastEnd = end;
    return { start: from, end: lastEndPos };
  };
  const push = (kind: TokenKind, start: number, end: number, extra?: Partial<Token>) => {
    // No object spread: it would make every token a slow, large dictionary-mode object.
    const token: Token = { kind, text: text.slice(start, end), range: range(start, end) };
    tokens.push(extra ? Object.assign(token, extra) : token);
  };
  // Numbers are a third of a network's tokens: made whole in one literal, not extended by Object.assign.
  const pushNumber: PushNumber = (start, end, value, integer) => {
    tokens.push({ kind: 'number', text: text.slice(start, end), range: range(start, end), value, integer });
  };

  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === SPACE || code === TAB || code === 0x0c || code === 0x0b || code === 0xfeff) {
      i++;
    } else if (code === LF || code === CR) {
      const end = code === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      // Zero width, so no range reaches past the end of its line; one position object for both ends,
      // as a file of blank lines is mostly newline tokens.
      const at = pos(i);
      tokens.push({ kind: 'newline', text: '\n', range: { start: at, end: at } });
      i = end;
      line++;
      lineStart = i;
    } else if (code === HASH) {
      let end = i;
      while (end < text.length && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
      comments.push({ text: text.slice(i, end).trimEnd(), range: range(i, end) });
      i = end;
    } else if (PUNCTUATION.includes(text[i])) {
      push(text[i] as TokenKind, i, i + 1);
      i++;
    } else if (code === QUOTE) {
      i = lexString(text, i, push);
    } else if (isDigit(code) || (code === MINUS && isDigit(text.charCodeAt(i + 1)))) {
      i = lexNumber(text, i, push, pushNumber);
    } else if (isNameStart(code) && plainNameEnd(text, i) > 0) {
      // The common case, an ASCII name followed by what can end a word: no regular expression needed.
      const end = plainNameEnd(text, i);
      push('name', i, end);
      i = end;
    } else if (WORD.test(at(WORD, text, i))) {
      const end = WORD.lastIndex;
      if (PATH.test(at(PATH, text, i))) {
        const path = text.slice(i, PATH.lastIndex);
        const message = /[./\\]/.test(path) ? `\`${path}\` looks like a file path: write it as a string, "${path}"` : notAName(path);
        push('error', i, PATH.lastIndex, { code: 'NN101', message });
        i = PATH.lastIndex;
      } else {
        if (NAME.test(at(NAME, text, i)) && NAME.lastIndex === end) push('name', i, end);
        else push('error', i, end, { code: 'NN101', message: notAName(text.slice(i, end)) });
        i = end;
      }
    } else if (code === APOSTROPHE) {
      // 'file.csv': one mistake (the quotes), not three stray characters.
      let end = i + 1;
      while (end < text.length && text[end] !== "'" && text[end] !== '\n' && text[end] !== '\r') end++;
      const inner = text.slice(i + 1, end);
      if (text[end] === "'") end++;
      push('error', i, end, { code: 'NN101', message: `strings use double quotes: write "${inner}"` });
      i = end;
    } else {
      i = lexBad(text, i, push);
    }
  }
  tokens.push({ kind: 'eof', text: '', range: range(i, i) });
  return { tokens, comments };
}

const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d, HASH = 0x23, QUOTE = 0x22, APOSTROPHE = 0x27, MINUS = 0x2d;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

/**
 * Where the ASCII name at `start` ends, when WORD, PATH and NAME would read it the same way: the next
 * character is ASCII and neither a letter, digit or `_` (in the name) nor one of `./\-` (a path).
 * 0 when only the regular expressions can tell (a letter of another script, a path).
 */
function plainNameEnd(text: string, start: number): number {
  let end = start + 1;
  let code = text.charCodeAt(end);
  while (isNameStart(code) || isDigit(code)) code = text.charCodeAt(++end);
  // NaN past the end of the text: nothing follows the name.
  if (Number.isNaN(code)) return end;
  return code < 0x80 && code !== 0x2e && code !== 0x2f && code !== 0x5c && code !== MINUS ? end : 0;
}

function notAName(word: string): string {
  return `\`${word}\` is not a name: names use the letters A–Z and a–z, the digits 0–9 and _`;
}

type Push = (kind: TokenKind, start: number, end: number, extra?: Partial<Token>) => void;
type PushNumber = (start: number, end: number, value: number, integer: boolean) => void;

/** Positions a sticky regex at `offset` and returns the text, so `re.test(at(re, text, i))` matches there. */
function at(re: RegExp, text: string, offset: number): string {
  re.lastIndex = offset;
  return text;
}

function lexString(text: string, start: number, push: Push): number {
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== '"' && text[i] !== '\n' && text[i] !== '\r') {
    if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
      value += text[i + 1];
      i += 2;
    } else {
      value += text[i++];
    }
  }
  if (text[i] === '"') {
    push('string', start, i + 1, { value });
    return i + 1;
  }
  push('error', start, i, { code: 'NN102', message: 'this string is not closed: add a `"` before the end of the line' });
  return i;
}

function lexNumber(text: string, start: number, push: Push, pushNumber: PushNumber): number {
  const negative = text.charCodeAt(start) === MINUS;
  // [0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?, scanned by hand: numbers are a third of a network's tokens.
  let end = digitsEnd(text, negative ? start + 1 : start);
  let integer = !negative;
  if (text.charCodeAt(end) === 0x2e && isDigit(text.charCodeAt(end + 1))) {
    end = digitsEnd(text, end + 1);
    integer = false;
  }
  const e = text.charCodeAt(end);
  if (e === 0x65 || e === 0x45) {
    const sign = text.charCodeAt(end + 1);
    const first = sign === 0x2b || sign === MINUS ? end + 2 : end + 1;
    if (isDigit(text.charCodeAt(first))) {
      end = digitsEnd(text, first);
      integer = false;
    }
  }
  // `12288x`, `1.2.3`, `1e`: one malformed word, reported once rather than as two tokens.
  if (end < text.length && /[A-Za-z0-9_.]/.test(text[end])) {
    while (end < text.length && /[A-Za-z0-9_.+-]/.test(text[end])) end++;
    push('error', start, end, { code: 'NN103', message: `\`${text.slice(start, end)}\` is not a number: write numbers like 4, 0.0075 or 1e-3` });
    return end;
  }
  pushNumber(start, end, Number(text.slice(start, end)), integer);
  return end;
}

/** The end of the run of digits at `from`. */
function digitsEnd(text: string, from: number): number {
  let end = from;
  while (isDigit(text.charCodeAt(end))) end++;
  return end;
}

function lexBad(text: string, start: number, push: Push): number {
  // `.5` and `-.5`: a number without its leading digit.
  const dot = text[start] === '-' ? start + 1 : start;
  if (text[dot] === '.' && isDigit(text.charCodeAt(dot + 1))) {
    NUMBER.lastIndex = dot + 1;
    NUMBER.test(text);
    const end = NUMBER.lastIndex;
    push('error', start, end, { code: 'NN103', message: `a number needs a leading digit: write ${text.slice(start, dot)}0${text.slice(dot, end)}` });
    return end;
  }
  // One token for a run of stray characters, so `@@@` is one error, not three.
  let end = start + 1;
  while (end < text.length && !/[\sA-Za-z0-9_#"{}(),:]/.test(text[end])) end++;
  // Keep surrogate pairs whole so ranges never split a character.
  const shown = text.slice(start, end);
  push('error', start, end, { code: 'NN101', message: `unexpected character${[...shown].length > 1 ? 's' : ''} \`${shown}\`` });
  return end;
}
