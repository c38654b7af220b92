// The canonical layout of a `.nn` file: one statement per line, 2-space indentation per block,
// single spaces between words (`W: (4, 2)`, `flower(m: 400, noise: 0.2)`), two spaces before each
// shape annotation (and `keep_prob`, `norm:`, `return:`), annotations of neighbouring lines of one
// layer kind aligned in columns, a window's options and attention's `heads:` kept with their
// statement (`conv2d 6 relu f: 5 stride: 1`, `self_attention heads: 4 causal`), and trailing
// comments of neighbouring lines aligned. Only whitespace changes, so the meaning never does; a file
// with a syntax error is returned unchanged. Formatting twice gives the same text as once.

import { LAYER_KEYWORDS } from './catalog';
import type { Comment, Token } from './lexer';
import { parse } from './parser';

interface CodeLine {
  kind: 'code';
  tokens: Token[];
  depth: number;
  /** depth in effect after this line (one more after a `{`) */
  depthAfter: number;
  firstLine: number;
  lastLine: number;
  comment?: Comment;
}

interface CommentLine {
  kind: 'comment';
  comment: Comment;
}

interface BlankLine {
  kind: 'blank';
}

type Entry = (CodeLine | CommentLine | BlankLine) & { line: number };

export function formatText(text: string): string {
  const { ast, diagnostics, tokens } = parse(text);
  if (diagnostics.some((d) => d.severity === 'error')) return text;
  const code = codeLines(tokens);
  const entries = attachComments(code, ast.comments, tokens);
  if (!entries) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = render(entries);
  return lines.length === 0 ? '' : lines.join(eol) + eol;
}

/** Splits the tokens into logical lines: at line breaks outside ( … ), after `{`, around `}`. */
function codeLines(tokens: Token[]): CodeLine[] {
  const out: CodeLine[] = [];
  let current: Token[] = [];
  let depth = 0;
  let parens = 0;
  const flush = (depthAfter = depth) => {
    if (current.length === 0) return;
    out.push({
      kind: 'code', tokens: current, depth: Math.min(depth, depthAfter), depthAfter,
      firstLine: current[0].range.start.line, lastLine: current[current.length - 1].range.end.line,
    });
    current = [];
  };
  // `residual linear { dense 4 relu }` and `branch { }` (spec §12) stay on their one line: the
  // tokens from such a `{` to its `}` are read as part of the line.
  let inline = -1;
  tokens.forEach((t, i) => {
    if (i <= inline) {
      current.push(t);
      return;
    }
    if (t.kind === '{') {
      const close = oneLine(tokens, i);
      if (close > 0) {
        inline = close;
        current.push(t);
        return;
      }
    }
    switch (t.kind) {
      case 'newline':
        if (parens === 0) flush();
        break;
      case 'eof':
        flush();
        break;
      case '{':
        current.push(t);
        flush(depth + 1);
        depth++;
        break;
      case '}':
        flush();
        depth--;
        current.push(t);
        flush();
        break;
      default:
        if (t.kind === '(') parens++;
        if (t.kind === ')') parens--;
        current.push(t);
    }
  });
  return out;
}

/** The index of the `}` closing the `{` at `open` on the same line with no other `{` between, else -1. */
function oneLine(tokens: Token[], open: number): number {
  for (let j = open + 1; j < tokens.length; j++) {
    const k = tokens[j].kind;
    if (k === '}') return j;
    if (k === '{' || k === 'newline' || k === 'eof') return -1;
  }
  return -1;
}

/**
 * Merges code, comments and blank lines in source order, in one sweep over the lines. A comment on
 * a line with code trails the last logical line ending there. A run of blank lines is one entry,
 * as only one of them is kept. Returns undefined for a comment inside a multi-line ( … ): it
 * cannot be kept in place once the group is joined onto one line.
 */
function attachComments(code: CodeLine[], comments: Comment[], tokens: Token[]): Entry[] | undefined {
  const last = tokens[tokens.length - 1].range.start.line;
  // 1 for each source line holding a token or inside a logical line.
  const used = new Uint8Array(last + 1);
  for (const t of tokens) if (t.kind !== 'newline' && t.kind !== 'eof') used[t.range.start.line] = 1;
  const endingOn = new Map<number, CodeLine>(); // the last logical line ending on each source line
  for (const c of code) {
    for (let l = c.firstLine; l <= c.lastLine; l++) used[l] = 1;
    endingOn.set(c.lastLine, c);
  }
  const alone = new Map<number, Comment>(); // comments on lines of their own
  for (const comment of comments) {
    const line = comment.range.start.line;
    if (!used[line]) {
      alone.set(line, comment);
      continue;
    }
    const owner = endingOn.get(line);
    if (!owner) return undefined;
    owner.comment = comment;
  }
  const entries: Entry[] = [];
  let next = 0; // code lines come in source order; those from one source line keep theirs
  for (let l = 1; l <= last; l++) {
    while (next < code.length && code[next].firstLine === l) entries.push(Object.assign(code[next++], { line: l }));
    const comment = alone.get(l);
    if (comment) entries.push({ kind: 'comment', comment, line: l });
    else if (!used[l] && entries[entries.length - 1]?.kind !== 'blank') entries.push({ kind: 'blank', line: l });
  }
  return entries;
}

function render(entries: Entry[]): string[] {
  // One blank line per run (attachComments made each run one entry); none at the start, the end,
  // just inside `{` or just before `}`.
  const kept: Entry[] = [];
  let depth = 0;
  const depths: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.kind === 'blank') {
      const prev = kept[kept.length - 1];
      const after = entries[i + 1];
      const afterOpen = prev?.kind === 'code' && prev.tokens[prev.tokens.length - 1].kind === '{';
      const beforeClose = after?.kind === 'code' && after.tokens[0].kind === '}';
      if (!prev || !after || afterOpen || beforeClose) continue;
    }
    kept.push(e);
    depths.push(e.kind === 'code' ? e.depth : depth);
    if (e.kind === 'code') depth = e.depthAfter;
  }
  const texts = kept.map((e, i) => (e.kind === 'code' ? '  '.repeat(depths[i]) + renderTokens(e.tokens) : ''));
  alignAnnotations(kept, depths, texts);
  alignComments(kept, texts);
  return kept.map((e, i) => {
    if (e.kind === 'comment') return '  '.repeat(depths[i]) + e.comment.text;
    return texts[i];
  });
}

/** Single spaces between words; none inside ( ) or before , and :, nor before a call's `(` (but `input (28, 28, 1)`). */
function renderTokens(tokens: Token[]): string {
  let out = '';
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const call = t.kind === '(' && prev?.kind === 'name' && !(i === 1 && prev.text === 'input');
    const tight = !prev || prev.kind === '(' || t.kind === ')' || t.kind === ',' || t.kind === ':' || call;
    out += (tight ? '' : ' ') + t.text;
  });
  return out;
}

/**
 * Options read as part of the statement, not as cells: a window's (`max_pool f: 2 stride: 2`) and
 * attention's heads (`self_attention heads: 4 causal`, as spec §15 writes it), which the statement
 * cannot do without; optional settings of a layer (`keep_prob:`, `norm:`, `return:`) are cells.
 */
const HEAD_OPTIONS = ['f', 'stride', 'pad', 'heads'];

/**
 * The cells of a layer line: the head (`dense 4 tanh`, `conv2d 6 relu f: 5`) and one per
 * annotation (`W: (4, 2)`) or `keep_prob`.
 */
function layerCells(tokens: Token[]): string[] | undefined {
  if (!LAYER_KEYWORDS.includes(tokens[0].text)) return undefined;
  const starts: number[] = [];
  let parens = 0;
  tokens.forEach((t, i) => {
    if (t.kind === '(') parens++;
    if (t.kind === ')') parens--;
    if (parens === 0 && t.kind === ':' && !(starts.length === 0 && HEAD_OPTIONS.includes(tokens[i - 1].text))) starts.push(i - 1);
  });
  if (starts.length === 0) return undefined;
  const bounds = [0, ...starts, tokens.length];
  return bounds.slice(0, -1).map((b, k) => renderTokens(tokens.slice(b, bounds[k + 1])));
}

/** Neighbouring lines of one layer kind with annotations get them in columns, two spaces apart. */
function alignAnnotations(entries: Entry[], depths: number[], texts: string[]): void {
  let i = 0;
  while (i < entries.length) {
    const group: { index: number; cells: string[] }[] = [];
    const first = entries[i];
    for (let j = i; j < entries.length; j++) {
      const e = entries[j];
      const cells = e.kind === 'code' && first.kind === 'code' && e.tokens[0].text === first.tokens[0].text ? layerCells(e.tokens) : undefined;
      if (!cells) break;
      group.push({ index: j, cells });
    }
    if (group.length === 0) {
      i++;
      continue;
    }
    const widths: number[] = [];
    for (const { cells } of group) cells.forEach((c, k) => (widths[k] = Math.max(widths[k] ?? 0, c.length)));
    for (const { index, cells } of group) {
      const padded = cells.map((c, k) => (k === cells.length - 1 ? c : c.padEnd(widths[k])));
      texts[index] = '  '.repeat(depths[index]) + padded.join('  ');
    }
    i += group.length;
  }
}

/**
 * Trailing comments of neighbouring code lines start in one column: at least two spaces after the
 * longest code, or further right if the first of them already was (so hand alignment survives).
 */
function alignComments(entries: Entry[], texts: string[]): void {
  let i = 0;
  while (i < entries.length) {
    let j = i;
    while (j < entries.length && (entries[j] as CodeLine).comment) j++;
    if (j === i) {
      i++;
      continue;
    }
    // A loop, not Math.max(...lengths): a spread of 150,000 lines overflows the call stack.
    let longest = 0;
    for (let k = i; k < j; k++) longest = Math.max(longest, texts[k].length);
    const written = (entries[i] as CodeLine).comment!.range.start.column - 1;
    const column = Math.max(longest + 2, written);
    for (let k = i; k < j; k++) texts[k] = texts[k].padEnd(column) + (entries[k] as CodeLine).comment!.text;
    i = j;
  }
}
