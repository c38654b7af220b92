// Text from outside — file names, paths, names in a .nn file — shown where a hidden character would
// act rather than be seen: ESC or OSC 52 in a terminal (colours, a rewritten clipboard), CR over a
// line already printed, a newline that ends a Python comment, a bidi override that reorders what a
// reader sees. One rule for what counts as hidden; each place escapes it in its own syntax.

/**
 * Everything but letters, marks, digits, punctuation, symbols and the plain space: controls (C0,
 * DEL, C1), line and paragraph separators, other spaces, format characters (bidi overrides,
 * zero-width), lone surrogates, private-use and unassigned code points.
 */
const HIDDEN = /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu;

/** `text` with each hidden character replaced by `escape(its code point)`. */
export function replaceHidden(text: string, escape: (code: number) => string): string {
  return text.replace(HIDDEN, (ch) => escape(ch.codePointAt(0)!));
}

/** For a terminal, a log or a viewer: ESC as `\x1b`, a bidi override as `\u{202e}`. */
export function printable(text: string): string {
  return replaceHidden(text, (code) => (code < 0x100 ? `\\x${hex(code, 2)}` : `\\u{${code.toString(16)}}`));
}

/** `code` in lower-case hexadecimal, at least `digits` long. */
export function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}
