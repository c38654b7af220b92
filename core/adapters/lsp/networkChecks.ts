// Re-analysis of only the edited network. A file holds several `network { … }` blocks and a
// keystroke changes one of them, so each network's check (its diagnostics and NetworkInfo) is kept
// and reused while its text is unchanged; the file is still parsed whole, which is what finds where
// each network starts and ends. A network's check depends on nothing else than
// - its lines, and where it starts and ends on them (every position in its results is absolute);
// - the syntax errors inside it (a network with one gets no NetworkSpec);
// - the files it read: Analyses forgets the checks that read a file when the file changes, and all
//   of them when what may be read changes (workspace trust);
// - the other networks' names (NN214, a name used twice): a file that repeats a name, or holds no
//   network at all (NN221), is checked whole, as the checker always did;
// - the file's block definitions (spec §12) and the syntax errors inside them: a use expands its
//   block, and a block with an error leaves the network untrainable. Their text is part of every
//   network's key, and what the checker says about the definitions themselves (reported once, in
//   the definition) is kept apart and given once, not once per network.

import type { Diagnostic, FileAccess, NetworkInfo, Range, SourceFile } from '../../language';
import { check, type CheckResult } from '../../language/checker';

interface Checked {
  diagnostics: Diagnostic[];
  info: NetworkInfo;
  /** absolute paths of the files this check read */
  reads: Set<string>;
}

/** The files a check may read, recording each path in `reads`; null: read none (an untitled document). */
export type Access = (reads: Set<string>) => FileAccess | null;

/** One document's checked networks, from its last analysis. */
export class NetworkChecks {
  private kept = new Map<string, Checked>();
  /** the diagnostics of the block definitions, by the text they were checked on */
  private definitions = { key: '', diagnostics: [] as Diagnostic[] };

  /**
   * Checks `ast`, the parse of `text`, as the checker does, checking again only the networks whose
   * key changed since the last call; adds the paths of every file the result depends on to `reads`.
   */
  check(text: string, ast: SourceFile, syntax: readonly Diagnostic[], access: Access, resolve: (p: string) => string, reads: Set<string>): CheckResult {
    const names = ast.networks.map((node) => node.name).filter((name) => name !== '');
    if (ast.networks.length === 0 || new Set(names).size < names.length) {
      this.kept.clear();
      return check(ast, syntax, access(reads), resolve);
    }
    const starts = lineStarts(text);
    const errorsIn = ({ start, end }: Range): Diagnostic[] => syntax.filter((d) => d.severity === 'error' && d.range.start.line >= start.line && d.range.start.line <= end.line);
    const keyOf = (range: Range, errors: readonly Diagnostic[]): string =>
      `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column} ${errors.map((d) => `${d.range.start.line}:${d.range.start.column}`).join(' ')}\n` +
      text.slice(starts[range.start.line - 1], starts[range.end.line] ?? text.length);
    const blockErrors = ast.blocks.flatMap((block) => errorsIn(block.range));
    const blocksKey = ast.blocks.map((block) => keyOf(block.range, errorsIn(block.range))).join('');
    const inDefinition = (d: Diagnostic): boolean => ast.blocks.some(({ range }) => d.range.start.line >= range.start.line && d.range.start.line <= range.end.line);
    const kept = new Map<string, Checked>();
    const result: CheckResult = { diagnostics: [], networks: [] };
    for (const node of ast.networks) {
      const inside = errorsIn(node.range);
      const key = `${keyOf(node.range, inside)}${blocksKey}`;
      let checked = this.kept.get(key) ?? kept.get(key);
      if (!checked) {
        const own = new Set<string>();
        const alone = check({ ...ast, networks: [node] }, [...inside, ...blockErrors], access(own), resolve);
        if (this.definitions.key !== blocksKey) this.definitions = { key: blocksKey, diagnostics: alone.diagnostics.filter(inDefinition) };
        checked = { diagnostics: alone.diagnostics.filter((d) => !inDefinition(d)), info: alone.networks[0], reads: own };
      }
      kept.set(key, checked);
      result.diagnostics.push(...checked.diagnostics);
      result.networks.push(checked.info);
      for (const path of checked.reads) reads.add(path);
    }
    this.kept = kept;
    result.diagnostics.push(...this.definitions.diagnostics);
    return result;
  }

  /** Forgets the checks that read `file` (it changed on disk). */
  forgetReading(file: string): void {
    for (const [key, checked] of this.kept) if (checked.reads.has(file)) this.kept.delete(key);
  }
}

/** The offset where each line starts (line l at index l − 1), with line breaks as the lexer reads them. */
function lineStarts(text: string): number[] {
  const starts = [0];
  // Most files have no CR: indexOf's native search then finds each line in one call.
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    starts.push(i + 1);
  }
  return starts;
}
