// Large `.nn` inputs, one per shape that has made (or could make) the checker or the formatter
// slower than linear: each once took quadratic time somewhere, or stresses a loop that could.
// Shared by the linear-time test in fuzz.test.ts and the benchmark test/bench/check.mjs.

/** `unit` repeated to exactly `chars` characters. */
function repeat(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

const HEAD = 'network a {\n  input 2\n';
const TAIL = '  dense 1 sigmoid\n}\n';

/** Each makes a text of about `chars` characters (within a few dozen). */
export const LARGE_SHAPES: Readonly<Record<string, (chars: number) => string>> = {
  // Unclosed networks: every one has a syntax error, which the checker once looked for in every network.
  'many networks': (n) => repeat('network a {\n', n),
  // `network` typed alone, over and over: a header with no name, no `{` and no body.
  'bare headers': (n) => repeat('network\n', n),
  // Valid networks with the same name: one duplicate-name error each.
  'duplicate networks': (n) => repeat('network a {\n  input 2\n  dense 1 sigmoid\n}\n', n),
  // Blank lines: the formatter once looked ahead from each blank line for the next non-blank one.
  'blank lines': (n) => HEAD + '\n'.repeat(n) + TAIL,
  // The same with old Mac line breaks.
  'CR line breaks': (n) => HEAD + '\r'.repeat(n) + TAIL,
  // Annotated layers with trailing comments: one alignment group, once a Math.max(...spread).
  'many layers': (n) => HEAD + repeat('  dense 2 tanh  W: (2, 2)  # c\n', n) + TAIL,
  'comment lines': (n) => repeat('# a comment\n', n) + HEAD + TAIL,
  'deep parentheses': (n) => HEAD + '  dense 1 sigmoid  W: ' + '('.repeat(n) + '\n}\n',
  'long line': (n) => HEAD + '  dense 1 sigmoid ' + repeat('x ', n) + '\n}\n',
  'many arguments': (n) => HEAD + '  dense 1 leaky_relu(' + repeat('1, ', n) + '1)\n}\n',
  'line breaks in ( )': (n) => HEAD + '  dense 1 leaky_relu(' + '\n'.repeat(n) + '0.1)\n}\n',
  // An unclosed `(` whose group ends only at the last line: read once, then handed back line by line.
  'unclosed ( over many lines': (n) => HEAD + '  dense 1 leaky_relu(1,\n' + repeat('  dense 1 tanh\n', n) + '}\n',
  'stray } lines': (n) => repeat('}\n', n),
  'stray characters': (n) => repeat('@ \n', n),
  'single quotes': (n) => repeat("'", n),
  'open braces': (n) => 'network a ' + '{'.repeat(n),
  'one long word': (n) => HEAD + '  dense 1 ' + 'a'.repeat(n) + '\n}\n',
  'many settings': (n) => HEAD + TAIL.slice(0, -2) + '  train {\n' + repeat('    seed -1\n', n) + '  }\n}\n',
  'nested train blocks': (n) => HEAD + repeat('  train {\n', n) + '}\n',
};
