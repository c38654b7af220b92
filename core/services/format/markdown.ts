// The course's notation inside Markdown (hovers, completion documentation). `g[l](Z[l])` is link
// syntax to Markdown, so `A[l] = g[l](Z[l])` would render as a link reading "A[l] = gl". Brackets
// are escaped outside code spans; inside one they are shown as written anyway.

/** `text` with every `[` and `]` outside a code span escaped; what is already escaped stays as it is. */
export function escapeBrackets(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      const fence = /^`+/.exec(text.slice(i))![0];
      const close = closingFence(text, i + fence.length, fence.length);
      // A run of backticks with no closing run of the same length is literal text (CommonMark).
      const end = close < 0 ? i + fence.length : close + fence.length;
      out += text.slice(i, end);
      i = end;
    } else {
      out += c === '[' || c === ']' ? `\\${c}` : c;
      i++;
    }
  }
  return out;
}

/** Where the next run of exactly `length` backticks starts at or after `from`, or -1. */
function closingFence(text: string, from: number, length: number): number {
  const runs = /`+/g;
  runs.lastIndex = from;
  for (let m = runs.exec(text); m; m = runs.exec(text)) if (m[0].length === length) return m.index;
  return -1;
}
