// Recursive-descent parser for spec §2. It never throws and never gives up: a bad token is reported
// and the parser skips to the end of that line, so one bad line never hides the errors of later
// lines. Whatever could be read of a broken statement stays in the tree for the checker.

import type { Diagnostic, Position, Range } from './api';
import type {
  Annotation, Argument, BlockDefinition, BlockInfo, CallValue, Dim, GroupKind, GroupNode, InputVolume, LayerNode, LayerNodeKind,
  LayerOption, NetworkNode, NumberValue, Setting, SourceFile, Statement, TrainNode, UseNode, Value,
} from './ast';
import { kindNamed, type LayerForm } from '../layers';
import { ACTIVATION_NAMES, GROUP_KEYWORDS, INPUT_FORM_NAMES, SETTING_NAMES, STATEMENT_KEYWORDS } from './catalog';
import { diagnostic } from './codes';
import { lex, type Token } from './lexer';
import { didYouMean, suggest } from './suggest';

export interface ParseResult {
  ast: SourceFile;
  diagnostics: Diagnostic[];
  /** the lexer's tokens, for the formatter, which would otherwise lex the text a second time */
  tokens: Token[];
}

export function parse(text: string): ParseResult {
  return new Parser(text).parseFile();
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'newline': return 'the end of the line';
    case 'eof': return 'the end of the file';
    case 'string': return 'a string';
    default: return `\`${t.text}\``;
  }
}

/** From the start of `from` to the end of `to` (never ending before `from` does). */
function span(from: Range, to: Range): Range {
  const e = to.end;
  const f = from.end;
  const later = e.line > f.line || (e.line === f.line && e.column >= f.column);
  return { start: from.start, end: later ? e : f };
}

class Parser {
  private readonly tokens: Token[];
  private readonly comments;
  private readonly diagnostics: Diagnostic[] = [];
  private i = 0;
  /** depth of ( … ) groups being read, where line breaks are allowed */
  private parens = 0;
  /** set when a piece of the current statement was missing or bad (already reported) */
  private failed = false;
  /** end of the last token consumed, for statement ranges */
  private lastEnd: Range;
  /** the parameters of the block being read: the names that may stand where a number goes */
  private params: readonly string[] = [];
  /** every name defined by `block NAME` in the file, so that a use without `( … )` still reads as one */
  private readonly blockNames = new Set<string>();

  constructor(text: string) {
    const { tokens, comments } = lex(text);
    this.tokens = tokens;
    this.comments = comments;
    this.lastEnd = tokens[0].range;
    // Lexical errors are reported once here, the first of each line only (a later one on the same
    // line is most often the same mistake); the parser then only skips over error tokens.
    let reported = 0;
    for (const t of tokens) {
      if (t.kind !== 'error' || t.range.start.line === reported) continue;
      this.diagnostics.push(diagnostic(t.code!, t.range, t.message!));
      reported = t.range.start.line;
    }
    tokens.forEach((t, k) => {
      const name = tokens[k + 1];
      if (t.kind === 'name' && t.text === 'block' && name?.kind === 'name') this.blockNames.add(name.text);
    });
  }

  parseFile(): ParseResult {
    const networks: NetworkNode[] = [];
    const blocks: BlockDefinition[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') break;
      if (t.kind === 'newline') {
        this.i++;
      } else if (t.kind === 'name' && t.text === 'network') {
        networks.push(this.parseNetwork());
      } else if (t.kind === 'name' && t.text === 'block') {
        blocks.push(this.parseBlockDefinition());
      } else {
        this.topLevelError(t);
        if (t.kind === '}') this.next();
        this.skipLine();
      }
    }
    const eof = this.peek().range;
    const ast: SourceFile = {
      kind: 'file', networks, blocks, comments: this.comments,
      range: { start: { line: 1, column: 1 }, end: eof.end },
    };
    return { ast, diagnostics: this.diagnostics, tokens: this.tokens };
  }

  // ---- token helpers ----

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== 'eof') this.i++;
    if (t.kind !== 'newline' && t.kind !== 'eof') this.lastEnd = t.range;
    return t;
  }

  private atLineEnd(): boolean {
    const k = this.peek().kind;
    return k === 'newline' || k === 'eof' || k === '}';
  }

  private error(t: Token, code: string, message: string): void {
    if (t.kind !== 'error') this.diagnostics.push(diagnostic(code, t.range, message));
  }

  private expected(what: string, t = this.peek()): void {
    // Inside ( … ) line breaks were skipped: the thing is missing at the end of the earlier line.
    const before = this.tokens[this.i - 1];
    if (this.parens > 0 && t === this.peek() && before?.kind === 'newline') t = before;
    this.error(t, 'NN104', `expected ${what}, found ${describe(t)}`);
  }

  /** Skips the rest of the line (and any `{ … }` opened on it); stops before a `}` that closes an outer block. */
  private skipLine(): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'newline' && depth === 0) return;
      if (t.kind === '}') {
        if (depth === 0) return;
        depth--;
      }
      if (t.kind === '{') depth++;
      this.next();
    }
  }

  /** After a complete statement: only a line break (or the block's `}`) may follow. */
  private endStatement(): void {
    if (this.atLineEnd()) return;
    this.error(this.peek(), 'NN104', `expected the end of the line, found ${describe(this.peek())} (one statement per line)`);
    this.skipLine();
  }

  private topLevelError(t: Token): void {
    if (t.kind === 'name' && STATEMENT_KEYWORDS.includes(t.text)) {
      this.error(t, 'NN107', `\`${t.text}\` must be inside a block: network NAME { … }`);
    } else if (t.kind === '}') {
      this.error(t, 'NN106', 'this `}` closes no block');
    } else if (t.kind === 'name') {
      const hint = didYouMean(t.text, ['network', 'block']);
      this.error(t, 'NN201', `unknown keyword \`${t.text}\`: a file holds \`network NAME { … }\` blocks${hint}`);
    } else {
      this.expected('`network NAME {`', t);
    }
  }

  // ---- blocks ----

  /** `quiet`: the line already has an error (a missing name), so a missing `{` is not a second one. */
  private openBlock(owner: string, quiet = false): BlockInfo {
    const t = this.peek();
    if (t.kind === '{') {
      this.next();
      return { range: t.range, opened: true, closed: false };
    }
    if (t.kind === 'newline') {
      // `{` on a line of its own: one mistake, reported once; the block then reads as usual.
      let j = this.i;
      while (this.tokens[j].kind === 'newline') j++;
      const brace = this.tokens[j];
      if (brace.kind === '{') {
        this.error(brace, 'NN104', `the \`{\` belongs at the end of the line of ${owner}, not on a line of its own (one statement per line)`);
        this.i = j;
        this.next();
        return { range: brace.range, opened: true, closed: false };
      }
    }
    if (!quiet) this.expected(`\`{\` after ${owner}`);
    // `network my net {`: the stray words are the one error; the `{` further on still opens the block.
    for (let j = this.i; this.tokens[j].kind !== 'newline' && this.tokens[j].kind !== 'eof'; j++) {
      if (this.tokens[j].kind === '{') {
        this.i = j;
        this.next();
        return { range: this.tokens[j].range, opened: true, closed: false };
      }
    }
    // No `{` at all: carry on as if it were there, since the lines below are most likely the body.
    this.skipLine();
    return { range: { start: t.range.start, end: t.range.start }, opened: false, closed: false };
  }

  private closeBlock(block: BlockInfo): void {
    const t = this.next(); // the `}`
    block.range = span(block.range, t.range);
    block.closed = true;
  }

  /** Whether the `}` that closed this train block starts left of the `train` keyword. */
  private dedentedClose(train: TrainNode): boolean {
    return train.body.closed && train.body.range.end.column - 1 < train.keywordRange.start.column;
  }

  /** `before`: the token the `}` should come before, or where a dedented `}` stands. */
  private unclosed(block: BlockInfo, owner: string, before: Token | Position): void {
    block.range = span(block.range, this.lastEnd);
    if (!block.opened) return; // its missing `{` is the one error already reported
    const where = 'kind' in before
      ? before.kind === 'eof' ? 'the end of the file' : `\`${before.text}\` on line ${before.range.start.line}`
      : `the \`}\` on line ${before.line}, which closes the network`;
    const brace = { start: block.range.start, end: { line: block.range.start.line, column: block.range.start.column + 1 } };
    this.diagnostics.push(diagnostic('NN105', brace, `the \`{\` of ${owner} is never closed: add a \`}\` before ${where}`));
  }

  private parseNetwork(): NetworkNode {
    const keyword = this.next();
    let name = '';
    let nameRange: Range = { start: keyword.range.end, end: keyword.range.end };
    const t = this.peek();
    if (t.kind === 'name' || t.kind === 'string' || t.kind === 'number' || t.kind === 'error') {
      // A bad name (`2nets`, `"net"`) is reported, then read as the name so the block still reads.
      if (t.kind !== 'name') this.expected('the network\'s name after `network` (letters, digits and _, not starting with a digit)');
      this.next();
      name = t.text;
      nameRange = t.range;
    } else {
      this.expected('the network\'s name after `network`');
    }
    // Without a name the header already has its error: a missing `{` too is the same unfinished line.
    const body = this.openBlock(name ? `\`network ${name}\`` : '`network`', !name);
    const statements: Statement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === '}') {
        this.closeBlock(body);
        this.endStatement();
        break;
      }
      if (t.kind === 'eof' || (t.kind === 'name' && (t.text === 'network' || (t.text === 'block' && t.range.start.column === 1)))) {
        const train = statements[statements.length - 1];
        if (train?.kind === 'train' && this.dedentedClose(train)) {
          // That `}` sits left of `train`: it was meant for the network, and train's own is missing.
          const close = train.body.range.end;
          const open = train.body.range.start;
          train.body = { range: { start: open, end: open }, opened: train.body.opened, closed: false };
          this.unclosed(train.body, '`train`', { line: close.line, column: close.column - 1 });
          body.range = span(body.range, { start: close, end: close });
          body.closed = true;
          break;
        }
        this.unclosed(body, name ? `network ${name}` : '`network`', t);
        break;
      }
      if (t.kind === 'newline') {
        this.next();
        continue;
      }
      const s = this.parseStatement();
      if (s) statements.push(s);
    }
    return { kind: 'network', name, keywordRange: keyword.range, nameRange, range: span(keyword.range, this.lastEnd), body, statements };
  }

  private parseStatement(): Statement | undefined {
    const t = this.peek();
    if (t.kind !== 'name') {
      this.expected(`a statement (${STATEMENT_KEYWORDS.join(', ')})`, t);
      this.skipLine();
      return undefined;
    }
    this.next();
    const base = { keyword: t.text, keywordRange: t.range };
    let s: Statement;
    switch (t.text) {
      case 'input': {
        if (this.peek().kind === '(') {
          s = { kind: 'input', ...base, image: this.parseInputVolume(), range: t.range };
        } else if (this.peek().kind === 'name' && (this.peek(1).kind === '(' || INPUT_FORM_NAMES.includes(this.peek().text))) {
          // a form broken inside its `( … )` has its syntax error; the checker gets no half of it
          const form = this.parseCall('');
          s = { kind: 'input', ...base, form: this.failed ? undefined : form, range: t.range };
        } else {
          const size = this.parseNumber('the number of input features after `input`, e.g. `input 2`, an image size such as `input (28, 28, 1)` or `sequence(steps: T, features: n)`');
          s = { kind: 'input', ...base, size, range: t.range };
        }
        break;
      }
      case 'loss': {
        const loss = this.parseCall('a loss after `loss`, e.g. `loss cross_entropy`');
        s = { kind: 'loss', ...base, loss, range: t.range };
        break;
      }
      case 'train':
        return this.parseTrain(base);
      default: {
        const layer = kindNamed(t.text);
        if (layer) {
          s = this.parseLayer(layer.kind, layer.form, base);
          break;
        }
        if (GROUP_KEYWORDS.includes(t.text)) return this.parseGroup(t.text as GroupKind, base);
        if (this.peek().kind === '(' || this.blockNames.has(t.text)) {
          s = this.parseUse(base);
          break;
        }
        const hint = didYouMean(t.text, [...STATEMENT_KEYWORDS, ...GROUP_KEYWORDS]);
        const where = SETTING_NAMES.includes(t.text) ? `; \`${t.text}\` is a training setting: put it inside \`train { … }\`` : hint;
        this.error(t, 'NN201', `unknown statement \`${t.text}\`: expected ${STATEMENT_KEYWORDS.slice(0, -1).join(', ')} or ${STATEMENT_KEYWORDS[STATEMENT_KEYWORDS.length - 1]}${where}`);
        this.skipLine();
        return { kind: 'unknown', ...base, range: span(t.range, this.lastEnd) };
      }
    }
    // Stop at the first bad token of the line, but keep what was read: the range ends there, not
    // after a skipped `{ … }` on later lines.
    const read = this.lastEnd;
    if (this.failed) this.skipLine();
    else this.endStatement();
    this.failed = false;
    s.range = span(t.range, read);
    return s;
  }

  private fail(what: string): undefined {
    this.expected(what);
    this.failed = true;
    return undefined;
  }

  /** A layer statement of any kind, read by its form (core/layers/kind.ts LayerForm). */
  private parseLayer(kind: LayerNodeKind, form: LayerForm, base: { keyword: string; keywordRange: Range }): LayerNode {
    const node: LayerNode = { kind, ...base, annotations: [], options: [], flags: [], range: base.keywordRange };
    let count = '';
    if (form.count) {
      const n = this.parseCount(form.count.missing);
      node[form.count.field] = n;
      if (!n) return node;
      count = n.text;
    }
    if (form.activation && !this.activationLeftOut(form)) node.activation = this.parseCall(form.activation.missing(count));
    return this.parseLayerTail(node);
  }

  /**
   * Whether an activation with a default is left out: the line ends or goes on with an option or a
   * flag. A word that is no activation but close to one of the kind's flags (`bidirectonal`) is a
   * misspelt flag, so the checker's suggestion names the flag.
   */
  private activationLeftOut(form: LayerForm): boolean {
    if (form.activation?.default === undefined) return false;
    const t = this.peek();
    if (this.atLineEnd() || this.peek(1).kind === ':' || t.kind !== 'name') return true;
    const flags = form.flags ?? [];
    return flags.includes(t.text) || (!ACTIVATION_NAMES.includes(t.text) && suggest(t.text, flags) !== undefined && suggest(t.text, ACTIVATION_NAMES) === undefined);
  }

  /** The `NAME: VALUE` options, `NAME: (…)` annotations and lone words (flags) that end every layer line. */
  private parseLayerTail<N extends LayerNode>(node: N): N {
    while (!this.failed && !this.atLineEnd()) {
      const t = this.peek();
      if (t.kind === 'name' && this.peek(1).kind !== ':') {
        // a word without `:` is a flag (`bidirectional`); the checker says whether the kind takes it
        this.next();
        node.flags.push({ name: t.text, range: t.range });
        continue;
      }
      const a = this.parseAnnotation();
      if (a?.kind === 'option') node.options.push(a.option);
      else if (a) node.annotations.push(a.annotation);
    }
    return node;
  }

  /** `(N_H, N_W, N_C)` after `input`: numbers separated by commas (the checker wants three). */
  private parseInputVolume(): InputVolume {
    const open = this.next();
    const volume: InputVolume = { dims: [], range: open.range };
    this.inParens(() => {
      for (;;) {
        const n = this.parseNumber('a size in the image input, as in `input (28, 28, 1)`');
        if (!n) return false;
        volume.dims.push(n);
        this.skipNewlines();
        if (this.peek().kind !== ',') return true;
        this.next();
        this.skipNewlines();
      }
    });
    volume.range = span(open.range, this.lastEnd);
    return volume;
  }

  /** A number, or inside a block one of its parameters (spec §12: wherever a layer takes a number). */
  private parseCount(what: string): NumberValue | undefined {
    const t = this.peek();
    if (t.kind !== 'name' || !this.params.includes(t.text)) return this.parseNumber(what);
    this.next();
    return { kind: 'number', value: NaN, text: t.text, integer: true, param: t.text, range: t.range };
  }

  private parseNumber(what: string): NumberValue | undefined {
    const t = this.peek();
    if (t.kind !== 'number') return this.fail(what);
    this.next();
    return { kind: 'number', value: t.value as number, text: t.text, integer: !!t.integer, range: t.range };
  }

  /** `NAME` or `NAME(args)` */
  private parseCall(what: string): CallValue | undefined {
    const t = this.peek();
    if (t.kind !== 'name') return this.fail(what);
    this.next();
    const call: CallValue = { kind: 'call', name: t.text, nameRange: t.range, range: t.range };
    if (this.peek().kind === '(') {
      const open = this.next();
      call.args = [];
      this.inParens(() => {
        if (this.peek().kind === ')') return true;
        for (;;) {
          const arg = this.parseArgument();
          if (!arg) return false;
          call.args!.push(arg);
          this.skipNewlines();
          if (this.peek().kind === ',') {
            this.next();
            this.skipNewlines();
          } else if (this.peek().kind === ')') {
            return true;
          } else {
            this.fail('`,` or `)` in the argument list');
            return false;
          }
        }
      });
      call.argsRange = span(open.range, this.lastEnd);
      call.range = span(t.range, this.lastEnd);
    }
    return call;
  }

  private parseArgument(): Argument | undefined {
    const t = this.peek();
    if (t.kind === 'name') {
      this.next();
      if (this.peek().kind !== ':') return this.fail(`\`:\` after the argument name \`${t.text}\`, e.g. \`${t.text}: 400\``);
      this.next();
      this.skipNewlines();
      const value = this.parseNumber(`a number for \`${t.text}\``);
      if (!value) return undefined;
      return { name: t.text, nameRange: t.range, value, range: span(t.range, value.range) };
    }
    if (t.kind === 'string') {
      this.next();
      return { text: { kind: 'string', value: t.value as string, range: t.range }, range: t.range };
    }
    const value = this.parseNumber('an argument (a number, or NAME: NUMBER)');
    return value && { value, range: value.range };
  }

  /** `NAME: (ROWS, COLS)` (an annotation) or `NAME: VALUE` (an option such as `keep_prob: 0.8`). */
  private parseAnnotation(): { kind: 'annotation'; annotation: Annotation } | { kind: 'option'; option: LayerOption } | undefined {
    const t = this.peek();
    if (t.kind !== 'name') return this.fail('a shape annotation such as `W: (4, 2)` or an option such as `keep_prob: 0.8`');
    this.next();
    if (this.peek().kind !== ':') return this.fail(`\`:\` after \`${t.text}\`, as in \`${t.text}: (4, 2)\``);
    this.next();
    const v = this.peek();
    if (v.kind === 'number' || v.kind === 'name') {
      const value = v.kind === 'number' ? this.parseNumber('') : this.parseCall('');
      return { kind: 'option', option: { name: t.text, nameRange: t.range, value, range: span(t.range, this.lastEnd) } };
    }
    if (v.kind !== '(') return this.fail(`a shape \`(ROWS, COLS)\` or a value after \`${t.text}:\``);
    const open = this.next();
    const a: Annotation = { name: t.text, nameRange: t.range, dims: [], shapeRange: open.range, range: t.range };
    // Two dimensions for a matrix, four for an image-shaped one (spec §8); the checker judges the count.
    this.inParens(() => {
      for (;;) {
        const dim = this.parseDim();
        if (!dim) return false;
        a.dims.push(dim);
        this.skipNewlines();
        if (this.peek().kind !== ',') {
          if (a.dims.length > 1) return true;
          this.fail('`,` between the rows and the columns of a shape');
          return false;
        }
        this.next();
        this.skipNewlines();
      }
    });
    [a.rows, a.cols] = a.dims;
    a.shapeRange = span(open.range, this.lastEnd);
    a.range = span(t.range, this.lastEnd);
    return { kind: 'annotation', annotation: a };
  }

  private parseDim(): Dim | undefined {
    const t = this.peek();
    if (t.kind === 'number' || (t.kind === 'name' && t.text === 'm')) {
      this.next();
      return { value: t.kind === 'name' ? 'm' : (t.value as number), text: t.text, range: t.range };
    }
    return this.fail('an integer or `m` in the shape');
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.i++;
  }

  /**
   * Runs `body` just after a `(`; line breaks are allowed inside. On success consumes the `)`.
   * If the group is broken and spans lines, rewinds to the first line break inside it, so the
   * next line is parsed as a statement of its own rather than swallowed.
   */
  private inParens(body: () => boolean): void {
    const start = this.i;
    this.parens++;
    this.skipNewlines();
    let ok = body();
    if (ok) {
      this.skipNewlines();
      if (this.peek().kind === ')') this.next();
      else ok = !!this.fail('`)`');
    }
    this.parens--;
    if (ok) return;
    this.failed = true;
    for (let j = start; j < this.i; j++) {
      if (this.tokens[j].kind === 'newline') {
        this.i = j;
        // What was read ends before that line break (tokens[start - 1] is the `(`), so no range
        // reaches into the lines handed back.
        this.lastEnd = this.tokens[j - 1].range;
        return;
      }
    }
  }

  // ---- groups and blocks (spec §12) ----

  /** `residual ACT {`, `repeat N {`, `concat {`, `branch {`, `shortcut {`, then the body up to its `}`. */
  private parseGroup(kind: GroupKind, base: { keyword: string; keywordRange: Range }): GroupNode {
    const node: GroupNode = { kind, ...base, body: { range: base.keywordRange, opened: false, closed: false }, statements: [], range: base.keywordRange };
    if (kind === 'residual') node.activation = this.parseCall('the activation of the sum after `residual`, e.g. `residual relu {` (`linear` for none)');
    if (kind === 'repeat') node.count = this.parseCount('the number of copies after `repeat`, e.g. `repeat 3 {`');
    // A missing activation or count is the line's one error: a `{` further on still opens the body.
    const quiet = this.failed;
    this.failed = false;
    node.body = this.openBlock(`\`${kind}\``, quiet);
    node.statements = this.parseBody(node.body, `\`${kind}\` on line ${base.keywordRange.start.line}`, base.keywordRange, false);
    node.range = span(base.keywordRange, this.lastEnd);
    if (node.body.closed) this.endStatement();
    return node;
  }

  /**
   * The statements of a group or block up to its `}`. A `}` left of the group's keyword, or (when
   * the body is indented) a line that starts at or left of it, means the group's own `}` is
   * missing: that is reported where the group opened, and the line is handed back to the block
   * around it, so one missing `}` never swallows the rest of the network.
   */
  private parseBody(body: BlockInfo, owner: string, keyword: Range, fileLevel: boolean): Statement[] {
    const statements: Statement[] = [];
    const column = keyword.start.column;
    let indented: boolean | undefined;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'newline') {
        this.next();
        continue;
      }
      const startsLine = this.tokens[this.i - 1]?.kind === 'newline';
      const dedented = !fileLevel && startsLine && t.range.start.column < column;
      if (t.kind === '}' && !dedented) {
        this.closeBlock(body);
        break;
      }
      const outer = t.kind === 'name' && (t.text === 'network' || t.text === 'block') && startsLine && t.range.start.column === 1;
      if (t.kind === 'eof' || t.kind === '}' || outer || (!fileLevel && startsLine && indented && t.range.start.column <= column)) {
        this.unclosed(body, owner, t);
        break;
      }
      // A body begun on the `{` line (`branch { dense 2 relu`) counts as indented.
      indented ??= !startsLine || t.range.start.column > column;
      const s = this.parseStatement();
      if (s) statements.push(s);
    }
    return statements;
  }

  /** `NAME(a, b, …)`: a block's use; its arguments are numbers (or the enclosing block's parameters). */
  private parseUse(base: { keyword: string; keywordRange: Range }): UseNode {
    const node: UseNode = { kind: 'use', ...base, name: base.keyword, args: [], argsRange: base.keywordRange, range: base.keywordRange };
    if (this.peek().kind !== '(') return node;
    const open = this.next();
    this.inParens(() => this.commaList(() => {
      const n = this.parseCount(`an integer argument of \`${base.keyword}\``);
      if (n) node.args.push(n);
      return !!n;
    }, `the arguments of \`${base.keyword}\``));
    node.argsRange = span(open.range, this.lastEnd);
    return node;
  }

  /** Items separated by commas up to (not including) the `)`; false when one is broken (reported). */
  private commaList(item: () => boolean, what: string): boolean {
    if (this.peek().kind === ')') return true;
    for (;;) {
      if (!item()) return false;
      this.skipNewlines();
      if (this.peek().kind === ')') return true;
      if (this.peek().kind !== ',') return !!this.fail(`\`,\` or \`)\` in ${what}`);
      this.next();
      this.skipNewlines();
    }
  }

  /** `block NAME(P1, P2, …) { … }` at file level (spec §12). */
  private parseBlockDefinition(): BlockDefinition {
    const keyword = this.next();
    const node: BlockDefinition = {
      kind: 'block', name: '', keywordRange: keyword.range, nameRange: { start: keyword.range.end, end: keyword.range.end },
      params: [], body: { range: keyword.range, opened: false, closed: false }, statements: [], range: keyword.range,
    };
    const t = this.peek();
    if (t.kind === 'name') {
      this.next();
      node.name = t.text;
      node.nameRange = t.range;
    } else {
      this.expected('the block\'s name after `block`, e.g. `block identity(f, n_C) {`');
      this.failed = true;
    }
    if (!this.failed && this.peek().kind === '(') {
      this.next();
      this.inParens(() => this.commaList(() => {
        const p = this.peek();
        if (p.kind !== 'name') return !!this.fail('a parameter name, e.g. `block identity(f, n_C)`');
        this.next();
        node.params.push({ name: p.text, range: p.range });
        return true;
      }, `the parameters of \`${node.name}\``));
    }
    const quiet = this.failed;
    this.failed = false;
    node.body = this.openBlock(node.name ? `\`block ${node.name}\`` : '`block`', quiet);
    this.params = node.params.map((p) => p.name);
    node.statements = this.parseBody(node.body, node.name ? `block ${node.name}` : '`block`', keyword.range, true);
    this.params = [];
    node.range = span(keyword.range, this.lastEnd);
    if (node.body.closed) this.endStatement();
    return node;
  }

  private parseTrain(base: { keyword: string; keywordRange: Range }): TrainNode {
    const body = this.openBlock('`train`');
    const node: TrainNode = { kind: 'train', ...base, body, settings: [], range: base.keywordRange };
    for (;;) {
      const t = this.peek();
      if (t.kind === '}') {
        this.closeBlock(body);
        break;
      }
      if (t.kind === 'eof' || (t.kind === 'name' && (t.text === 'network' || STATEMENT_KEYWORDS.includes(t.text)))) {
        // `dense` inside train: the train block's `}` is missing; hand the line back to the network.
        this.unclosed(body, '`train`', t);
        break;
      }
      if (t.kind === 'newline') {
        this.next();
        continue;
      }
      const s = this.parseSetting();
      if (s) node.settings.push(s);
    }
    node.range = span(base.keywordRange, this.lastEnd);
    if (body.closed) this.endStatement();
    return node;
  }

  private parseSetting(): Setting | undefined {
    const t = this.peek();
    if (t.kind !== 'name') {
      this.expected('a training setting such as `learning_rate 0.01`', t);
      this.skipLine();
      return undefined;
    }
    this.next();
    const setting: Setting = { kind: 'setting', name: t.text, nameRange: t.range, range: t.range };
    setting.value = this.parseValue(`a value after \`${t.text}\``);
    const read = this.lastEnd;
    if (this.failed) this.skipLine();
    else this.endStatement();
    this.failed = false;
    setting.range = span(t.range, read);
    return setting;
  }

  private parseValue(what: string): Value | undefined {
    const t = this.peek();
    if (t.kind === 'number') return this.parseNumber(what);
    if (t.kind === 'string') {
      this.next();
      return { kind: 'string', value: t.value as string, range: t.range };
    }
    return this.parseCall(what);
  }
}
